// The per-strategy summary of a comparison as a table of strings (the CSV and the PDF's comparison table are
// this one table; the recommendation is recommendation.ts). Renderer-safe: types only, no Node, no zod.
import type { ComparisonResult, DeploymentSummary, StrategyOutcome } from '../sim/search/types';
import { STRATEGY_LABELS, type StrategyId } from '../domain/strategy';
import { chosenDeployment } from '../sim/search/chosen';
import { engineLabel } from '../sim/engine-names';
import { fixed, yesNo } from './format';
import { schedulerSettingsText } from './settings';

/** The strategies' display names, as main/domain/strategy.ts defines them. */
export const STRATEGY_NAMES: Record<StrategyId, string> = STRATEGY_LABELS;

export { chosenDeployment };

export interface SummaryColumn {
  /** CSV header (snake_case, unit in the name). */
  key: string;
  /** Table header on paper. */
  label: string;
  unit: string;
  /** The unit as the paper table's header shows it (short). */
  paperUnit: string;
  description: string;
  numeric: boolean;
  cell(o: StrategyOutcome, d: DeploymentSummary | null, result: ComparisonResult): string;
}

const SHORT_UNITS: Record<string, string> = {
  count: '', 'USD per hour': '$/h', 'requests/s': 'req/s', 'tokens/s': 'tok/s', s: 's', ms: 'ms', 'USD per 1M input tokens': '$',
  'USD per 1M output tokens': '$', 'USD per 1M tokens': '$', 'J per token': 'J', 'fraction 0–1': '0–1',
};

const num = (key: string, label: string, unit: string, description: string, get: (d: DeploymentSummary) => number | undefined, digits: number): SummaryColumn => ({
  key, label, unit, paperUnit: SHORT_UNITS[unit] ?? unit, description, numeric: true, cell: (_o, d) => (d ? fixed(get(d), digits) : ''),
});

/** The GPU types a deployment runs on: its instances', or every pool's where the run did not keep instances. */
function gpuTypesOf(d: DeploymentSummary | null, result: ComparisonResult): string[] {
  const all = (result.calibrations ?? []).map((c) => c.gpuTypeId);
  if (!d?.instances) return all;
  const used = new Set(d.instances.map((i) => i.gpuTypeId));
  return all.filter((id) => used.has(id));
}

/**
 * "nvidia-h100-sxm: datasheet only; amd-mi300x: calibration #2 (shipped, held-out error 8.1%)": which
 * calibration each GPU type of the deployment ran with. Runs stored before calibrations were applied say so.
 */
export function calibrationCell(d: DeploymentSummary | null, result: ComparisonResult, o?: Pick<StrategyOutcome, 'calibrations'>): string {
  // A strategy whose engine profile picked records of its own names those (StrategyOutcome.calibrations).
  const list = o?.calibrations ?? result.calibrations;
  if (!list) return 'not recorded (run stored before calibrations were applied)';
  const ids = new Set(gpuTypesOf(d, result));
  return list.filter((c) => ids.has(c.gpuTypeId)).map((c) => `${c.gpuTypeId}: ${c.label}`).join('; ');
}

export const SUMMARY_COLUMNS: SummaryColumn[] = [
  { key: 'strategy', label: 'Strategy', unit: 'id', paperUnit: '', description: 'strategy id', numeric: false, cell: (o) => o.strategy },
  { key: 'strategy_name', label: 'Name', unit: 'text', paperUnit: '', description: 'strategy name', numeric: false, cell: (o) => STRATEGY_NAMES[o.strategy] ?? o.strategy },
  { key: 'deployment', label: 'Deployment', unit: 'text', paperUnit: '', description: 'instances chosen: count × pool, tensor-parallel width (TP), role; "(pinned)" when the user fixed it instead of the search', numeric: false, cell: (o, d) => (d ? `${d.label}${o.pinned ? ' (pinned)' : ''}` : '') },
  { key: 'meets_slo', label: 'Meets SLOs', unit: 'yes/no', paperUnit: '', description: 'yes when the deployment met every SLO on the whole replayed workload', numeric: false, cell: (_o, d) => (d ? yesNo(d.meetsSlo) : 'no') },
  num('gpus', 'GPUs', 'count', 'GPUs the deployment uses', (d) => d.gpus, 0),
  num('usd_per_hour', 'Price', 'USD per hour', 'price of those GPUs per hour', (d) => d.usdPerHour, 2),
  num('throughput_rps', 'Throughput', 'requests/s', 'completed requests per second of simulated time', (d) => d.metrics.throughput.requestsPerS, 3),
  num('output_tokens_per_s', 'Output tok/s', 'tokens/s', 'output tokens generated per second', (d) => d.metrics.throughput.outputTokensPerS, 1),
  num('goodput_rps', 'Goodput', 'requests/s', 'requests per second that met both the TTFT and the TBT SLO', (d) => d.metrics.goodputRps, 3),
  num('max_goodput_rps', 'Max goodput', 'requests/s', 'goodput at the highest arrival-rate multiple still meeting the SLOs (empty when not probed)', (d) => d.maxGoodputRps, 3),
  num('ttft_p50_s', 'TTFT P50', 's', 'time to first token, median', (d) => d.metrics.ttft.p50, 3),
  num('ttft_p99_s', 'TTFT P99', 's', 'time to first token, 99th percentile', (d) => d.metrics.ttft.p99, 3),
  num('tbt_p50_ms', 'TBT P50', 'ms', 'time between tokens, median', (d) => d.metrics.tbt.p50 * 1000, 1),
  num('tbt_p99_ms', 'TBT P99', 'ms', 'time between tokens, 99th percentile', (d) => d.metrics.tbt.p99 * 1000, 1),
  num('usd_per_1m_input', '$/1M in', 'USD per 1M input tokens', 'the bill (idle time included) split between prompts and generation by the busy time each caused: the prompts\' share per million input tokens', (d) => d.metrics.usdPer1MInputTokens, 4),
  num('usd_per_1m_output', '$/1M out', 'USD per 1M output tokens', 'the generation share of the same bill per million output tokens', (d) => d.metrics.usdPer1MOutputTokens, 4),
  num('usd_per_1m_tokens', '$/1M tok', 'USD per 1M tokens', 'the whole bill per million tokens, input and output together', (d) => d.metrics.usdPer1MTokens, 4),
  num('joules_per_token', 'J/token', 'J per token', 'energy per token: busy seconds × the GPUs\' TDP, over all tokens', (d) => d.metrics.joulesPerToken, 3),
  num('slo_attainment', 'SLO attainment', 'fraction 0–1', 'share of requests meeting both SLOs', (d) => d.metrics.sloAttainment, 3),
  num('utilization', 'Utilization', 'fraction 0–1', 'GPU-seconds busy over GPU-seconds paid', (d) => d.metrics.utilization, 3),
  num('prefix_hit_rate', 'Prefix hit rate', 'fraction 0–1', 'prefix caching: prompt tokens found cached over prompt tokens of the requests admitted (empty when caching was off)', (d) => d.metrics.prefixCache?.hitRate, 3),
  num('prefill_tokens_saved', 'Prefill saved', 'tokens', 'prompt tokens not prefilled because they were cached (empty when caching was off)', (d) => d.metrics.prefixCache?.savedTokens, 0),
  {
    key: 'prefix_cache_per_instance', label: 'Prefix cache per instance', unit: 'text', paperUnit: '', numeric: false,
    description: 'per instance, in the deployment\'s order: its hit rate and the prefill tokens it saved ("i0 0.412 / 120345 tok; …"); empty when caching was off',
    cell: (_o, d) => (d?.metrics.prefixCache ? d.metrics.prefixCache.perInstance.map((x, i) => `i${i} ${x.hitRate.toFixed(3)} / ${Math.round(x.savedTokens)} tok`).join('; ') : ''),
  },
  { key: 'engine', label: 'Engine', unit: 'id', paperUnit: '', description: 'serving-engine profile every deployment of the strategy was simulated with (assets/engines), or default for fleetplan\'s own scheduler; empty for runs stored before engines were kept', numeric: false, cell: (o, d) => engineOf(o, d) },
  { key: 'engine_name', label: 'Serving engine', unit: 'text', paperUnit: '', description: 'that engine\'s name and the versions its profile was read from', numeric: false, cell: (o, d) => (engineOf(o, d) ? engineLabel(engineOf(o, d)) : '') },
  { key: 'scheduler_settings', label: 'Scheduler settings', unit: 'text', paperUnit: '', description: 'the router, then per group of alike instances: token budget (tokens per iteration), prefill chunk (tokens), running requests at most, when KV is reserved, KV kept free (%), prefill order and decode admission', numeric: false, cell: (_o, d) => schedulerSettingsText(d?.settings) },
  {
    key: 'calibration', label: 'Calibration', unit: 'text', paperUnit: '', numeric: false, cell: (o, d, r) => calibrationCell(d, r, o),
    description: 'per GPU type of the deployment, the calibration its figures ran with and that calibration\'s held-out error ("datasheet only": no measurements, the datasheet and the H100-fitted curves)',
  },
];

/** The engine a strategy ran under (its outcome says; older runs only through the deployment's settings). */
function engineOf(o: StrategyOutcome, d: DeploymentSummary | null): string {
  return o.engine ?? d?.settings?.engine ?? '';
}

export interface Table {
  header: string[];
  rows: string[][];
}

export function summaryTable(result: ComparisonResult): Table {
  return {
    header: SUMMARY_COLUMNS.map((c) => c.key),
    rows: result.strategies.map((o) => {
      const d = chosenDeployment(o);
      return SUMMARY_COLUMNS.map((c) => c.cell(o, d, result));
    }),
  };
}
