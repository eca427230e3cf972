// The scheduler settings a deployment ran with, in the planner's words and units, for the CSV and the PDF
// (one text, so paper and spreadsheet agree). Renderer-safe: types and plain functions only.
import type { RunSettings } from '../sim/strategies/types';

type Group = RunSettings['instances'][number];

const KV_RULE: Record<string, string> = {
  prompt: 'KV for the whole prompt reserved at admission',
  chunk: 'KV taken chunk by chunk as prefill runs',
};

const ROLE: Record<string, string> = { mixed: 'prefill and decode', prefill: 'prefill only', decode: 'decode only' };

/** "2 × H100 node TP4 (prefill and decode): token budget 2048 tokens per iteration, chunks of at most 2048 tokens, …". */
export function groupSettingsText(g: Group): string {
  const parts = [
    `token budget ${g.tokenBudget} tokens per iteration`,
    `prefill chunks of at most ${g.chunkSize} tokens`,
    `at most ${g.maxRunning} running requests`,
    ...(g.maxInFlight ? [`at most ${g.maxInFlight} prompts in flight`] : []),
    KV_RULE[g.kvAllocation] ?? `KV rule ${g.kvAllocation}`,
    `${+(g.watermark * 100).toFixed(2)}% of KV kept free`,
    `prefill order ${g.prefillOrder}`,
    `decode admission ${g.decodeAdmission}`,
  ];
  return `${g.count} × ${g.label} (${ROLE[g.role] ?? g.role}): ${parts.join(', ')}`;
}

/** Router, then each group of alike instances; '' for a deployment stored before settings were kept. */
export function schedulerSettingsText(s: RunSettings | undefined): string {
  if (!s) return '';
  return [`router ${s.router}`, ...s.instances.map(groupSettingsText)].join('; ');
}
