// A Hugging Face config.json given by the user: JSON syntax errors name their line, and the config must
// describe a model the simulator can build (the missing or bad field is named).
import { invalid } from '../domain/errors';
import { modelFromConfig } from '../sim/model';

export function parseModelConfig(id: string, text: string, fileName: string): Record<string, unknown> {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const lineCol = /line (\d+) column/.exec(msg);
    const line = lineCol ? Number(lineCol[1]) : pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
    throw invalid(`is not valid JSON: ${msg.replace(/\s*\(line \d+ column \d+\)/, '')}`, { file: fileName, line });
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw invalid('must be a JSON object (a Hugging Face config.json)', { file: fileName, line: 1 });
  }
  const cfg = config as Record<string, unknown>;
  modelFromConfig(id, cfg, { source: fileName });
  return cfg;
}
