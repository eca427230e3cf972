// Cronus (arXiv 2509.17357): partially disaggregated prefill on a high-end + low-end pair. The low-end GPU's
// partial-prefill instance (PPI) runs the first L_p tokens of a prompt un-chunked, at most two requests in
// flight; that KV moves to the high-end instance, which finishes the prompt in chunks alongside its decodes.
//
// The balancer (fleetplan's assumption; the paper's formula is not public) predicts, per request and pair:
//   ppiDone(L_p)   = ppiFree + a_l·L_p + b_l + x(L_p)        (Eq. 2: prefill time linear in length)
//   highReady      = now + wait(high backlog + remainders promised to it)
//   TTFT(L_p)      = max(ppiDone(L_p), highReady) + a_h·(L − L_p)
// TTFT falls with L_p while the PPI finishes before the high-end is free and rises after (a_l + x > a_h), so
// the best split makes the PPI finish just as the high-end becomes free — neither side idles:
//   L_p* = clamp((highReady − ppiFree − b_l − x_lat) / (a_l + x_tok), 0, L)
// and the pair with the lowest predicted TTFT takes the request.
import type { InstanceCostModel } from '../types';
import { kvTransferSeconds } from '../kvtransfer';
import { describeInstances, expectedPrefillWait, laneSpeed } from './colocated';
import { fleetMetrics, fleetOptions, mixedLane, prefillSeconds, type RunOptions } from './common';
import { completeLocally, createFleet, enqueuePrefill, runFleet, sendKv, type FleetHooks } from './fleet';
import type { InstanceSpec, StrategyResult, StrategyWorkload, TransferPath } from './types';

export interface CronusPair {
  high: InstanceSpec;
  low: InstanceSpec;
  /** How KV goes from the low-end to the high-end instance. */
  path: TransferPath;
}

export interface CronusDeployment {
  strategy: 'cronus';
  pairs: CronusPair[];
  /** The paper's PPI cap (§4.2): at most this many requests in the partial-prefill instance. */
  ppiMaxInFlight?: number;
  /** Splits below this many tokens are not worth a transfer and run wholly on the high-end. */
  minSplitTokens?: number;
  /** KV leaves layer by layer while the PPI computes (the paper overlaps transfer with compute). */
  layerwiseOverlap?: boolean;
  layers?: number;
  tokenBudget?: number;
  /** Per-pair high-end budgets (e.g. sized to the TBT SLO); overrides tokenBudget. */
  tokenBudgets?: number[];
}

/** Eq. 2's form, T(L) = a·L + b, fitted through two un-chunked prefills. */
export function linearPrefillFit(cm: InstanceCostModel, l1 = 512, l2 = 4096): { a: number; b: number } {
  const t1 = prefillSeconds(cm, l1);
  const t2 = prefillSeconds(cm, l2);
  const a = (t2 - t1) / (l2 - l1);
  return { a, b: Math.max(0, t1 - a * l1) };
}

/** The balancer's split for one request (see the header); exported for tests. */
export function chooseSplit(
  len: number,
  now: number,
  ppiFree: number,
  highReady: number,
  low: { a: number; b: number },
  xfer: { perToken: number; latency: number },
  highPerToken: number,
  minSplit: number,
): { lp: number; predictedTtft: number } {
  const start = Math.max(now, ppiFree);
  let lp = Math.floor((highReady - start - low.b - xfer.latency) / (low.a + xfer.perToken));
  lp = Math.max(0, Math.min(len, lp));
  if (lp < minSplit) lp = 0;
  const ppiDone = lp > 0 ? start + low.b + low.a * lp + xfer.latency + xfer.perToken * lp : now;
  return { lp, predictedTtft: Math.max(ppiDone, highReady) + highPerToken * (len - lp) - now };
}

export function simulateCronus(dep: CronusDeployment, w: StrategyWorkload, opts: RunOptions): StrategyResult {
  const np = dep.pairs.length;
  if (np === 0) throw new Error('cronus: a deployment needs at least one high-end + low-end pair');
  const budget = (i: number) => dep.tokenBudgets?.[i] ?? dep.tokenBudget ?? 2048;
  const minSplit = dep.minSplitTokens ?? 64;
  // Lanes 0..np-1 are the high-end instances, np..2np-1 the PPIs.
  const lanes = dep.pairs.map((p, i) => mixedLane(i, p.high.cm, i, { tokenBudget: budget(i) }));
  dep.pairs.forEach((p, i) => lanes.push(mixedLane(np + i, p.low.cm, np + i, {
    role: 'prefill', chunked: false, maxInFlight: dep.ppiMaxInFlight ?? 2, tokenBudget: Infinity,
  })));
  const instances = [...dep.pairs.map((p) => p.high), ...dep.pairs.map((p) => p.low)];
  const highSpeed = dep.pairs.map((p, i) => laneSpeed(p.high.cm, budget(i)));
  const lowFit = dep.pairs.map((p) => linearPrefillFit(p.low.cm));
  const xfer = dep.pairs.map((p) => {
    const per = p.low.cm.kvBytesPerToken;
    const lat = kvTransferSeconds(0, p.path);
    return { perToken: (kvTransferSeconds(per * 1e6, p.path) - lat) / 1e6, latency: lat };
  });
  const ppiFree = new Float64Array(np);
  const promisedRemainder = new Float64Array(np);
  const remainderOf = new Float64Array(w.arrivalS.length);
  const split = new Int32Array(w.arrivalS.length);
  let kvBytes = 0;
  let splitTokens = 0;
  let splitCount = 0;

  const hooks: FleetHooks = {
    route(f, req, t) {
      const len = f.input[req];
      let best = Infinity;
      let pick = 0;
      let pickLp = 0;
      for (let i = 0; i < np; i++) {
        const high = f.lanes[i];
        const sp = highSpeed[i];
        const highReady = t + expectedPrefillWait(high, sp, promisedRemainder[i]);
        const perTok = (sp.chunkS + high.dCount * sp.perDecodeS) / Math.max(1, sp.budget - high.dCount);
        const s = chooseSplit(len, t, ppiFree[i], highReady, lowFit[i], xfer[i], perTok, minSplit);
        if (s.predictedTtft < best) {
          best = s.predictedTtft;
          pick = i;
          pickLp = s.lp;
        }
      }
      split[req] = pickLp;
      if (pickLp === 0) {
        enqueuePrefill(f, pick, req, len);
        return;
      }
      ppiFree[pick] = Math.max(t, ppiFree[pick]) + lowFit[pick].b + lowFit[pick].a * pickLp;
      remainderOf[req] = len - pickLp;
      promisedRemainder[pick] += len - pickLp;
      splitTokens += pickLp;
      splitCount++;
      enqueuePrefill(f, np + pick, req, pickLp);
    },
    onPrefillDone(f, req, lane, t) {
      if (lane.index < np) {
        // High-end: the request decodes where its KV now is.
        completeLocally(f, lane, req, t);
        return;
      }
      if (f.generated[req] >= f.output[req]) {
        completeLocally(f, lane, req, t); // a one-token answer wholly prefilled on the PPI
        return;
      }
      const pair = lane.index - np;
      const bytes = f.prefilled[req] * dep.pairs[pair].low.cm.kvBytesPerToken;
      const dur = kvTransferSeconds(bytes, dep.pairs[pair].path);
      const overlap = dep.layerwiseOverlap ?? true;
      const exposed = overlap && dep.layers ? Math.max(dur / dep.layers, dur - (t - f.pfStart[req])) : dur;
      const done = Math.max(t + exposed, lane.egressFreeAt + dur);
      lane.egressFreeAt = done;
      kvBytes += bytes;
      promisedRemainder[pair] -= remainderOf[req];
      sendKv(f, req, lane, pair, done - t, 'prefill');
    },
  };
  const f = createFleet(w, lanes, hooks, fleetOptions(opts));
  runFleet(f);
  const low = f.lanes.slice(np);
  return {
    strategy: 'cronus',
    label: dep.pairs.length === 1
      ? `${describeInstances([dep.pairs[0].high])} + PPI ${describeInstances([dep.pairs[0].low])}`
      : `${np} pairs: ${describeInstances(dep.pairs.map((p) => p.high))} + PPI ${describeInstances(dep.pairs.map((p) => p.low))}`,
    gpus: instances.reduce((s, i) => s + i.cm.gpus, 0),
    metrics: fleetMetrics(f, instances),
    extra: {
      kvBytes,
      splitRequests: splitCount,
      meanSplitTokens: splitCount > 0 ? splitTokens / splitCount : 0,
      splitTokens,
      ppiUtilization: low.reduce((s, l) => s + l.busyS, 0) / Math.max(1e-9, np * (f.now - (w.arrivalS[0] ?? 0))),
      preemptions: f.preemptions,
    },
  };
}
