// Pinned deployments on the Compare screen: a strategy's chosen deployment kept fixed for the next run, in
// the form the search reports it (DeploymentSummary.instances), described in words with the diagram's role
// names. Pure, unit-tested.
import type { StrategyId } from '../../../../main/domain/comparison';
import type { DeploymentPin, DeploymentSummary, StrategyOutcome } from '../../../../main/domain/result';
import { ROLE_TEXT } from '../../charts/deployment-model';

/** "2 × TP4 on H100 node (prefill + decode)": one instance group in words. */
function groupText(g: DeploymentPin['instances'][number]): string {
  const what = [ROLE_TEXT[g.role], g.layers !== undefined ? `${g.layers} layers` : ''].filter(Boolean).join(', ');
  return `${g.count} × TP${g.tp} on ${g.pool} (${what})`;
}

/** The whole pinned deployment in words; pipeline stages in order, joined by arrows. */
export function describePin(pin: DeploymentPin): string {
  const groups = pin.strategy === 'pipeline' ? [...pin.instances].sort((a, b) => (a.stage ?? 0) - (b.stage ?? 0)) : pin.instances;
  return groups.map(groupText).join(pin.strategy === 'pipeline' ? ' → ' : ' + ');
}

/** The deployment a result row shows: the searched choice, or the pinned one even when it missed the SLOs. */
export function shownDeployment(o: StrategyOutcome): DeploymentSummary | null {
  return o.bestByCost ?? o.pinned ?? null;
}

/** The pin that would keep `d` fixed; null for runs stored before deployments kept their structure. */
export function pinOf(strategy: StrategyId, d: DeploymentSummary | null): DeploymentPin | null {
  return d?.instances && d.instances.length > 0 ? { strategy, instances: d.instances.map((g) => ({ ...g })) } : null;
}

const groupKey = (g: DeploymentPin['instances'][number]) => [g.pool, g.gpuTypeId, g.tp, g.pp ?? 1, g.role, g.count, g.layers ?? '', g.stage ?? ''].join('|');

/** Same strategy and the same instance groups (in the order the search reports them; key order aside). */
export function samePin(a: DeploymentPin | null | undefined, b: DeploymentPin | null | undefined): boolean {
  return !!a && !!b && a.strategy === b.strategy && a.instances.map(groupKey).join('\n') === b.instances.map(groupKey).join('\n');
}

/** Adds or replaces the pin of its strategy (one pin per strategy). */
export function withPin(pins: DeploymentPin[], pin: DeploymentPin): DeploymentPin[] {
  return [...pins.filter((p) => p.strategy !== pin.strategy), pin];
}

/** A stored run's pins (its scenario's), for the form when the run is reopened; junk is dropped. */
export function pinsOfScenario(scenario: Record<string, unknown> | undefined): DeploymentPin[] {
  const pins = scenario?.pins;
  if (!Array.isArray(pins)) return [];
  return pins.filter((p): p is DeploymentPin => !!p && typeof p === 'object' && typeof (p as DeploymentPin).strategy === 'string' && Array.isArray((p as DeploymentPin).instances));
}
