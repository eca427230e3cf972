// A deployment as structured data for its diagram: groups of identical instances (pool, GPU type, width,
// role) and the flows of KV cache (or pipeline activations) between groups with the links they take.
// Derived from the Deployment the search simulated, so the picture cannot disagree with what was simulated.
import type { Deployment } from '../strategies';
import type { InstanceSpec, TransferPath } from '../strategies/types';
import type { DeploymentInstance, DeploymentRole, KvFlow } from './types';

/** "nvlink", "roce → roce", "device-to-host → roce → host-to-device (staged, layout converted)". */
export function describePath(path: TransferPath): string {
  const hops = path.hops.map((h) => h.name).join(' → ');
  const how = [path.storeAndForward ? 'staged' : '', path.convertSPerByte > 0 ? 'layout converted' : ''].filter(Boolean).join(', ');
  return how ? `${hops} (${how})` : hops;
}

function groupOf(list: DeploymentInstance[], i: InstanceSpec, role: DeploymentRole, extra: { layers?: number; stage?: number } = {}) {
  const pp = i.pp > 1 ? i.pp : undefined;
  const found = list.find((g) => g.pool === i.pool && g.tp === i.tp && g.role === role && g.pp === pp && g.layers === extra.layers && g.stage === extra.stage);
  if (found) found.count++;
  else list.push({ pool: i.pool, gpuTypeId: i.gpuTypeId, tp: i.tp, ...(pp ? { pp } : {}), role, count: 1, ...extra });
}

/** Adds a flow between two (pool, role) ends, or its path to an existing one when the link differs. */
function addFlow(flows: KvFlow[], from: KvFlow['from'], to: KvFlow['to'], path: TransferPath, what: KvFlow['what']) {
  const text = describePath(path);
  const same = (a: KvFlow['from'], b: KvFlow['from']) => a.pool === b.pool && a.role === b.role && a.stage === b.stage;
  const f = flows.find((x) => same(x.from, from) && same(x.to, to));
  if (!f) flows.push({ from, to, path: text, what });
  else if (!f.path.split(' or ').includes(text)) f.path = `${f.path} or ${text}`;
}

export function describeDeployment(dep: Deployment): { instances: DeploymentInstance[]; kvFlows: KvFlow[] } {
  const instances: DeploymentInstance[] = [];
  const kvFlows: KvFlow[] = [];
  switch (dep.strategy) {
    case 'colocated':
      for (const i of dep.instances) groupOf(instances, i, 'mixed');
      break;
    case 'nexus':
      for (const i of dep.instances) groupOf(instances, i, 'split');
      break;
    case 'disaggregated':
      for (const i of dep.prefill) groupOf(instances, i, 'prefill');
      for (const i of dep.decode) groupOf(instances, i, 'decode');
      dep.prefill.forEach((a, x) => dep.decode.forEach((b, y) => {
        addFlow(kvFlows, { pool: a.pool, role: 'prefill' }, { pool: b.pool, role: 'decode' }, dep.kvPaths[x][y], 'KV cache');
      }));
      break;
    case 'cronus':
      for (const p of dep.pairs) groupOf(instances, p.low, 'partial-prefill');
      for (const p of dep.pairs) groupOf(instances, p.high, 'mixed');
      for (const p of dep.pairs) addFlow(kvFlows, { pool: p.low.pool, role: 'partial-prefill' }, { pool: p.high.pool, role: 'mixed' }, p.path, 'KV cache');
      break;
    case 'pipeline':
      for (const r of dep.replicas) {
        r.stages.forEach((s, k) => groupOf(instances, { ...s.instance, pp: 1 }, 'stage', { layers: s.layers, stage: k }));
        r.links.forEach((l, k) => addFlow(kvFlows, { pool: r.stages[k].instance.pool, role: 'stage', stage: k }, { pool: r.stages[k + 1].instance.pool, role: 'stage', stage: k + 1 }, l, 'activations'));
      }
      break;
  }
  return { instances, kvFlows };
}
