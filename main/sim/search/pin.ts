// Pinned deployments: a deployment the user already runs (or wants to keep fixed), given in the form a result
// reports it (DeploymentSummary.instances) and turned back into the search's Candidate with the enumerator's
// own builders, so it is placed, priced and simulated exactly as the search would have. Everything a pin says
// is checked against the inventory and the model first; a PinError names the offending field.
import type { InstanceOption, WorkloadShape } from './enumerate';
import { cronusCandidate, dataParallelCandidate, disaggregatedCandidate, pipelineCandidate, pipelineParts, type Candidate } from './enumerate';
import type { DeploymentInstance, DeploymentPin, DeploymentRole, SearchProvider } from './types';
import type { StrategyId } from '../strategies/types';

/** A pin that cannot run on this inventory or model; `field` is a path such as "instances[1].tp". */
export class PinError extends Error {
  constructor(message: string, readonly field: string) {
    super(message);
  }
}

/** The roles each strategy's instance groups may have (describe.ts writes the same ones). */
export const PIN_ROLES: Record<StrategyId, DeploymentRole[]> = {
  colocated: ['mixed'],
  nexus: ['split'],
  disaggregated: ['prefill', 'decode'],
  cronus: ['mixed', 'partial-prefill'],
  pipeline: ['stage'],
};

/** KV room a pipeline stage must keep beyond its weights: splitLayers' minKvTokens default (strategies/pipeline.ts). */
const MIN_PIPELINE_KV_TOKENS = 2048;

/** Instance widths the search considers; a pin may not go outside them (the cost model is calibrated there). */
const TP_CHOICES = [1, 2, 4, 8];

interface Group {
  pool: number;
  tp: number;
  count: number;
  role: DeploymentRole;
  layers?: number;
  stage?: number;
  /** Index in pin.instances, for error fields. */
  i: number;
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;

/** Checks one instance group against the inventory and the model; returns it with its pool's index. */
function checkGroup(p: SearchProvider, modelId: string, strategy: StrategyId, g: DeploymentInstance, i: number): Group {
  const f = (k: string) => `instances[${i}].${k}`;
  const pool = p.pools.findIndex((x) => x.name === g.pool);
  if (pool < 0) throw new PinError(`no pool named "${g.pool}" in this inventory (its pools: ${p.pools.map((x) => `"${x.name}"`).join(', ')})`, f('pool'));
  const pl = p.pools[pool];
  if (g.gpuTypeId !== pl.gpuTypeId) throw new PinError(`pool "${pl.name}" holds ${pl.gpuTypeId}, not ${g.gpuTypeId}`, f('gpuTypeId'));
  if (!PIN_ROLES[strategy].includes(g.role)) {
    throw new PinError(`a ${strategy} deployment has no "${g.role}" instances; use ${PIN_ROLES[strategy].map((r) => `"${r}"`).join(' or ')}`, f('role'));
  }
  if (!isCount(g.count)) throw new PinError(`must be a whole number of instances, 1 or more (got ${g.count})`, f('count'));
  if (!isCount(g.tp)) throw new PinError(`must be a whole number of GPUs, 1 or more (got ${g.tp})`, f('tp'));
  if (!TP_CHOICES.includes(g.tp)) throw new PinError(`tensor parallelism ${g.tp} is not one fleetplan models; use 1, 2, 4 or 8`, f('tp'));
  if (g.tp > pl.gpusPerNode) throw new PinError(`an instance's GPUs share one node, and pool "${pl.name}" has ${pl.gpusPerNode} GPUs per node, fewer than tp ${g.tp}`, f('tp'));
  if (g.pp !== undefined && g.pp !== 1) throw new PinError(`each pinned instance is one pipeline stage (pp 1); a pipeline's depth comes from its stages`, f('pp'));
  // The head check first: a width the heads do not divide cannot run at all, whatever the memory.
  try {
    p.timingModel(pool, g.tp);
  } catch {
    throw new PinError(`${modelId} cannot be split ${g.tp} ways: its attention heads (or KV heads) do not divide by ${g.tp}`, f('tp'));
  }
  if (strategy === 'pipeline') {
    if (g.stage !== 0 && g.stage !== 1) throw new PinError(`a pipeline stage is 0 (first) or 1 (second), got ${g.stage}`, f('stage'));
    if (!isCount(g.layers)) throw new PinError(`a pipeline stage holds a whole number of layers, 1 or more (got ${g.layers})`, f('layers'));
  } else {
    if (g.layers !== undefined) throw new PinError(`only pipeline stages hold a share of the layers`, f('layers'));
    if (g.stage !== undefined) throw new PinError(`only pipeline stages have a stage number`, f('stage'));
    if (!p.costModel(pool, g.tp)) {
      throw new PinError(`${modelId} does not fit on ${g.tp} × ${pl.gpuTypeId} of pool "${pl.name}" with room for a useful KV cache; use a wider tp`, f('tp'));
    }
  }
  return { pool, tp: g.tp, count: g.count, role: g.role, layers: g.layers, stage: g.stage, i };
}

function exactlyOne(groups: Group[], role: DeploymentRole, strategy: StrategyId): Group {
  const found = groups.filter((g) => g.role === role);
  if (found.length !== 1) {
    throw new PinError(`a ${strategy} deployment has exactly one group of "${role}" instances, this one has ${found.length}`, found.length > 1 ? `instances[${found[1].i}].role` : 'instances');
  }
  return found[0];
}

/** Validates a pin against the provider's inventory and model; returns its groups (pool indices). */
export function checkPin(p: SearchProvider, pin: DeploymentPin, modelId = 'the model'): Group[] {
  if (!Array.isArray(pin.instances) || pin.instances.length === 0) throw new PinError('a pinned deployment needs at least one instance group', 'instances');
  const groups = pin.instances.map((g, i) => checkGroup(p, modelId, pin.strategy, g, i));
  // Each pool must hold every GPU the pin puts on it.
  p.pools.forEach((pl, k) => {
    const on = groups.filter((g) => g.pool === k);
    const used = on.reduce((s, g) => s + g.count * g.tp, 0);
    if (used > pl.gpuCount) {
      throw new PinError(`pool "${pl.name}" has ${pl.gpuCount} GPUs, the pinned deployment needs ${used} there`, `instances[${on[on.length - 1].i}].count`);
    }
  });
  const s = pin.strategy;
  if (s === 'cronus' || s === 'pipeline') {
    const [a, b] = s === 'cronus' ? [exactlyOne(groups, 'mixed', s), exactlyOne(groups, 'partial-prefill', s)] : stages(groups);
    if (a.count !== b.count) throw new PinError(`${s === 'cronus' ? 'Cronus pairs one high-end instance with one partial-prefill instance' : 'every pipeline replica has both stages'}, so both groups need the same count (${a.count} and ${b.count})`, `instances[${b.i}].count`);
    if (a.pool === b.pool) throw new PinError(`${s === 'cronus' ? 'Cronus pairs instances of two different pools' : 'a pipeline spans two different pools'}; both groups are on "${p.pools[a.pool].name}"`, `instances[${b.i}].pool`);
    if (s === 'pipeline') checkLayers(p, a, b);
  }
  if (s === 'disaggregated') {
    exactlyOne(groups, 'prefill', s);
    exactlyOne(groups, 'decode', s);
  }
  return groups;
}

function stages(groups: Group[]): [Group, Group] {
  if (groups.length !== 2) throw new PinError(`a pipeline deployment has two stage groups (stage 0 and stage 1), this one has ${groups.length}`, 'instances');
  const first = groups.find((g) => g.stage === 0);
  const second = groups.find((g) => g.stage === 1);
  if (!first || !second) throw new PinError('a pipeline needs one group with stage 0 and one with stage 1', `instances[${groups[1].i}].stage`);
  return [first, second];
}

/** Layers add up to the model's, and each stage holds its layers' weights plus a minimum of KV cache (splitLayers' rule). */
function checkLayers(p: SearchProvider, a: Group, b: Group) {
  const m = p.model;
  if (a.layers! + b.layers! !== m.layers) {
    throw new PinError(`the stages hold ${a.layers} + ${b.layers} layers, the model has ${m.layers}`, `instances[${b.i}].layers`);
  }
  for (const g of [a, b]) {
    const perLayer = m.weightBytes / m.layers + (m.kvBytesPerToken / m.layers) * MIN_PIPELINE_KV_TOKENS;
    const fits = Math.floor(p.usableBytes(g.pool, g.tp) / perLayer);
    if (g.layers! > fits) {
      throw new PinError(`${g.layers} layers do not fit on ${g.tp} × ${p.pools[g.pool].gpuTypeId} of pool "${p.pools[g.pool].name}" (at most ${fits} with room for KV cache)`, `instances[${g.i}].layers`);
    }
  }
}

/** The search's candidate for a pin (checked first); same builders as the enumerator, so the same figures. */
export function pinnedCandidate(
  p: SearchProvider, pin: DeploymentPin, options: InstanceOption[], shape: WorkloadShape,
  capacityOf: (parts: Candidate['parts']) => { rps: number } | null, modelId?: string,
): Candidate {
  const groups = checkPin(p, pin, modelId);
  const option = (g: Group) => options.find((o) => o.pool === g.pool && o.tp === g.tp)!;
  switch (pin.strategy) {
    case 'colocated':
    case 'nexus':
      // The enumerator walks pools in inventory order; keep that order so placements (and nodes) match.
      return dataParallelCandidate(pin.strategy, p, [...groups].sort((a, b) => a.pool - b.pool || a.i - b.i).map((g) => ({ o: option(g), n: g.count })));
    case 'disaggregated': {
      const pre = groups.find((g) => g.role === 'prefill')!;
      const dec = groups.find((g) => g.role === 'decode')!;
      return disaggregatedCandidate(p, option(pre), pre.count, option(dec), dec.count);
    }
    case 'cronus': {
      const high = groups.find((g) => g.role === 'mixed')!;
      const low = groups.find((g) => g.role === 'partial-prefill')!;
      return cronusCandidate(p, option(high), option(low), high.count);
    }
    case 'pipeline': {
      const [a, b] = stages(groups);
      const parts = pipelineParts(p, a.pool, a.tp, b.pool, b.tp, a.count, [a.layers!, b.layers!]);
      const c = capacityOf(parts);
      if (!c) throw new PinError(`the pipeline leaves too little KV cache for this workload's mean request (${Math.round(shape.meanIn + shape.meanOut / 2)} tokens)`, 'instances');
      return pipelineCandidate(p, parts, c.rps);
    }
  }
}
