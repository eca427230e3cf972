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
import type { EngineContext } from '../engine';
import type { InstanceCostModel } from '../types';
import { kvTransferSeconds } from '../kvtransfer';
import { expectedPrefillWait, type Router } from '../router';
import { prefillSeconds } from '../timing';
import type { EngineId } from '../engines';
import { describeInstances, engineBase, runPlan, schedulerOf, unitOf, type Plan, type RunOptions } from './plan';
import type { InstanceSpec, StrategyResult, StrategyWorkload, TransferPath } from './types';

export interface CronusPair {
  high: InstanceSpec;
  low: InstanceSpec;
  /** How KV goes from the low-end to the high-end instance. */
  path: TransferPath;
}

export interface CronusDeployment {
  strategy: 'cronus';
  /** Serving-engine profile of every instance; absent: the default scheduler. */
  engine?: EngineId;
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

/** Unchunked: a partial prefill runs whole in one iteration (Cronus' first part is not chunked). */
const WHOLE = 1 << 30;
const tag = (i: InstanceSpec) => `${i.pool} TP${i.tp}`;

export function cronusPlan(dep: CronusDeployment, w: StrategyWorkload): Plan {
  const np = dep.pairs.length;
  if (np === 0) throw new Error('cronus: a deployment needs at least one high-end + low-end pair');
  const budget = (i: number) => dep.tokenBudgets?.[i] ?? dep.tokenBudget ?? 2048;
  const minSplit = dep.minSplitTokens ?? 64;
  const overlap = dep.layerwiseOverlap ?? true;
  const specs = [...dep.pairs.map((p) => p.high), ...dep.pairs.map((p) => p.low)];
  const lowFit = dep.pairs.map((p) => linearPrefillFit(p.low.cm));
  const xfer = dep.pairs.map((p) => {
    const per = p.low.cm.kvBytesPerToken;
    const lat = kvTransferSeconds(0, p.path);
    return { perToken: (kvTransferSeconds(per * 1e6, p.path) - lat) / 1e6, latency: lat };
  });
  const n = w.arrivalS.length;
  const ppiFree = new Float64Array(np);
  const promisedRemainder = new Float64Array(np);
  const remainderOf = new Float64Array(n);
  const egressFreeAt = new Float64Array(np);
  let ctx: EngineContext | null = null;
  let kvBytes = 0;
  let splitTokens = 0;
  let splitCount = 0;

  // The balancer: per request, the pair and split L_p with the lowest predicted TTFT (see the header).
  const balancer: Router = {
    pick(view, _r, len, _out, t) {
      let best = Infinity;
      let pick = 0;
      let pickLp = 0;
      for (let i = 0; i < np; i++) {
        const d = view.decodes[i];
        const highReady = t + expectedPrefillWait(view, i, promisedRemainder[i]);
        const perTok = (view.chunkS[i] + d * view.perDecodeS[i]) / Math.max(1, view.budget[i] - d);
        const s = chooseSplit(len, t, ppiFree[i], highReady, lowFit[i], xfer[i], perTok, minSplit);
        if (s.predictedTtft < best) {
          best = s.predictedTtft;
          pick = i;
          pickLp = s.lp;
        }
      }
      if (pickLp === 0) return pick;
      ppiFree[pick] = Math.max(t, ppiFree[pick]) + lowFit[pick].b + lowFit[pick].a * pickLp;
      remainderOf[_r] = len - pickLp;
      promisedRemainder[pick] += len - pickLp;
      splitTokens += pickLp;
      splitCount++;
      view.prefillTarget[0] = pickLp;
      return np + pick;
    },
  };

  return {
    strategy: 'cronus',
    engine: dep.engine,
    label: np === 1
      ? `${describeInstances([dep.pairs[0].high])} + PPI ${describeInstances([dep.pairs[0].low])}`
      : `${np} pairs: ${describeInstances(dep.pairs.map((p) => p.high))} + PPI ${describeInstances(dep.pairs.map((p) => p.low))}`,
    instances: [
      ...dep.pairs.map((p, i) => ({ cm: p.high.cm, scheduler: schedulerOf({ tokenBudget: budget(i) }, engineBase(dep.engine, p.high)) })),
      ...dep.pairs.map((p) => ({
        cm: p.low.cm,
        scheduler: schedulerOf({ role: 'prefill', tokenBudget: WHOLE, maxRunning: dep.ppiMaxInFlight ?? 2, maxInFlight: dep.ppiMaxInFlight ?? 2 }, engineBase(dep.engine, p.low)),
      })),
    ],
    instanceLabels: [...dep.pairs.map((p) => `high: ${tag(p.high)}`), ...dep.pairs.map((p) => `low (partial prefill): ${tag(p.low)}`)],
    units: specs.map(unitOf),
    unitOf: specs.map((_, i) => i),
    router: { kind: 'custom', router: balancer, name: 'cronus-balancer' },
    bind: (c) => {
      ctx = c;
    },
    handoff: {
      // The PPI's KV goes to its own pair's high-end instance, which finishes the prompt and decodes.
      target: (_view, _r, from) => from - np,
      delayS(r, from, _to, now) {
        const pair = from - np;
        const bytes = ctx!.requests.prefilled[r] * dep.pairs[pair].low.cm.kvBytesPerToken;
        const dur = kvTransferSeconds(bytes, dep.pairs[pair].path);
        const started = ctx!.requests.scheduledS[r];
        const exposed = overlap && dep.layers ? Math.max(dur / dep.layers, dur - (now - started)) : dur;
        const done = Math.max(now + exposed, egressFreeAt[pair] + dur);
        egressFreeAt[pair] = done;
        kvBytes += bytes;
        promisedRemainder[pair] -= remainderOf[r];
        remainderOf[r] = 0;
        return done - now;
      },
    },
    extra: (run) => ({
      kvBytes,
      splitRequests: splitCount,
      meanSplitTokens: splitCount > 0 ? splitTokens / splitCount : 0,
      splitTokens,
      ppiUtilization: run.instances.slice(np).reduce((a, s) => a + s.busyS, 0) / Math.max(1e-9, np * (run.endS - (w.arrivalS[0] ?? 0))),
    }),
  };
}

export function simulateCronus(dep: CronusDeployment, w: StrategyWorkload, opts: RunOptions): StrategyResult {
  return runPlan(cronusPlan(dep, w), w, opts).result;
}
