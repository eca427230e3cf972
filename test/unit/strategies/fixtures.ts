// A small roofline cost model standing in for the calibrated one, so strategy invariants are tested on their
// own: iteration = overhead + max(compute, memory) with FLOPs and bytes counted from the batch aggregate.
import type { BatchAggregate, InstanceCostModel, IterationCost } from '../../../main/sim/types';
import type { InstanceSpec, StrategyWorkload } from '../../../main/sim/strategies/types';

export interface StubGpu {
  name: string;
  vendor?: string;
  tflops: number;
  hbmGBps: number;
  memGb: number;
  usdPerHour: number;
}

export interface StubModel {
  params: number; // parameters
  layers: number;
  hidden: number;
  kvBytesPerToken: number;
}

export const LLAMA8B: StubModel = { params: 8e9, layers: 32, hidden: 4096, kvBytesPerToken: 131072 };
export const H100: StubGpu = { name: 'H100', tflops: 989, hbmGBps: 3350, memGb: 80, usdPerHour: 3.8 };
export const A100: StubGpu = { name: 'A100', tflops: 312, hbmGBps: 2039, memGb: 80, usdPerHour: 2.5 };
export const A10: StubGpu = { name: 'A10', tflops: 125, hbmGBps: 600, memGb: 24, usdPerHour: 0.9 };
export const MI300X: StubGpu = { name: 'MI300X', vendor: 'AMD', tflops: 1307, hbmGBps: 5300, memGb: 192, usdPerHour: 3.5 };

export function stubCostModel(g: StubGpu, m: StubModel, tp = 1): InstanceCostModel {
  const weightBytes = 2 * m.params;
  const flops = g.tflops * 1e12 * tp * 0.6;
  const bw = g.hbmGBps * 1e9 * tp * 0.8;
  const kvCap = Math.floor((g.memGb * 1e9 * tp * 0.9 - weightBytes) / m.kvBytesPerToken);
  const cost = (b: BatchAggregate): IterationCost => {
    const tokens = b.prefillTokens + b.decodeSeqs;
    const linear = (2 * m.params * tokens) / flops;
    const attn = (4 * m.layers * m.hidden * b.prefillAttnPairs) / flops;
    const mem = (weightBytes + m.kvBytesPerToken * (b.decodeKvTokens + b.prefillKvTokens)) / bw;
    const total = tokens === 0 ? 0 : 0.002 + Math.max(linear + attn, mem);
    return {
      total,
      breakdown: { qkv: 0, attention: attn, o_proj: 0, mlp: linear, norm_act: 0, lm_head: 0, tp_comm: 0, pp_comm: 0, overhead: 0.002 },
    };
  };
  // The same max(compute, memory), its time all on the larger side (the p -> infinity roofline's split).
  const demand = (b: BatchAggregate, out: Float64Array) => {
    const tokens = b.prefillTokens + b.decodeSeqs;
    const compute = ((2 * m.params * tokens) + 4 * m.layers * m.hidden * b.prefillAttnPairs) / flops;
    const bytes = weightBytes + m.kvBytesPerToken * (b.decodeKvTokens + b.prefillKvTokens);
    const mem = bytes / bw;
    out[0] = tokens === 0 ? 0 : 0.002 + Math.max(compute, mem);
    out[1] = tokens > 0 && mem > compute ? mem : 0;
    out[2] = tokens > 0 && mem <= compute ? compute : 0;
    out[3] = tokens > 0 ? bytes / tp : 0;
    out[4] = tokens > 0 ? (compute * flops) / tp : 0;
  };
  if (kvCap <= 0) throw new Error(`${m.params} params do not fit on ${tp}×${g.name}`);
  return { iterationSeconds: (b) => cost(b).total, iterationCost: cost, iterationDemandInto: demand, kvCapacityTokens: kvCap, kvBlockTokens: 16, kvBytesPerToken: m.kvBytesPerToken, gpus: tp };
}

export function stubInstance(g: StubGpu, m: StubModel = LLAMA8B, tp = 1): InstanceSpec {
  return { pool: g.name, gpuTypeId: g.name.toLowerCase(), vendor: g.vendor ?? 'NVIDIA', cm: stubCostModel(g, m, tp), tp, pp: 1, pricing: { kind: 'hourly', usdPerGpuHour: g.usdPerHour }, tdpW: 500, usdPerHour: g.usdPerHour * tp };
}

/** Seeded Poisson workload with lengths uniform in the given ranges. */
export function poissonWorkload(n: number, ratePerS: number, inRange: [number, number], outRange: [number, number], seed = 1): StrategyWorkload {
  let s = seed >>> 0 || 1;
  const rand = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const arrivalS = new Float64Array(n);
  const inputTokens = new Int32Array(n);
  const outputTokens = new Int32Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += -Math.log(1 - rand()) / ratePerS;
    arrivalS[i] = t;
    inputTokens[i] = inRange[0] + Math.floor(rand() * (inRange[1] - inRange[0] + 1));
    outputTokens[i] = outRange[0] + Math.floor(rand() * (outRange[1] - outRange[0] + 1));
  }
  return { arrivalS, inputTokens, outputTokens };
}
