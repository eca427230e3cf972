// Full prefill/decode disaggregation as a plan: prefill instances only prefill, decode instances only decode,
// and each request's prompt KV moves between them after its prefill over the real path (a link in one node,
// the NIC across nodes, the multi-vendor paper's host-staged path across vendors). TetriInfer's scheduling
// is an option: prefill-only chunks at the saturation size, FCFS/SJF/LJF prefill, a bucketed length
// predictor, power-of-two decode placement by heavy:light ratio, and reserve-static/-dynamic decode admission.
import type { EngineContext } from '../engine';
import { kvTransferSeconds } from '../kvtransfer';
import type { DecodeAdmission } from '../scheduler-config';
import { Rng } from '../rng';
import type { EngineId } from '../engines';
import { describeInstances, engineBase, runPlan, schedulerOf, unitOf, type Plan, type RunOptions } from './plan';
import { isHeavy, placeDecode, predictOutputs, saturationChunk, type DecodeLoad, type LengthPredictor } from './tetri';
import type { InstanceSpec, StrategyResult, StrategyWorkload, TransferPath } from './types';

export interface TetriOptions {
  prefillOrder: 'fcfs' | 'sjf' | 'ljf';
  /** Prefill chunk in tokens, or the accelerator's saturation point. */
  chunkTokens: number | 'saturation';
  predictor: LengthPredictor;
  admission: DecodeAdmission;
  /** The model's context in tokens: the saturation chunk's plateau is taken over chunks it accepts. */
  maxContextTokens?: number;
}

/** Salt on the run seed for the strategy's own random stream. */
const STRATEGY_SALT = 0x7e7a1f3;

export const TETRI_DEFAULTS: TetriOptions = {
  prefillOrder: 'sjf',
  chunkTokens: 'saturation',
  predictor: { granularity: 200, accuracy: 0.749 },
  admission: 'reserve-dynamic',
};

export interface DisaggregatedDeployment {
  strategy: 'disaggregated';
  /** Serving-engine profile of every instance; absent: the default scheduler. */
  engine?: EngineId;
  prefill: InstanceSpec[];
  decode: InstanceSpec[];
  /** kvPaths[p][d]: how KV goes from prefill instance p to decode instance d. */
  kvPaths: TransferPath[][];
  /** Stream each layer's KV while later layers compute (needs the layer count). */
  layerwiseOverlap?: boolean;
  layers?: number;
  /** TetriInfer scheduling; null or absent: plain P/D (FCFS, most free KV for decode, greedy admission). */
  tetri?: Partial<TetriOptions> | null;
  /** Plain P/D prefill iteration budget (prompt tokens batched per iteration). */
  prefillTokenBudget?: number;
}

const tag = (i: InstanceSpec) => `${i.pool} TP${i.tp}`;

export function disaggregatedPlan(dep: DisaggregatedDeployment, w: StrategyWorkload, seed: number): Plan {
  const np = dep.prefill.length;
  const nd = dep.decode.length;
  if (np === 0 || nd === 0) throw new Error('disaggregated: a deployment needs prefill and decode instances');
  if (dep.kvPaths.length !== np || dep.kvPaths.some((row) => row.length !== nd)) {
    throw new Error(`disaggregated: kvPaths must be ${np}×${nd} (prefill × decode instances)`);
  }
  const tetri = dep.tetri ? { ...TETRI_DEFAULTS, ...dep.tetri } : null;
  const specs = [...dep.prefill, ...dep.decode];
  // A salted seed keeps the strategy's draws (predictor errors, power-of-two samples) off the workload's stream.
  const rand = new Rng(seed ^ STRATEGY_SALT);
  const pred = tetri ? predictOutputs(w.outputTokens, tetri.predictor, rand) : null;
  const chunks = dep.prefill.map((inst) => (tetri ? (tetri.chunkTokens === 'saturation' ? saturationChunk(inst.cm, tetri.maxContextTokens) : tetri.chunkTokens) : dep.prefillTokenBudget ?? 8192));
  const n = w.arrivalS.length;
  const loads: DecodeLoad[] = dep.decode.map((inst) => ({ heavy: 0, light: 0, freeTokens: inst.cm.kvCapacityTokens }));
  const placedOn = new Int32Array(n).fill(-1);
  const promised = new Float64Array(n);
  const heavyReq = new Uint8Array(n);
  const egressFreeAt = new Float64Array(np);
  let ctx: EngineContext | null = null;
  let kvBytes = 0;
  let transferS = 0;
  let transfers = 0;

  return {
    strategy: 'disaggregated',
    engine: dep.engine,
    label: `prefill ${describeInstances(dep.prefill)} | decode ${describeInstances(dep.decode)}${tetri ? ' (TetriInfer)' : ''}`,
    instances: [
      ...dep.prefill.map((inst, p) => ({
        cm: inst.cm,
        // A prefill-only iteration batches prompts up to the chunk; the decode slots of the budget go unused.
        scheduler: schedulerOf({ role: 'prefill', tokenBudget: chunks[p], prefillOrder: tetri?.prefillOrder ?? 'fcfs' }, engineBase(dep.engine, inst)),
      })),
      ...dep.decode.map((inst) => ({ cm: inst.cm, scheduler: schedulerOf({ role: 'decode', decodeAdmission: tetri?.admission ?? 'greedy' }, engineBase(dep.engine, inst)) })),
    ],
    instanceLabels: [...dep.prefill.map((i) => `prefill: ${tag(i)}`), ...dep.decode.map((i) => `decode: ${tag(i)}`)],
    units: specs.map(unitOf),
    unitOf: specs.map((_, i) => i),
    // TetriInfer's global scheduler: the least-loaded prefill instance (here: the shortest expected wait).
    router: { kind: 'least-finish' },
    entry: dep.prefill.map((_, p) => p),
    predictedOutput: pred ? pred.lower : null,
    bind: (c) => {
      ctx = c;
    },
    handoff: {
      target(_view, r) {
        const heavy = pred ? isHeavy(pred.bucket[r], tetri!.predictor.granularity) : false;
        const need = w.inputTokens[r] + (pred ? pred.lower[r] : 0);
        let d: number;
        if (tetri) d = placeDecode(loads, need, heavy, rand);
        else {
          d = 0;
          for (let i = 1; i < nd; i++) if (loads[i].freeTokens > loads[d].freeTokens) d = i;
        }
        const l = loads[d];
        if (heavy) l.heavy++;
        else l.light++;
        heavyReq[r] = heavy ? 1 : 0;
        l.freeTokens -= need;
        promised[r] = need;
        placedOn[r] = d;
        return np + d;
      },
      delayS(r, from, to, now) {
        const bytes = w.inputTokens[r] * dep.prefill[from].cm.kvBytesPerToken;
        const dur = kvTransferSeconds(bytes, dep.kvPaths[from][to - np]);
        // Layer-wise: layer k's KV leaves while layer k+1 computes, so only what outlasts the prefill shows,
        // and at least the last layer's share.
        const started = ctx!.requests.scheduledS[r];
        const exposed = dep.layerwiseOverlap && dep.layers ? Math.max(dur / dep.layers, dur - (now - started)) : dur;
        // One request's KV at a time leaves an instance (its NIC or PCIe link is the bottleneck).
        const done = Math.max(now + exposed, egressFreeAt[from] + dur);
        egressFreeAt[from] = done;
        kvBytes += bytes;
        transferS += dur;
        transfers++;
        return done - now;
      },
    },
    onFinish(r) {
      const d = placedOn[r];
      if (d < 0) return;
      const l = loads[d];
      if (heavyReq[r]) l.heavy--;
      else l.light--;
      l.freeTokens += promised[r];
      placedOn[r] = -1;
    },
    extra: () => ({ kvBytes, kvTransfers: transfers, meanKvTransferS: transfers > 0 ? transferS / transfers : 0, prefillChunk: chunks[0] }),
  };
}

export function simulateDisaggregated(dep: DisaggregatedDeployment, w: StrategyWorkload, opts: RunOptions): StrategyResult {
  return runPlan(disaggregatedPlan(dep, w, opts.seed), w, opts).result;
}
