// The time of one engine iteration on one instance (t-way tensor parallel × p pipeline stages of one GPU
// type), from the batch's running sums alone. Every op is a smooth roofline of a compute time at a
// size-dependent efficiency and a memory time at a size-dependent bandwidth (efficiency.ts); docs/model.md
// gives each equation and its source.
import { invalid } from '../domain/errors';
import { efficiency, roofline } from './efficiency';
import { memorySeconds, type GpuSpec, type LinkSpec } from './hardware';
import { DTYPE_BYTES, embeddingParams, type ModelSpec } from './model';
import { DEMAND_BYTES, DEMAND_COMPUTE_S, DEMAND_FLOPS, DEMAND_MEMORY_S, DEMAND_SECONDS, DEMAND_SLOTS, OP_CLASSES, type BatchAggregate, type Dtype, type InstanceCostModel, type IterationCost, type OpBreakdown } from './types';

export interface InstanceOptions {
  tp: number;
  pp: number;
  /** Weight / compute dtype (bf16, fp16, fp8, int8). Defaults to the model's weight dtype. */
  dtype?: Dtype;
  kvDtype?: Dtype;
  gpusPerNode: number;
  intraNode?: LinkSpec;
  interNode?: LinkSpec;
  /** Fraction of GPU memory the server may use (vLLM's gpu_memory_utilization). */
  memoryUtilization?: number;
  /** Most tokens in one iteration; sizes the activation buffers. */
  maxBatchTokens?: number;
  /** Most sequences in one iteration; sizes the logits buffer. */
  maxSeqs?: number;
  /** Bytes per GPU held back for the CUDA context, NCCL and CUDA graphs. */
  reserveBytes?: number;
  /** Host (CPU) seconds per iteration and per sequence; defaults from the GPU's efficiency params. */
  hostIterationS?: number;
  hostPerSeqS?: number;
}

export interface MemoryPlan {
  weightBytesPerGpu: number;
  activationBytesPerGpu: number;
  reserveBytesPerGpu: number;
  kvBytesPerGpu: number;
  kvBytesPerTokenPerGpu: number;
}

export interface DetailedCostModel extends InstanceCostModel {
  memory: MemoryPlan;
  /** Seconds of the slowest pipeline stage for this batch (= iteration time when pp = 1). */
  stageSeconds(batch: BatchAggregate): number;
}

const KV_BLOCK = 16;
const ACT_BYTES = 2; // activations stay in 16-bit

/** One GEMM shape on one GPU: N output columns, K inputs, the bytes of its weights. */
interface Gemm {
  n: number;
  k: number;
  wBytes: number;
}

function gemm(n: number, k: number, wb: number): Gemm {
  return { n, k, wBytes: n * k * wb };
}

/**
 * One GEMM kernel: `rows` tokens times an n×k weight in `dtype` (activations 16-bit). Compute time at
 * the size-dependent GEMM efficiency, memory time for weights + activations, combined by the smooth roofline.
 */
export function gemmKernelSeconds(gpu: GpuSpec, dtype: Dtype, rows: number, n: number, k: number): number {
  if (rows <= 0) return 0;
  const tc = (2 * rows * n * k) / (gpu.peakFlops[dtype] * efficiency(gpu.eff.gemm, rows));
  const tm = memorySeconds(gpu, n * k * DTYPE_BYTES[dtype] + rows * (n + k) * ACT_BYTES);
  return roofline(tc, tm, gpu.eff.rooflineP);
}

/** The p = 4 smooth roofline without normalising: (tc⁴ + tm⁴)^¼, finite for times between 1e-75 and 1e75 s. */
function roofline4(tc: number, tm: number): number {
  const c2 = tc * tc;
  const m2 = tm * tm;
  return Math.sqrt(Math.sqrt(c2 * c2 + m2 * m2));
}

function ceilDiv(a: number, b: number): number {
  return Math.ceil(a / b);
}

export function createInstanceCostModel(gpu: GpuSpec, model: ModelSpec, opts: InstanceOptions): DetailedCostModel {
  const { tp, pp, gpusPerNode } = opts;
  for (const [field, v] of [['tp', tp], ['pp', pp], ['gpusPerNode', gpusPerNode]] as const) {
    if (!Number.isInteger(v) || v < 1) throw invalid(`must be a positive integer, got ${v}`, { field });
  }
  if (model.heads % tp !== 0) throw invalid(`tp ${tp} must divide num_attention_heads ${model.heads}`, { field: 'tp' });
  if (model.kvHeads % tp !== 0 && tp % model.kvHeads !== 0) {
    throw invalid(`tp ${tp} and num_key_value_heads ${model.kvHeads} must divide one another`, { field: 'tp' });
  }
  if (pp > model.layers) throw invalid(`pp ${pp} exceeds the ${model.layers} layers`, { field: 'pp' });
  const dtype: Dtype = opts.dtype ?? model.weightDtype;
  const kvDtype: Dtype = opts.kvDtype ?? model.kvDtype;
  const wb = DTYPE_BYTES[dtype];
  const kvb = DTYPE_BYTES[kvDtype];
  const eff = gpu.eff;
  const p = eff.rooflineP;
  const peak16 = gpu.peakFlops.bf16;
  const hbm = gpu.hbmBytesPerS;

  const h = model.hidden;
  const hd = model.headDim;
  const headsL = model.heads / tp;
  // KV heads are split across TP ranks; with more ranks than KV heads each rank keeps one replica.
  const kvL = Math.max(1, model.kvHeads / tp);
  const layers = model.layers;
  const stageLayers = ceilDiv(layers, pp);

  const qkv = gemm((headsL + 2 * kvL) * hd, h, wb);
  const oProj = gemm(h, headsL * hd, wb);
  const mlpGemms: Gemm[] = [];
  if (!model.moe) {
    const f = model.ffn / tp;
    if (model.mlp === 'gated') mlpGemms.push(gemm(2 * f, h, wb), gemm(h, f, wb));
    else mlpGemms.push(gemm(f, h, wb), gemm(h, f, wb));
  }
  const moe = model.moe;
  const expertUp = moe ? gemm((2 * moe.expertFfn) / tp, h, wb) : null;
  const expertDown = moe ? gemm(h, moe.expertFfn / tp, wb) : null;
  const sharedUp = moe && moe.sharedFfn ? gemm((2 * moe.sharedFfn) / tp, h, wb) : null;
  const sharedDown = moe && moe.sharedFfn ? gemm(h, moe.sharedFfn / tp, wb) : null;
  const lmHead = gemm(ceilDiv(model.vocab, tp), model.embedProjDim || h, wb);

  // Fused elementwise kernels per layer and their bytes per token (vLLM: two fused add+RMSNorm, rotary,
  // SiLU-and-mul): read+write of the hidden state and residual, q/k rotation, gate/up -> act.
  const ffnL = (model.moe ? moe!.topK * moe!.expertFfn + moe!.sharedFfn : model.ffn) / tp;
  const normBytesPerTok = 2 * 4 * h * ACT_BYTES; // two norms, each reads x + residual and writes both
  const ropeBytesPerTok = model.arch === 'opt' ? 0 : 2 * (headsL + kvL) * hd * ACT_BYTES;
  const actBytesPerTok = 3 * ffnL * ACT_BYTES;
  const kvLayerBytesPerTok = 2 * kvL * hd * kvb;

  // ---- memory plan
  const layerWeightBytes =
    (qkv.wBytes + oProj.wBytes +
      (moe ? moe.experts * (expertUp!.wBytes + expertDown!.wBytes) + (sharedUp ? sharedUp.wBytes + sharedDown!.wBytes : 0) + h * moe.experts * wb
        : mlpGemms.reduce((s, g) => s + g.wBytes, 0)) +
      4 * h * wb);
  const embedBytes = (embeddingParams(model) * wb) / tp;
  const weightBytesPerGpu = stageLayers * layerWeightBytes + (pp === 1 ? embedBytes : embedBytes / 2 + lmHead.wBytes / 2);
  const maxTok = opts.maxBatchTokens ?? 8192;
  const maxSeqs = opts.maxSeqs ?? 256;
  const widest = Math.max(qkv.n, mlpGemms[0]?.n ?? 0, expertUp ? expertUp.n * moe!.topK : 0);
  const activationBytesPerGpu = maxTok * (2 * h + widest + ffnL) * ACT_BYTES + maxSeqs * lmHead.n * 4;
  const reserveBytesPerGpu = opts.reserveBytes ?? 1.5e9;
  const util = opts.memoryUtilization ?? 0.9;
  if (!(util > 0 && util <= 1)) throw invalid(`memoryUtilization must be in (0, 1], got ${util}`, { field: 'memoryUtilization' });
  const kvBytesPerTokenPerGpu = stageLayers * kvLayerBytesPerTok;
  const usable = gpu.memoryBytes * util;
  const kvBytesPerGpu = usable - weightBytesPerGpu - activationBytesPerGpu - reserveBytesPerGpu;
  const kvBlocks = Math.floor(kvBytesPerGpu / (kvBytesPerTokenPerGpu * KV_BLOCK));
  if (kvBlocks < 1) {
    const need = weightBytesPerGpu + activationBytesPerGpu + reserveBytesPerGpu + KV_BLOCK * kvBytesPerTokenPerGpu;
    throw invalid(
      `${model.id} does not fit on ${gpu.name} with tp=${tp} pp=${pp}: needs ${(need / 1e9).toFixed(1)} GB per GPU ` +
        `(weights ${(weightBytesPerGpu / 1e9).toFixed(1)} GB) but ${(usable / 1e9).toFixed(1)} GB is usable ` +
        `(short by ${((need - usable) / 1e9).toFixed(1)} GB)`,
      { field: 'model' },
    );
  }

  // ---- links
  const intra = opts.intraNode ?? gpu.intraNode;
  const inter = opts.interNode ?? gpu.interNode;
  const linkEff = eff.link;
  /** Ring all-reduce of `bytes` over n ranks on one link: 2(n-1) steps of bytes/n each. */
  const ringAllReduce = (bytes: number, n: number, link: LinkSpec): number =>
    n <= 1 ? 0 : 2 * (n - 1) * link.latencyS + ((2 * (n - 1)) / n) * (bytes / (link.bytesPerS * linkEff));
  const allReduce = (bytes: number): number => {
    if (tp <= gpusPerNode) return ringAllReduce(bytes, tp, intra);
    // Hierarchical: reduce-scatter + all-gather inside the node, all-reduce of a 1/g share across nodes.
    return ringAllReduce(bytes, gpusPerNode, intra) + ringAllReduce(bytes / gpusPerNode, tp / gpusPerNode, inter);
  };
  const instanceGpus = tp * pp;
  const crossNodeBoundaries = pp <= 1 ? 0 : tp >= gpusPerNode ? pp - 1 : Math.min(pp - 1, Math.floor((instanceGpus - 1) / gpusPerNode));
  const send = (bytes: number, link: LinkSpec): number => link.latencyS + bytes / (link.bytesPerS * linkEff);

  const gemmSeconds = (g: Gemm, rows: number): number => gemmKernelSeconds(gpu, dtype, rows, g.n, g.k);

  /** Routed experts: E_act distinct experts are hit (uniform routing), each with T·k/E_act rows. */
  function moeSeconds(tokens: number): number {
    const E = moe!.experts;
    const k = moe!.topK;
    const active = E * (1 - Math.pow(1 - k / E, tokens));
    const rows = (tokens * k) / active;
    let t = active * (gemmSeconds(expertUp!, rows) + gemmSeconds(expertDown!, rows));
    t += memorySeconds(gpu, h * E * wb + tokens * (h + E) * ACT_BYTES); // router
    if (sharedUp) t += gemmSeconds(sharedUp, tokens) + gemmSeconds(sharedDown!, tokens);
    return t;
  }

  const out = new Float64Array(OP_CLASSES.length);
  const I_QKV = 0, I_ATTN = 1, I_O = 2, I_MLP = 3, I_NORM = 4, I_LM = 5, I_TP = 6, I_PP = 7, I_OVER = 8;

  /** Fills `out` with per-op seconds for the whole iteration (all stages); returns the total. */
  /** One layer's attention: prefill quadratic in context (pairs), decode bound by KV reads. */
  // Query rows per tile in flash-style decode kernels (FlashAttention's smallest M block); see attnDecodeCompute.
  const DECODE_Q_TILE = 64;
  function attentionPerLayer(b: BatchAggregate): number {
    let attn = 0;
    if (b.prefillSeqs > 0 && b.prefillTokens > 0) {
      const meanKv = b.prefillKvTokens / b.prefillSeqs;
      const tc = (4 * headsL * hd * b.prefillAttnPairs) / (peak16 * efficiency(eff.attnPrefill, meanKv));
      const tm = memorySeconds(gpu, b.prefillKvTokens * kvLayerBytesPerTok + b.prefillTokens * 2 * headsL * hd * ACT_BYTES);
      attn += roofline(tc, tm, p);
    }
    if (b.decodeSeqs > 0) {
      const bytes = b.decodeKvTokens * kvLayerBytesPerTok + b.decodeSeqs * 2 * headsL * hd * ACT_BYTES;
      const tm = bytes / (hbm * efficiency(eff.attnDecode, bytes));
      // Tile-padded work: each KV head's query rows fill a DECODE_Q_TILE-row tile however few they are.
      const tc = (4 * kvL * Math.max(headsL / kvL, DECODE_Q_TILE) * hd * b.decodeKvTokens) / (peak16 * eff.attnDecodeCompute);
      attn += roofline(tc, tm, p);
    }
    return attn;
  }

  function evaluate(b: BatchAggregate): number {
    const T = b.prefillTokens + b.decodeSeqs;
    if (T <= 0) {
      out.fill(0);
      return 0;
    }
    out[I_QKV] = layers * gemmSeconds(qkv, T);
    out[I_O] = layers * gemmSeconds(oProj, T);
    let mlp = 0;
    if (moe) mlp = moeSeconds(T);
    else for (let i = 0; i < mlpGemms.length; i++) mlp += gemmSeconds(mlpGemms[i], T);
    out[I_MLP] = layers * mlp;

    out[I_ATTN] = layers * attentionPerLayer(b);

    out[I_NORM] =
      layers *
      (2 * memorySeconds(gpu, (T * normBytesPerTok) / 2) +
        (ropeBytesPerTok > 0 ? memorySeconds(gpu, T * ropeBytesPerTok) : 0) +
        memorySeconds(gpu, T * actBytesPerTok));
    const seqsOut = b.prefillSeqs + b.decodeSeqs;
    out[I_LM] = gemmSeconds(lmHead, seqsOut) + (tp > 1 ? allReduce(seqsOut * lmHead.n * 4) / tp : 0);
    const actBytes = T * h * ACT_BYTES;
    out[I_TP] = tp > 1 ? layers * 2 * allReduce(actBytes) : 0;
    out[I_PP] =
      pp > 1 ? crossNodeBoundaries * send(actBytes, inter) + (pp - 1 - crossNodeBoundaries) * send(actBytes, intra) : 0;
    out[I_OVER] = eff.iterationS + hostIterationS + hostPerSeqS * seqsOut;
    let total = 0;
    for (let i = 0; i < out.length; i++) total += out[i];
    return total;
  }

  const hostIterationS = opts.hostIterationS ?? eff.hostIterationS;
  const hostPerSeqS = opts.hostPerSeqS ?? eff.hostPerSeqS;

  // Hot path: everything but attention depends only on T (tokens) and on the number of sequences, so it is
  // computed once per value and kept (the same arithmetic as evaluate()).
  const byTokens = new Float64Array(maxTok + 1).fill(NaN);
  const bySeqs = new Float64Array(maxSeqs + 1 + maxTok).fill(NaN);
  const scratch: BatchAggregate = { prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: 0, decodeKvTokens: 0 };
  // attentionPerLayer for the hot path, written out inside secondsInto() with the per-instance invariants hoisted and
  // the shape-1 curves and the p = 4 roofline in closed form:
  //   bytes / (bw · max / (1 + half / bytes)) = (bytes + half) / (bw · max)
  //   flops / (peak · max / (1 + half / kv))  = flops · (1 + half / kv) / (peak · max)
  //   hi · ((tc/hi)⁴ + (tm/hi)⁴)^¼            = (tc⁴ + tm⁴)^¼   (roofline4)
  // Equal to evaluate() up to rounding (the cost model test bounds the difference at 1e-12), with no division
  // in the decode term: these divisions and square roots were a fifth of the 1M-request bench. Other curve
  // shapes and roofline exponents take the general functions.
  const ap = eff.attnPrefill;
  const ad = eff.attnDecode;
  const mem = eff.memory;
  const hot = p === 4 && ap.shape === 1 && ad.shape === 1 && mem.shape === 1;
  const prefillTcPerPair = (4 * headsL * hd) / (peak16 * ap.max);
  const prefillHalfKv = ap.half;
  const qBytesPerTok = 2 * headsL * hd * ACT_BYTES;
  const memSPerByte = 1 / (hbm * mem.max);
  const memHalf = mem.half;
  const decodeSPerByte = 1 / (hbm * ad.max);
  const decodeHalf = ad.half;
  const decodeTcPerKv = (4 * kvL * Math.max(headsL / kvL, DECODE_Q_TILE) * hd) / (peak16 * eff.attnDecodeCompute);

  /** Fills the caches of the parts of an iteration that depend on its token count and its sequence count alone. */
  function cacheLinearParts(T: number, seqsOut: number): void {
    if (byTokens[T] !== byTokens[T]) {
      scratch.prefillTokens = T;
      evaluate(scratch);
      byTokens[T] = out[I_QKV] + out[I_O] + out[I_MLP] + out[I_NORM] + out[I_TP] + out[I_PP];
    }
    if (bySeqs[seqsOut] !== bySeqs[seqsOut]) {
      bySeqs[seqsOut] = gemmSeconds(lmHead, seqsOut) + (tp > 1 ? allReduce(seqsOut * lmHead.n * 4) / tp : 0) + eff.iterationS + hostIterationS + hostPerSeqS * seqsOut;
    }
  }

  /** iterationSeconds off the hot path: other curve shapes, batches beyond the caches, odd aggregates. */
  function general(b: BatchAggregate): number {
    const T = b.prefillTokens + b.decodeSeqs;
    if (T <= 0) return 0;
    const seqsOut = b.prefillSeqs + b.decodeSeqs;
    if (T > maxTok || seqsOut >= bySeqs.length) return evaluate(b);
    cacheLinearParts(T, seqsOut);
    return byTokens[T] + bySeqs[seqsOut] + layers * attentionPerLayer(b);
  }

  // The hot path writes its result to memory instead of returning it: V8 boxes a double returned from a call
  // it does not inline (a heap number per iteration), and whether it inlines a call depends on its budgets
  // at the time. Every rarer case goes to general(); the caches are filled, then read again, because a double
  // merged with a call's result is boxed too.
  function secondsInto(b: BatchAggregate, to: Float64Array): void {
    const T = b.prefillTokens + b.decodeSeqs;
    const seqsOut = b.prefillSeqs + b.decodeSeqs;
    if (!hot || T <= 0 || T > maxTok || seqsOut >= bySeqs.length) {
      to[0] = general(b);
      return;
    }
    let base = byTokens[T] + bySeqs[seqsOut];
    if (base !== base) {
      cacheLinearParts(T, seqsOut);
      base = byTokens[T] + bySeqs[seqsOut];
    }
    let attn = 0;
    const ps = b.prefillSeqs;
    const pt = b.prefillTokens;
    if (pt > 0) {
      const pkv = b.prefillKvTokens;
      // A prefill's KV includes its own chunk; an aggregate built otherwise takes the general path.
      if (!(pkv >= pt && ps > 0)) {
        to[0] = general(b);
        return;
      }
      const tc = prefillTcPerPair * b.prefillAttnPairs * (1 + (prefillHalfKv * ps) / pkv);
      const tm = (pkv * kvLayerBytesPerTok + pt * qBytesPerTok + memHalf) * memSPerByte;
      attn += roofline4(tc, tm);
    }
    const ds = b.decodeSeqs;
    if (ds > 0) {
      const dkv = b.decodeKvTokens;
      const tm = (dkv * kvLayerBytesPerTok + ds * qBytesPerTok + decodeHalf) * decodeSPerByte;
      const tc = decodeTcPerKv * dkv;
      attn += roofline4(tc, tm);
    }
    to[0] = base + layers * attn;
  }

  // ---- demand (iterationDemandInto): the same ops as evaluate(), each roofline's time split into its memory-bound
  // and compute-bound parts by the shares tm^p and tc^p take of tc^p + tm^p (all of it to the larger side as
  // p grows), with the bytes and FLOPs behind them. The parts that depend on the token count alone, and those
  // that depend on the sequence count alone, are kept per value as in the hot path.
  const D = DEMAND_SLOTS;
  const demandByTokens = new Float64Array((maxTok + 1) * D).fill(NaN);
  const demandBySeqs = new Float64Array((maxSeqs + 1 + maxTok) * D).fill(NaN);

  /** Adds one roofline op of `layers` copies to acc: tc, tm in seconds, its bytes and FLOPs. */
  function addRoof(acc: Float64Array, at: number, tc: number, tm: number, bytes: number, flops: number, times: number): void {
    const t = roofline(tc, tm, p);
    let wm = 1;
    if (tc > 0 && tm > 0) {
      const a = p === 4 ? tc * tc * tc * tc : Math.pow(tc, p);
      const m = p === 4 ? tm * tm * tm * tm : Math.pow(tm, p);
      wm = m / (a + m);
    } else if (tm <= 0) wm = 0;
    acc[at + DEMAND_SECONDS] += times * t;
    acc[at + DEMAND_MEMORY_S] += times * t * wm;
    acc[at + DEMAND_COMPUTE_S] += times * t * (1 - wm);
    acc[at + DEMAND_BYTES] += times * bytes;
    acc[at + DEMAND_FLOPS] += times * flops;
  }
  function addGemm(acc: Float64Array, at: number, g: Gemm, rows: number, times: number): void {
    if (rows <= 0) return;
    const bytes = g.n * g.k * wb + rows * (g.n + g.k) * ACT_BYTES;
    const flops = 2 * rows * g.n * g.k;
    addRoof(acc, at, flops / (gpu.peakFlops[dtype] * efficiency(eff.gemm, rows)), memorySeconds(gpu, bytes), bytes, flops, times);
  }
  function addStream(acc: Float64Array, at: number, bytes: number, times: number): void {
    if (bytes > 0) addRoof(acc, at, 0, memorySeconds(gpu, bytes), bytes, 0, times);
  }
  /** Token-count parts of evaluate(): the layers' GEMMs, norms and activations, and TP/PP communication. */
  function demandOfTokens(acc: Float64Array, at: number, T: number): void {
    addGemm(acc, at, qkv, T, layers);
    addGemm(acc, at, oProj, T, layers);
    if (moe) {
      const E = moe.experts;
      const active = E * (1 - Math.pow(1 - moe.topK / E, T));
      const rows = (T * moe.topK) / active;
      addGemm(acc, at, expertUp!, rows, layers * active);
      addGemm(acc, at, expertDown!, rows, layers * active);
      addStream(acc, at, h * E * wb + T * (h + E) * ACT_BYTES, layers);
      if (sharedUp) {
        addGemm(acc, at, sharedUp, T, layers);
        addGemm(acc, at, sharedDown!, T, layers);
      }
    } else for (let i = 0; i < mlpGemms.length; i++) addGemm(acc, at, mlpGemms[i], T, layers);
    addStream(acc, at, (T * normBytesPerTok) / 2, 2 * layers);
    if (ropeBytesPerTok > 0) addStream(acc, at, T * ropeBytesPerTok, layers);
    addStream(acc, at, T * actBytesPerTok, layers);
    const actBytes = T * h * ACT_BYTES;
    acc[at + DEMAND_SECONDS] += (tp > 1 ? layers * 2 * allReduce(actBytes) : 0) +
      (pp > 1 ? crossNodeBoundaries * send(actBytes, inter) + (pp - 1 - crossNodeBoundaries) * send(actBytes, intra) : 0);
  }
  /** Sequence-count parts: the LM head, its gather, the fixed GPU and host time. */
  function demandOfSeqs(acc: Float64Array, at: number, seqsOut: number): void {
    addGemm(acc, at, lmHead, seqsOut, 1);
    acc[at + DEMAND_SECONDS] += (tp > 1 ? allReduce(seqsOut * lmHead.n * 4) / tp : 0) + eff.iterationS + hostIterationS + hostPerSeqS * seqsOut;
  }
  function demandInto(b: BatchAggregate, to: Float64Array): void {
    for (let i = 0; i < D; i++) to[i] = 0;
    const T = b.prefillTokens + b.decodeSeqs;
    if (T <= 0) return;
    const seqsOut = b.prefillSeqs + b.decodeSeqs;
    if (T <= maxTok) {
      const at = T * D;
      if (demandByTokens[at] !== demandByTokens[at]) {
        for (let i = 0; i < D; i++) demandByTokens[at + i] = 0;
        demandOfTokens(demandByTokens, at, T);
      }
      for (let i = 0; i < D; i++) to[i] += demandByTokens[at + i];
    } else demandOfTokens(to, 0, T);
    if (seqsOut < maxSeqs + 1 + maxTok) {
      const at = seqsOut * D;
      if (demandBySeqs[at] !== demandBySeqs[at]) {
        for (let i = 0; i < D; i++) demandBySeqs[at + i] = 0;
        demandOfSeqs(demandBySeqs, at, seqsOut);
      }
      for (let i = 0; i < D; i++) to[i] += demandBySeqs[at + i];
    } else demandOfSeqs(to, 0, seqsOut);
    // Attention, as attentionPerLayer() (on the hot path's closed forms where secondsInto uses them).
    const ps = b.prefillSeqs;
    const pt = b.prefillTokens;
    if (ps > 0 && pt > 0) {
      const flops = 4 * headsL * hd * b.prefillAttnPairs;
      const bytes = b.prefillKvTokens * kvLayerBytesPerTok + pt * qBytesPerTok;
      if (hot && b.prefillKvTokens >= pt) {
        addRoof4(to, prefillTcPerPair * b.prefillAttnPairs * (1 + (prefillHalfKv * ps) / b.prefillKvTokens), (bytes + memHalf) * memSPerByte, bytes, flops);
      } else addRoof(to, 0, flops / (peak16 * efficiency(eff.attnPrefill, b.prefillKvTokens / ps)), memorySeconds(gpu, bytes), bytes, flops, layers);
    }
    const ds = b.decodeSeqs;
    if (ds > 0) {
      const dkv = b.decodeKvTokens;
      const bytes = dkv * kvLayerBytesPerTok + ds * qBytesPerTok;
      // The tile-padded work sets the time; the FLOPs counted are the real ones.
      const flops = 4 * headsL * hd * dkv;
      if (hot) addRoof4(to, decodeTcPerKv * dkv, (bytes + decodeHalf) * decodeSPerByte, bytes, flops);
      else addRoof(to, 0, decodeTcPerKv * dkv, bytes / (hbm * efficiency(eff.attnDecode, bytes)), bytes, flops, layers);
    }
  }
  /** addRoof for one op of every layer on the p = 4 roofline, the attention's case on the hot path. */
  function addRoof4(to: Float64Array, tc: number, tm: number, bytes: number, flops: number): void {
    const c2 = tc * tc;
    const m2 = tm * tm;
    const c4 = c2 * c2;
    const m4 = m2 * m2;
    const t = Math.sqrt(Math.sqrt(c4 + m4));
    const wm = m4 / (c4 + m4);
    to[DEMAND_SECONDS] += layers * t;
    to[DEMAND_MEMORY_S] += layers * t * wm;
    to[DEMAND_COMPUTE_S] += layers * t * (1 - wm);
    to[DEMAND_BYTES] += layers * bytes;
    to[DEMAND_FLOPS] += layers * flops;
  }

  const result = new Float64Array(1);
  function fast(b: BatchAggregate): number {
    secondsInto(b, result);
    return result[0];
  }

  return {
    gpus: instanceGpus,
    kvBlockTokens: KV_BLOCK,
    kvCapacityTokens: kvBlocks * KV_BLOCK,
    kvBytesPerToken: 2 * layers * model.kvHeads * hd * kvb,
    memory: { weightBytesPerGpu, activationBytesPerGpu, reserveBytesPerGpu, kvBytesPerGpu, kvBytesPerTokenPerGpu },
    iterationSeconds: fast,
    iterationSecondsInto: secondsInto,
    iterationDemandInto: demandInto,
    iterationCost(b: BatchAggregate): IterationCost {
      const total = evaluate(b);
      const breakdown = {} as OpBreakdown;
      OP_CLASSES.forEach((op, i) => (breakdown[op] = out[i]));
      return { total, breakdown };
    },
    stageSeconds(b: BatchAggregate): number {
      const total = evaluate(b);
      if (pp === 1) return total;
      const perLayer = (out[I_QKV] + out[I_ATTN] + out[I_O] + out[I_MLP] + out[I_NORM] + out[I_TP]) / layers;
      return stageLayers * perLayer + out[I_LM] + out[I_OVER] + out[I_PP] / (pp - 1);
    },
  };
}

/** Aggregates of one lone prompt of L tokens prefilled in one chunk. */
export function lonePrefill(L: number, prior = 0): BatchAggregate {
  return {
    prefillSeqs: 1,
    prefillTokens: L,
    prefillAttnPairs: L * (prior + (L + 1) / 2),
    prefillKvTokens: prior + L,
    decodeSeqs: 0,
    decodeKvTokens: 0,
  };
}

/** Seconds to prefill one prompt of L tokens alone (one chunk). */
export function prefillSeconds(cm: InstanceCostModel, L: number, prior = 0): number {
  return cm.iterationSeconds(lonePrefill(L, prior));
}

/** Seconds of one decode step for B sequences of context C each. */
export function decodeStepSeconds(cm: InstanceCostModel, B: number, C: number): number {
  return cm.iterationSeconds({ prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: B, decodeKvTokens: B * C });
}
