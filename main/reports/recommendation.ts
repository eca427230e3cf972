// The answer a planner takes to a budget meeting: which strategy and deployment to run, what it costs by the
// hour, month and token, how much room it leaves under each SLO and above the workload's rate, why it wins,
// what it assumes, and when not to trust it. When nothing meets the SLOs: each strategy's closest miss and what
// would make it pass. One definition for the app, the PDF and the CLI. Renderer-safe: types only, no Node.
import type { RunAnswer } from '../domain/run';
import type { ComparisonResult, DeploymentInstance, DeploymentSummary, PoolPrice, StrategyOutcome } from '../sim/search/types';
import type { StrategyMetrics } from '../sim/strategies/types';
import { HOURS_PER_YEAR, SLO_FIELDS, type Slo } from '../sim/metrics';
import type { StrategyId } from '../sim/strategies/types';
import { COST_MODEL_ERROR } from './assumptions';
import { fixed } from './format';
import { chosenDeployment, STRATEGY_NAMES } from './summary';

/** A month as a twelfth of the year the owned-cost amortisation uses. */
export const HOURS_PER_MONTH = HOURS_PER_YEAR / 12;

/**
 * Two costs per token closer than this (percent) are a tie: it is the cost model's median error on whole
 * iterations of a GPU it was not fitted on (H200 from its datasheet, assets/calibration/measured/h200_iteration.csv).
 */
export const TIE_PCT = COST_MODEL_ERROR.find((e) => e.key === 'h200-heldout')!.medianPct;

export interface Fact {
  label: string;
  text: string;
}

export interface Recommendation {
  strategy: StrategyId;
  deployment: DeploymentSummary;
  /** One sentence: what it costs, by how much it beats the runner-up, and its latency against the targets. */
  reason: string;
  /** The answer in parts, in the order a planner reads them (Deploy, Cost, Per token, Margins, Headroom, Why, Assumes, Caution). */
  facts: Fact[];
  /** The runner-up costs within TIE_PCT per token: the model cannot tell the two apart. */
  tie: boolean;
}

export interface ClosestMiss {
  strategy: StrategyId;
  deployment: DeploymentSummary | null;
  /** "TBT P99 120 ms against 100 ms", one per missed target; empty when the run could not finish. */
  missed: string[];
  /** What would make it pass, computed from its figures. */
  remedies: string[];
}

const SLO_METRIC: Record<(typeof SLO_FIELDS)[number], { name: string; of: (m: StrategyMetrics) => number }> = {
  ttftP50S: { name: 'TTFT P50', of: (m) => m.ttft.p50 },
  ttftP99S: { name: 'TTFT P99', of: (m) => m.ttft.p99 },
  tbtP50S: { name: 'TBT P50', of: (m) => m.tbt.p50 },
  tbtP99S: { name: 'TBT P99', of: (m) => m.tbt.p99 },
  e2eP99S: { name: 'E2E P99', of: (m) => m.e2e.p99 },
};

/** "2 s", "84 ms": a latency as a sentence reads it. */
export function seconds(s: number): string {
  if (!Number.isFinite(s)) return '∞';
  if (s >= 1) return `${+s.toFixed(2)} s`;
  return `${+(s * 1000).toFixed(1)} ms`;
}

/** "TTFT P99 ≤ 2 s and TBT P99 ≤ 100 ms": the targets given, in the order SLO_FIELDS lists them. */
export function sloText(slo: Slo): string {
  const parts = SLO_FIELDS.filter((f) => slo[f] !== undefined).map((f) => `${SLO_METRIC[f].name} ≤ ${seconds(slo[f]!)}`);
  if (parts.length === 0) return 'no latency targets';
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Dollars: cents below $100, whole dollars with thousands separators above. */
export function dollars(usd: number): string {
  if (Math.abs(usd) < 100) return `$${fixed(usd, 2)}`;
  return `$${String(Math.round(usd)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** GPUs a group of instances holds (a Nexus pair's two halves share one set; a stage holds tp × pp). */
const groupGpus = (g: DeploymentInstance) => g.count * g.tp * (g.pp ?? 1);

const ROLE_WORDS: Record<DeploymentInstance['role'], string> = {
  mixed: '', split: 'split between prefill and decode on the same GPUs', prefill: 'prefill', decode: 'decode',
  'partial-prefill': 'partial prefill', stage: 'stage',
};

/** "4 H100 + 2 MI300X": GPUs by type, most first. */
export function gpuMix(d: DeploymentSummary, names: Map<string, string> = new Map()): string {
  const by = new Map<string, number>();
  for (const g of d.instances ?? []) by.set(g.gpuTypeId, (by.get(g.gpuTypeId) ?? 0) + groupGpus(g));
  if (by.size === 0) return count(d.gpus, 'GPU');
  return [...by].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id, n]) => `${n} ${names.get(id) ?? id}`).join(' + ');
}

/**
 * The deployment in a planner's words: instances, their width and role, and the GPUs they take, e.g.
 * "2 instances of TP2 on MI300X (4 GPUs)" rather than the label's "2×MI300X node TP2".
 */
export function deploymentWords(d: DeploymentSummary, names: Map<string, string> = new Map()): string {
  const groups = d.instances ?? [];
  if (groups.length === 0) return `${d.label} (${count(d.gpus, 'GPU')})`;
  const gpuName = (g: DeploymentInstance) => names.get(g.gpuTypeId) ?? g.gpuTypeId;
  if (d.strategy === 'pipeline') {
    const stages = groups.filter((g) => g.role === 'stage').sort((a, b) => (a.stage ?? 0) - (b.stage ?? 0));
    const first = stages.filter((g) => (g.stage ?? 0) === 0).reduce((n, g) => n + g.count, 0);
    const path = stages.map((g) => `TP${g.tp} on ${gpuName(g)}${g.layers ? ` (${g.layers} layers)` : ''}`).join(' → ');
    return `${count(first, 'pipeline')} of ${count(stages.length, 'stage')}: ${path} (${count(d.gpus, 'GPU')})`;
  }
  const parts = groups.map((g) => {
    const role = ROLE_WORDS[g.role];
    const what = `${count(g.count, 'instance')} of TP${g.tp}${g.pp && g.pp > 1 ? ` PP${g.pp}` : ''} on ${gpuName(g)} (pool ${g.pool}, ${count(groupGpus(g), 'GPU')})`;
    return role && g.role !== 'split' ? `${role}: ${what}` : role ? `${what}, ${role}` : what;
  });
  return parts.length > 1 ? `${parts.join('; ')}; ${count(d.gpus, 'GPU')} in all` : parts[0];
}

/** "TTFT P99 0.84 s against 2 s (58% under)", one per SLO target given. */
export function sloMargins(m: StrategyMetrics, slo: Slo): string[] {
  const out: string[] = [];
  for (const f of SLO_FIELDS) {
    const target = slo[f];
    if (target === undefined) continue;
    const v = SLO_METRIC[f].of(m);
    const pct = Math.round((100 * Math.abs(target - v)) / target);
    out.push(`${SLO_METRIC[f].name} ${seconds(v)} against ${seconds(target)} (${pct}% ${v <= target ? 'under' : 'over'})`);
  }
  return out;
}

function headroom(d: DeploymentSummary, result: ComparisonResult): string {
  if (result.closedLoop) return `Closed loop of ${count(result.closedLoop.users, 'user')}: the figures hold at that concurrency; no arrival rate to raise, so no headroom was probed.`;
  const sweep = d.rateSweep ?? [];
  if (sweep.length === 0 || d.maxRateMultiple === undefined) return 'Not probed for this deployment.';
  const base = sweep[0].offeredRps;
  const best = sweep.filter((s) => s.meetsSlo).reduce((a, s) => (s.rateMultiple > a.rateMultiple ? s : a), sweep[0]);
  const failed = sweep.find((s) => !s.meetsSlo);
  const at = `${+best.rateMultiple.toFixed(2)}× the busiest window's rate (${fixed(best.offeredRps, 2)} req/s against ${fixed(base, 2)} req/s)`;
  return failed
    ? `Meets the SLOs up to ${at}; misses them at ${+failed.rateMultiple.toFixed(2)}× (TTFT P99 ${seconds(failed.ttftP99S)}, TBT P99 ${seconds(failed.tbtP99S)}).`
    : `Meets the SLOs at ${at}, the probe's largest step: at least that much room.`;
}

function poolsOf(d: DeploymentSummary, result: ComparisonResult): PoolPrice[] {
  const used = new Set((d.instances ?? []).map((g) => g.pool));
  return (result.pools ?? []).filter((p) => used.has(p.pool));
}

function assumptions(d: DeploymentSummary, result: ComparisonResult): string {
  const pools = poolsOf(d, result);
  if (pools.length === 0) return 'Prices as the inventory gives them.';
  const out: string[] = [];
  const owned = pools.filter((p) => p.kind === 'owned');
  for (const p of owned) out.push(`pool ${p.pool} (${p.gpuName}) is owned, priced at ${dollars(p.usdPerGpuHour)}/GPU-hour from its purchase over its lifetime plus power; the verdict rests on that price`);
  const rented = pools.filter((p) => p.kind === 'hourly');
  if (rented.length > 0) out.push(`rented at ${rented.map((p) => `${dollars(p.usdPerGpuHour)}/GPU-hour for ${p.gpuName}`).join(', ')}`);
  const datasheet = pools.filter((p) => p.calibration === 'datasheet-only');
  if (datasheet.length > 0) out.push(`${[...new Set(datasheet.map((p) => p.gpuName))].join(' and ')} figures are predicted from the datasheet alone (no measurement calibrates them)`);
  const s = out.join('; ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

/** Strategies whose deployment meets the SLOs, cheapest per token first (ties at the table's precision by TTFT P99). */
function feasible(result: ComparisonResult): { o: StrategyOutcome; d: DeploymentSummary }[] {
  const cost = (d: DeploymentSummary) => Number(fixed(d.metrics.usdPer1MTokens, 4));
  return result.strategies
    .filter((o) => o.bestByCost)
    .map((o) => ({ o, d: o.bestByCost! }))
    .sort((a, b) => cost(a.d) - cost(b.d) || a.d.metrics.ttft.p99 - b.d.metrics.ttft.p99 || a.o.strategy.localeCompare(b.o.strategy));
}

/** The cheapest $/1M tokens among strategies whose deployment meets the SLOs; null when none does. */
export function recommendation(result: ComparisonResult): Recommendation | null {
  const ok = feasible(result);
  if (ok.length === 0) return null;
  const names = new Map((result.pools ?? []).map((p) => [p.gpuTypeId, p.gpuName]));
  const [{ o, d }, next] = ok;
  const m = d.metrics;
  const gapPct = next ? (100 * (next.d.metrics.usdPer1MTokens - m.usdPer1MTokens)) / next.d.metrics.usdPer1MTokens : Infinity;
  const tie = gapPct < TIE_PCT;
  const other = next ? `${STRATEGY_NAMES[next.o.strategy]} ($${fixed(next.d.metrics.usdPer1MTokens, 4)} per 1M tokens on ${gpuMix(next.d, names)})` : '';
  const versus = !next
    ? ', the only strategy whose deployment meets the SLOs'
    : tie
      ? `, a tie with ${other}: ${gapPct < 0.5 ? 'the same cost' : `${+gapPct.toFixed(1)}% apart`}, within the cost model's ${TIE_PCT}% error`
      : `, ${Math.round(gapPct)}% less than the next cheapest strategy meeting the SLOs, ${other}`;
  const margins = sloMargins(m, result.slo);
  const reason = `${STRATEGY_NAMES[o.strategy]} on ${gpuMix(d, names)} costs $${fixed(m.usdPer1MTokens, 4)} per 1M tokens${versus}${margins.length ? `, with ${margins.join(' and ')}` : ''}.`;

  const facts: Fact[] = [
    { label: 'Deploy', text: `${deploymentWords(d, names)}.` },
    { label: 'Cost', text: `${dollars(m.usdPerHour)}/hour at this workload's load, ${dollars(m.usdPerHour * HOURS_PER_MONTH)}/month; ${dollars(d.usdPerHour)}/hour flat out.` },
    { label: 'Per token', text: `$${fixed(m.usdPer1MTokens, 4)} per 1M tokens: $${fixed(m.usdPer1MInputTokens, 4)} per 1M input, $${fixed(m.usdPer1MOutputTokens, 4)} per 1M output.` },
    { label: 'Margins', text: margins.length ? `${margins.join('; ')}.` : 'No latency SLO was set.' },
    { label: 'Headroom', text: headroom(d, result) },
  ];
  if (next) {
    const pa = m.usdPerHour;
    const pb = next.d.metrics.usdPerHour;
    const ta = m.throughput.inputTokensPerS + m.throughput.outputTokensPerS;
    const tb = next.d.metrics.throughput.inputTokensPerS + next.d.metrics.throughput.outputTokensPerS;
    // Cost per token is price over tokens served: say which of the two ratios moved it more.
    const byPrice = Math.abs(Math.log(pb / pa)) >= Math.abs(Math.log(ta / tb));
    const term = byPrice
      ? `the price: ${dollars(pa)}/hour against ${dollars(pb)}/hour for the same traffic (${gpuMix(d, names)} against ${gpuMix(next.d, names)})`
      : `throughput: ${fixed(ta, 0)} tokens/s against ${fixed(tb, 0)} tokens/s for ${dollars(pa)}/hour against ${dollars(pb)}/hour`;
    facts.push({ label: 'Why', text: `${tie ? 'Ahead of' : 'Cheaper per token than'} ${STRATEGY_NAMES[next.o.strategy]} by ${+gapPct.toFixed(1)}%; the deciding term is ${term}.` });
  } else {
    facts.push({ label: 'Why', text: 'No other strategy met the SLOs on this inventory.' });
  }
  facts.push({ label: 'Assumes', text: assumptions(d, result) });
  const cautions: string[] = [];
  if (tie && next) cautions.push(`${STRATEGY_NAMES[next.o.strategy]} is within the cost model's ${TIE_PCT}% median error (docs/model.md): treat the two as equal and decide on latency margins, or measure both`);
  const thin = SLO_FIELDS.filter((f) => result.slo[f] !== undefined && SLO_METRIC[f].of(m) > result.slo[f]! * (1 - TIE_PCT / 100));
  if (thin.length > 0) cautions.push(`${thin.map((f) => SLO_METRIC[f].name).join(' and ')} within ${TIE_PCT}% of the target: the model's error could cross it`);
  if (cautions.length > 0) facts.push({ label: 'Caution', text: `${cautions.join('; ')}.` });
  return { strategy: o.strategy, deployment: d, reason, facts, tie };
}

/**
 * The rate a deployment was simulated against: the whole workload's for a pinned, confirmed or closest one
 * (StrategyOutcome.closest is its whole-workload run), the busiest window's for the rest
 * (ComparisonResult.windowRps; older runs: the rate sweep's 1× step).
 */
function offeredTo(d: DeploymentSummary, o: StrategyOutcome, result: ComparisonResult): number | undefined {
  if (result.closedLoop) return undefined;
  if (o.pinned === d || o.bestByCost === d || o.closest === d) return result.offeredRps;
  if (result.windowRps) return result.windowRps;
  for (const x of result.strategies) for (const s of x.simulatedDeployments) if (s.rateSweep?.length) return s.rateSweep[0].offeredRps;
  return result.offeredRps;
}

/**
 * A strategy's closest miss (its chosen deployment: highest SLO attainment, then cheapest) and what would make
 * it pass, from its own figures. When it kept up (finished, and requests waited for an iteration less than half
 * their TTFT at P99), the miss is a latency floor: the measured latency as a looser target makes it pass, and
 * more GPUs of the same type would not. When load made it miss: the GPUs that carrying the offered rate needs
 * at its measured rate per GPU (a lower bound: scaling out is at best linear) and the rate it did carry.
 */
export function closestMiss(o: StrategyOutcome, result: ComparisonResult): ClosestMiss {
  const d = chosenDeployment(o);
  if (!d) return { strategy: o.strategy, deployment: null, missed: [], remedies: ['no deployment of this strategy fits the inventory (model memory or GPU count)'] };
  const m = d.metrics;
  const names = new Map((result.pools ?? []).map((p) => [p.gpuTypeId, p.gpuName]));
  const missed: string[] = [];
  const looser: string[] = [];
  for (const f of SLO_FIELDS) {
    const target = result.slo[f];
    if (target === undefined) continue;
    const v = SLO_METRIC[f].of(m);
    if (v > target) {
      missed.push(`${SLO_METRIC[f].name} ${seconds(v)} against ${seconds(target)}`);
      looser.push(`${SLO_METRIC[f].name} ≤ ${seconds(v)}`);
    }
  }
  const remedies: string[] = [];
  const rate = offeredTo(d, o, result);
  const carried = m.throughput.requestsPerS;
  const keptUp = !m.saturated && m.completed >= m.requests && m.queueing.p99 <= 0.5 * m.ttft.p99;
  if (!keptUp && rate !== undefined && carried > 0) {
    const need = Math.max(d.gpus + 1, Math.ceil((d.gpus * rate) / carried));
    remedies.push(`more GPUs: at its ${fixed(carried / d.gpus, 3)} req/s per GPU, ${fixed(rate, 2)} req/s needs at least ${need} GPUs of this mix (${gpuMix(d, names)} now, ${d.gpus} in all)`);
    remedies.push(`a lower rate: it carried ${fixed(carried, 2)} of the ${fixed(rate, 2)} req/s offered, with requests queueing ${seconds(m.queueing.p99)} at P99`);
  } else if (looser.length > 0) {
    remedies.push(`a looser SLO: it passes with ${looser.join(' and ')}`);
    remedies.push('not more GPUs of the same type: requests hardly queue, so the miss is one request\'s own latency; a faster GPU type or a smaller model lowers it');
  }
  if (missed.length === 0 && !keptUp) missed.push(`it did not finish the workload (${m.completed} of ${m.requests} requests completed)`);
  return { strategy: o.strategy, deployment: d, missed, remedies };
}

export function closestMisses(result: ComparisonResult): ClosestMiss[] {
  return result.strategies.map((o) => closestMiss(o, result));
}

export type { RunAnswer };

export function runAnswer(result: ComparisonResult): RunAnswer {
  const rec = recommendation(result);
  if (!rec) return { strategy: null, text: `no strategy met ${sloText(result.slo)}` };
  const names = new Map((result.pools ?? []).map((p) => [p.gpuTypeId, p.gpuName]));
  return { strategy: rec.strategy, text: `${gpuMix(rec.deployment, names)} · $${fixed(rec.deployment.metrics.usdPer1MTokens, 4)} per 1M tokens${rec.tie ? ' (a tie)' : ''}` };
}
