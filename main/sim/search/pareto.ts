// Cost–latency Pareto set: deployments that met their SLOs and that no other one beats on both cost per 1M
// tokens and TTFT P99 (ties on both keep the first, so the set has no duplicates).
import type { DeploymentSummary } from './types';

export function paretoSet(list: DeploymentSummary[]): DeploymentSummary[] {
  const ok = list.filter((d) => d.meetsSlo);
  const sorted = [...ok].sort((a, b) =>
    a.metrics.usdPer1MTokens - b.metrics.usdPer1MTokens || a.metrics.ttft.p99 - b.metrics.ttft.p99 || a.label.localeCompare(b.label));
  const out: DeploymentSummary[] = [];
  let bestLatency = Infinity;
  for (const d of sorted) {
    if (d.metrics.ttft.p99 < bestLatency) {
      out.push(d);
      bestLatency = d.metrics.ttft.p99;
    }
  }
  return out;
}

/** True when a is at least as good on both axes and strictly better on one. */
export function dominates(a: DeploymentSummary, b: DeploymentSummary): boolean {
  const ca = a.metrics.usdPer1MTokens;
  const cb = b.metrics.usdPer1MTokens;
  const la = a.metrics.ttft.p99;
  const lb = b.metrics.ttft.p99;
  return ca <= cb && la <= lb && (ca < cb || la < lb);
}
