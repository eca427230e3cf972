// The serving-engine profiles by name: ids, display names and version ranges, read from the profile files
// themselves (assets/engines). Renderer-safe (no zod): the Compare form's engine select and every report
// label come from here; main/sim/engines.ts checks and applies the profiles.
import sglangFile from '../../assets/engines/sglang-0.4-0.5.json';
import trtllmFile from '../../assets/engines/trtllm-0.20-1.1.json';
import vllmV0File from '../../assets/engines/vllm-v0-0.2-0.4.json';
import vllmV1File from '../../assets/engines/vllm-v1-0.10-0.12.json';

import { ENGINE_CHOICES, ENGINE_IDS, type EngineChoice, type EngineId } from '../domain/engine';

export { ENGINE_CHOICES, ENGINE_IDS, type EngineChoice, type EngineId };

/** The name of the default, as every output prints it (RunSettings.engine 'default'). */
export const DEFAULT_ENGINE_NAME = 'fleetplan default scheduler (token budget sized to the TBT target)';

const FILES: { id: string; name: string; versions: string }[] = [vllmV1File, vllmV0File, sglangFile, trtllmFile];

/** "vLLM V1 engine (vllm serve), versions 0.10 – 0.12"; the default's name for 'default'; an unknown id as it is. */
export function engineLabel(id: string): string {
  if (id === 'default') return DEFAULT_ENGINE_NAME;
  const f = FILES.find((x) => x.id === id);
  return f ? `${f.name}, versions ${f.versions}` : id;
}

/** "vllm-v1 0.10 – 0.12": short enough for a table cell. */
export function engineShort(id: string): string {
  if (id === 'default') return 'default';
  const f = FILES.find((x) => x.id === id);
  return f ? `${id} ${f.versions}` : id;
}
