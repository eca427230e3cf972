// A strategy's own counters (DeploymentSummary.extra) in planner words and units, for the PDF's deployment
// pages: "KV cache moved between instances 10.5 GB", not "kvBytes 10511581184". Renderer-safe.
import { adaptive } from './format';

const count = (v: number) => Math.round(v).toLocaleString('en-US');
const tokens = (v: number) => `${Math.round(v).toLocaleString('en-US')} tokens`;
const pct = (v: number) => `${v.toFixed(1)}%`;
function bytes(v: number): string {
  const [d, u] = v >= 1e12 ? [1e12, 'TB'] : v >= 1e9 ? [1e9, 'GB'] : v >= 1e6 ? [1e6, 'MB'] : v >= 1e3 ? [1e3, 'kB'] : [1, 'B'];
  return `${+(v / d).toFixed(v / d >= 100 ? 0 : 1)} ${u}`;
}
const secs = (v: number) => (v >= 1 ? `${+v.toFixed(2)} s` : `${+(v * 1000).toFixed(1)} ms`);

/** Every counter a strategy reports (main/sim/strategies), with its words and its unit. */
export const COUNTERS: Record<string, { label: string; format: (v: number) => string }> = {
  iterations: { label: 'Iterations simulated', format: count },
  preemptions: { label: 'Preemptions (KV memory ran out)', format: count },
  kvBytes: { label: 'KV cache moved between instances', format: bytes },
  kvTransfers: { label: 'KV transfers', format: count },
  meanKvTransferS: { label: 'Mean KV transfer time', format: secs },
  prefillChunk: { label: 'Prefill chunk (TetriInfer)', format: tokens },
  stages: { label: 'Pipeline stages', format: count },
  kvCapacityTokens: { label: 'KV capacity of a pipeline replica', format: tokens },
  splitRequests: { label: 'Requests partly prefilled on the low-end GPU', format: count },
  splitTokens: { label: 'Tokens prefilled on the low-end GPU', format: tokens },
  meanSplitTokens: { label: 'Mean tokens prefilled there per request', format: tokens },
  ppiUtilization: { label: 'Low-end GPU busy', format: (v) => pct(v * 100) },
  meanPrefillShare: { label: 'Prefill share of the SMs, mean over time', format: pct },
  minPrefillShare: { label: 'Prefill share of the SMs, lowest', format: pct },
  maxPrefillShare: { label: 'Prefill share of the SMs, highest', format: pct },
  repartitions: { label: 'SM repartitions', format: count },
  controllerRuns: { label: 'Split controller runs', format: count },
  meanEvaluations: { label: 'Splits evaluated per controller run', format: (v) => adaptive(+v.toFixed(1)) },
};

/** "meanKvTransferS" → "mean kv transfer s": a counter added later still reads as words. */
const words = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().replace(/^./, (c) => c.toUpperCase());

/** The counters as rows of [label, value], in the table's order (known first, in COUNTERS' order). */
export function counterRows(extra: Record<string, number>): [string, string][] {
  const known = Object.keys(COUNTERS).filter((k) => k in extra);
  const other = Object.keys(extra).filter((k) => !(k in COUNTERS)).sort();
  return [...known, ...other].map((k) => (COUNTERS[k] ? [COUNTERS[k].label, COUNTERS[k].format(extra[k])] : [words(k), adaptive(extra[k])]));
}
