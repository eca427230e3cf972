// Full prefill/decode disaggregation: prefill instances only prefill, decode instances only decode, and each
// request's prompt KV moves between them after its prefill over the real path (a link in one node, the NIC
// across nodes, the multi-vendor paper's host-staged path across vendors). TetriInfer's scheduling is an
// option: prefill-only chunks at the saturation size, FCFS/SJF/LJF prefill, a bucketed length predictor,
// power-of-two decode placement by heavy:light ratio, and reserve-static/-dynamic decode admission.
import { kvTransferSeconds } from '../kvtransfer';
import { Rng } from '../rng';
import { describeInstances, expectedPrefillWait, laneSpeed } from './colocated';
import { fleetMetrics, fleetOptions, mixedLane, type RunOptions } from './common';
import { completeLocally, createFleet, enqueuePrefill, runFleet, sendKv, type DecodeAdmission, type FleetHooks } from './fleet';
import { isHeavy, placeDecode, predictOutputs, saturationChunk, type DecodeLoad, type LengthPredictor } from './tetri';
import type { InstanceSpec, StrategyResult, StrategyWorkload, TransferPath } from './types';

export interface TetriOptions {
  prefillOrder: 'fcfs' | 'sjf' | 'ljf';
  /** Prefill chunk in tokens, or the accelerator's saturation point. */
  chunkTokens: number | 'saturation';
  predictor: LengthPredictor;
  admission: DecodeAdmission;
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
  prefill: InstanceSpec[];
  decode: InstanceSpec[];
  /** kvPaths[p][d]: how KV goes from prefill instance p to decode instance d. */
  kvPaths: TransferPath[][];
  /** Stream each layer's KV while later layers compute (needs the layer count). */
  layerwiseOverlap?: boolean;
  layers?: number;
  /** TetriInfer scheduling; null or absent: plain P/D (FCFS, least-loaded decode, greedy admission). */
  tetri?: Partial<TetriOptions> | null;
  /** Plain P/D prefill iteration budget (prompt tokens batched per iteration). */
  prefillTokenBudget?: number;
}

export function simulateDisaggregated(dep: DisaggregatedDeployment, w: StrategyWorkload, opts: RunOptions): StrategyResult {
  const np = dep.prefill.length;
  const nd = dep.decode.length;
  if (np === 0 || nd === 0) throw new Error('disaggregated: a deployment needs prefill and decode instances');
  if (dep.kvPaths.length !== np || dep.kvPaths.some((row) => row.length !== nd)) {
    throw new Error(`disaggregated: kvPaths must be ${np}×${nd} (prefill × decode instances)`);
  }
  const tetri = dep.tetri ? { ...TETRI_DEFAULTS, ...dep.tetri } : null;
  const instances = [...dep.prefill, ...dep.decode];
  // A salted seed keeps the strategy's draws (predictor errors, power-of-two samples) off the workload's stream.
  const rand = new Rng(opts.seed ^ STRATEGY_SALT);
  const pred = tetri ? predictOutputs(w.outputTokens, tetri.predictor, rand) : null;

  const lanes = dep.prefill.map((inst, i) => {
    const chunk = tetri ? (tetri.chunkTokens === 'saturation' ? saturationChunk(inst.cm) : tetri.chunkTokens) : dep.prefillTokenBudget ?? 8192;
    return mixedLane(i, inst.cm, i, { role: 'prefill', tokenBudget: chunk, prefillOrder: tetri?.prefillOrder ?? 'fcfs' });
  });
  for (let d = 0; d < nd; d++) {
    lanes.push(mixedLane(np + d, dep.decode[d].cm, np + d, { role: 'decode', admission: tetri?.admission ?? 'greedy' }));
  }
  const speeds = dep.prefill.map((inst, p) => laneSpeed(inst.cm, lanes[p].tokenBudget));
  const loads: DecodeLoad[] = dep.decode.map((inst) => ({ heavy: 0, light: 0, freeTokens: inst.cm.kvCapacityTokens }));
  const placedOn = new Int32Array(w.arrivalS.length).fill(-1);
  const promised = new Float64Array(w.arrivalS.length);
  const heavyReq = new Uint8Array(w.arrivalS.length);
  let kvBytes = 0;
  let transferS = 0;
  let transfers = 0;

  const hooks: FleetHooks = {
    // TetriInfer's global scheduler: the least-loaded prefill instance (here: the shortest expected wait).
    route(f, req) {
      let pick = 0;
      let best = Infinity;
      for (let p = 0; p < np; p++) {
        const wait = expectedPrefillWait(f.lanes[p], speeds[p], f.input[req]);
        if (wait < best) {
          best = wait;
          pick = p;
        }
      }
      enqueuePrefill(f, pick, req, f.input[req]);
    },
    onPrefillDone(f, req, lane, t) {
      if (f.generated[req] >= f.output[req]) {
        completeLocally(f, lane, req, t);
        return;
      }
      const heavy = pred ? isHeavy(pred.bucket[req], tetri!.predictor.granularity) : false;
      const need = f.input[req] + (pred ? pred.lower[req] : 0);
      let d: number;
      if (tetri) d = placeDecode(loads, need, heavy, rand);
      else {
        d = 0;
        for (let i = 1; i < nd; i++) if (loads[i].freeTokens > loads[d].freeTokens) d = i;
      }
      const l = loads[d];
      if (heavy) l.heavy++;
      else l.light++;
      heavyReq[req] = heavy ? 1 : 0;
      l.freeTokens -= need;
      promised[req] = need;
      placedOn[req] = d;
      const bytes = f.input[req] * dep.prefill[lane.index].cm.kvBytesPerToken;
      const dur = kvTransferSeconds(bytes, dep.kvPaths[lane.index][d]);
      // Layer-wise: layer k's KV leaves while layer k+1 computes, so only what outlasts the prefill shows,
      // and at least the last layer's share.
      const exposed = dep.layerwiseOverlap && dep.layers
        ? Math.max(dur / dep.layers, dur - (t - f.pfStart[req]))
        : dur;
      // One request's KV at a time leaves an instance (its NIC or PCIe link is the bottleneck).
      const done = Math.max(t + exposed, lane.egressFreeAt + dur);
      lane.egressFreeAt = done;
      kvBytes += bytes;
      transferS += dur;
      transfers++;
      sendKv(f, req, lane, np + d, done - t, 'decode');
    },
    onFinish(f, req) {
      const d = placedOn[req];
      if (d < 0) return;
      const l = loads[d];
      if (heavyReq[req]) l.heavy--;
      else l.light--;
      l.freeTokens += promised[req];
    },
  };
  const f = createFleet(w, lanes, hooks, fleetOptions(opts, pred ? pred.lower : null));
  runFleet(f);
  return {
    strategy: 'disaggregated',
    label: `prefill ${describeInstances(dep.prefill)} | decode ${describeInstances(dep.decode)}${tetri ? ' (TetriInfer)' : ''}`,
    gpus: instances.reduce((s, i) => s + i.cm.gpus, 0),
    metrics: fleetMetrics(f, instances),
    extra: {
      kvBytes,
      kvTransfers: transfers,
      meanKvTransferS: transfers > 0 ? transferS / transfers : 0,
      preemptions: f.preemptions,
      prefillChunk: lanes[0].tokenBudget,
    },
  };
}
