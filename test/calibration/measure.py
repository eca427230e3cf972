#!/usr/bin/env python3
"""Calibration measurements for fleetplan's cost model (see README.md beside this file).

Times, on one GPU with random bf16 weights (nothing downloaded):
  gemm.csv        every linear layer shape of the model alone, at many token counts M
  attention.csv   flash attention alone: prefill (with prior context) and decode
  elementwise.csv one layer's norms + rotary + SiLU-gate + residual adds at M tokens
  iteration.csv   whole-model iterations (all layers, lm_head on output tokens) as CUDA graphs:
                  prefill lengths, decode batch x context, chunked prefill, mixed batches
  contention.csv  a decode step and a prefill on two CUDA streams of one GPU, alone and together
Each CSV starts with a '# ' comment line naming device, driver, torch and date.
Run:  OUT=/some/dir python3 measure.py        (DRY=1 for a tiny CPU smoke test)
"""
import csv, json, math, os, statistics, subprocess, sys, time
import torch
import torch.nn.functional as F

DRY = os.environ.get("DRY") == "1"
# PARTS picks what to measure: llama,qwen by default; also contention (two streams, see below), kernels, smshare
# (SM shares through CUDA green contexts; SMS=n per process). EAGER=1 measures contention without CUDA
# graphs (a fallback: on the first device run the graph-replay contention measurement never returned).
PARTS = set(os.environ.get("PARTS", "llama,qwen").split(","))
EAGER = os.environ.get("EAGER") == "1"
DEV = "cpu" if DRY else "cuda"
BF = torch.bfloat16
OUT = os.environ.get("OUT", "/tmp/calib_out")
os.makedirs(OUT, exist_ok=True)
LOG = open(os.path.join(OUT, "log.txt"), "w")
T0 = time.time()


def log(*a):
    s = " ".join(str(x) for x in a)
    print(f"[{time.time() - T0:7.1f}s] {s}", flush=True)
    LOG.write(s + "\n")
    LOG.flush()


LLAMA3_8B = dict(name="llama3-8b", h=4096, nh=32, kv=8, hd=128, ffn=14336, L=32, vocab=128256, bias=False)
QWEN25_3B = dict(name="qwen2.5-3b", h=2048, nh=16, kv=2, hd=128, ffn=11008, L=36, vocab=151936, bias=True)
if DRY:
    LLAMA3_8B = dict(name="llama3-8b", h=256, nh=4, kv=2, hd=64, ffn=512, L=2, vocab=1000, bias=False)
    QWEN25_3B = dict(name="qwen2.5-3b", h=128, nh=2, kv=1, hd=64, ffn=256, L=2, vocab=1000, bias=True)


def sync():
    if not DRY:
        torch.cuda.synchronize()


class Timer:
    def __init__(self):
        if DRY:
            self.t = 0.0
        else:
            self.e = torch.cuda.Event(enable_timing=True)

    def record(self, stream=None):
        if DRY:
            self.t = time.perf_counter()
        elif stream is None:
            self.e.record()
        else:
            self.e.record(stream)

    def ms_since(self, other):
        if DRY:
            return (self.t - other.t) * 1e3
        return other.e.elapsed_time(self.e)


def bench(fn, target_ms=300.0, min_reps=5, max_reps=30, inner=1):
    """Median ms of fn()/inner after warm-up; repeats sized to ~target_ms."""
    for _ in range(2):
        fn()
    sync()
    a, b = Timer(), Timer()
    a.record(); fn(); b.record(); sync()
    first = max(b.ms_since(a), 1e-3)
    reps = int(min(max_reps, max(min_reps, target_ms / first)))
    if DRY:
        reps = 2
    ts = []
    for _ in range(reps):
        a.record(); fn(); b.record(); sync()
        ts.append(b.ms_since(a) / inner)
    return statistics.median(ts), reps


def graphed(fn):
    """Capture fn in a CUDA graph; returns a replay callable (fn itself when DRY)."""
    if DRY:
        return fn, None
    s = torch.cuda.Stream()
    s.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(s):
        for _ in range(2):
            fn()
    torch.cuda.current_stream().wait_stream(s)
    g = torch.cuda.CUDAGraph()
    with torch.cuda.graph(g):
        fn()
    sync()
    return g.replay, g


# ---------------------------------------------------------------- attention variants
from torch.nn.attention import SDPBackend, sdpa_kernel

try:
    from torch.nn.attention.bias import causal_lower_right
except Exception:  # pragma: no cover
    causal_lower_right = None

FLASH = [SDPBackend.FLASH_ATTENTION]
FLASH_OR_EFF = [SDPBackend.FLASH_ATTENTION, SDPBackend.EFFICIENT_ATTENTION]
ATTN_CHOICE = {}


def backends(lst):
    if DRY:
        return sdpa_kernel([SDPBackend.MATH, SDPBackend.FLASH_ATTENTION, SDPBackend.EFFICIENT_ATTENTION])
    return sdpa_kernel(lst)


def expand_kv(k, g):
    # (1, kv, S, d) -> (1, kv*g, S, d), each kv head serving g consecutive query heads
    b, kv, s, d = k.shape
    return k[:, :, None].expand(b, kv, g, s, d).reshape(b, kv * g, s, d)


def prefill_attn(q, k, v, prior):
    """q (1, nh, c, d); k, v (1, kv, prior+c, d); causal aligned bottom-right."""
    g = q.shape[1] // k.shape[1]
    mode = ATTN_CHOICE["prefill"]
    if "expand" in mode and g > 1:
        k, v = expand_kv(k, g), expand_kv(v, g)
    gqa = dict(enable_gqa=True) if ("gqa" in mode and g > 1) else {}
    bl = FLASH if "flash" in mode else FLASH_OR_EFF
    with backends(bl):
        if prior == 0:
            return F.scaled_dot_product_attention(q, k, v, is_causal=True, **gqa)
        mask = causal_lower_right(q.shape[2], k.shape[2])
        return F.scaled_dot_product_attention(q, k, v, attn_mask=mask, **gqa)


def decode_attn(q, k, v):
    """q (B, kv, g, d) (the g query heads of a KV head as g 'query rows'); k, v (B, kv, C, d)."""
    with backends(FLASH if "flash" in ATTN_CHOICE["decode"] else FLASH_OR_EFF):
        return F.scaled_dot_product_attention(q, k, v)


def pick_attention():
    d, kv, g = 128, 8, 4
    q = torch.randn(1, kv * g, 64, d, device=DEV, dtype=BF)
    k = torch.randn(1, kv, 128, d, device=DEV, dtype=BF)
    for mode in ["gqa-flash", "expand-flash", "gqa-eff", "expand-eff"]:
        ATTN_CHOICE["prefill"] = mode
        try:
            prefill_attn(q, k, k, 64)
            prefill_attn(q, k[:, :, :64].contiguous(), k[:, :, :64].contiguous(), 0)
            sync()
            break
        except Exception as e:  # try the next variant
            log("prefill attention variant", mode, "failed:", repr(e)[:200])
    for mode in ["flash", "eff"]:
        ATTN_CHOICE["decode"] = mode
        try:
            kk = k.expand(2, -1, -1, -1).contiguous()
            decode_attn(torch.randn(2, kv, g, d, device=DEV, dtype=BF), kk, kk)
            sync()
            break
        except Exception as e:
            log("decode attention variant", mode, "failed:", repr(e)[:200])
    log("attention variants:", ATTN_CHOICE)


# ---------------------------------------------------------------- the model
def rnd(*shape):
    return (torch.randn(*shape, device=DEV, dtype=BF) * 0.02)


class Weights:
    def __init__(self, s):
        h, nh, kv, hd, ffn = s["h"], s["nh"], s["kv"], s["hd"], s["ffn"]
        self.s = s
        self.embed = rnd(s["vocab"], h)
        self.lm = rnd(s["vocab"], h)
        self.norm = torch.ones(h, device=DEV, dtype=BF)
        self.layers = []
        for _ in range(s["L"]):
            self.layers.append(dict(
                n1=torch.ones(h, device=DEV, dtype=BF), n2=torch.ones(h, device=DEV, dtype=BF),
                wqkv=rnd((nh + 2 * kv) * hd, h), bqkv=rnd((nh + 2 * kv) * hd) if s["bias"] else None,
                wo=rnd(h, nh * hd), wgu=rnd(2 * ffn, h), wd=rnd(h, ffn)))
        maxpos = 32768 if not DRY else 4096
        inv = 1.0 / (500000.0 ** (torch.arange(0, hd, 2, device=DEV, dtype=torch.float32) / hd))
        ang = torch.arange(maxpos, device=DEV, dtype=torch.float32)[:, None] * inv[None]
        ang = torch.cat([ang, ang], -1)
        self.cos, self.sin = ang.cos().to(BF), ang.sin().to(BF)


def rope(x, cos, sin):
    half = x.shape[-1] // 2
    return x * cos + torch.cat((-x[..., half:], x[..., :half]), -1) * sin


KV_BUDGET = (34 << 30) if not DRY else (64 << 20)


class Iteration:
    """One engine iteration: prefill segments [(chunk, prior)], then `dec_b` decodes at context `dec_c`."""

    def __init__(self, W, segs, dec_b, dec_c):
        s = W.s
        self.W, self.segs, self.B, self.C = W, segs, dec_b, dec_c
        kv, hd = s["kv"], s["hd"]
        T = sum(c for c, _ in segs) + dec_b
        self.T = T
        self.ids = torch.randint(0, s["vocab"], (T,), device=DEV)
        pos = [torch.arange(p, p + c) for c, p in segs]
        if dec_b:
            pos.append(torch.full((dec_b,), dec_c - 1))
        pos = torch.cat(pos).to(DEV)
        self.cos, self.sin = W.cos[pos][:, None, :], W.sin[pos][:, None, :]
        outs, off = [], 0
        for c, _ in segs:
            off += c
            outs.append(off - 1)
        outs += list(range(off, off + dec_b))
        self.out_idx = torch.tensor(outs, device=DEV)
        # prefill KV: one buffer per segment per layer (prior+chunk tokens)
        self.pkv = [[(rnd(1, kv, c + p, hd), rnd(1, kv, c + p, hd)) for c, p in segs] for _ in range(s["L"])]
        # decode KV: per-layer buffers, cycled when all layers would not fit (each buffer >> L2 then)
        self.dkv = []
        if dec_b:
            per_layer = 2 * dec_b * kv * dec_c * hd * 2
            n = max(1, min(s["L"], KV_BUDGET // per_layer))
            self.dkv = [(rnd(dec_b, kv, dec_c, hd), rnd(dec_b, kv, dec_c, hd)) for _ in range(n)]

    def layer(self, x, i):
        s, W = self.W.s, self.W
        lw = W.layers[i]
        h, nh, kv, hd = s["h"], s["nh"], s["kv"], s["hd"]
        g = nh // kv
        y = F.rms_norm(x, (h,), lw["n1"], 1e-5)
        qkv = F.linear(y, lw["wqkv"], lw["bqkv"])
        q, k, v = qkv.split([nh * hd, kv * hd, kv * hd], -1)
        q = rope(q.view(self.T, nh, hd), self.cos, self.sin)
        k = rope(k.view(self.T, kv, hd), self.cos, self.sin)
        v = v.view(self.T, kv, hd)
        outs, off = [], 0
        for j, (c, p) in enumerate(self.segs):
            kb, vb = self.pkv[i][j]
            kb[0, :, p:p + c].copy_(k[off:off + c].transpose(0, 1))
            vb[0, :, p:p + c].copy_(v[off:off + c].transpose(0, 1))
            qa = q[off:off + c].transpose(0, 1)[None]
            o = prefill_attn(qa, kb, vb, p)
            outs.append(o[0].transpose(0, 1).reshape(c, nh * hd))
            off += c
        if self.B:
            kb, vb = self.dkv[i % len(self.dkv)]
            kb[:, :, self.C - 1].copy_(k[off:])
            vb[:, :, self.C - 1].copy_(v[off:])
            o = decode_attn(q[off:].view(self.B, kv, g, hd), kb, vb)
            outs.append(o.reshape(self.B, nh * hd))
        a = outs[0] if len(outs) == 1 else torch.cat(outs, 0)
        x = x + F.linear(a, lw["wo"])
        y = F.rms_norm(x, (h,), lw["n2"], 1e-5)
        gu = F.linear(y, lw["wgu"])
        gate, up = gu.chunk(2, -1)
        x = x + F.linear(F.silu(gate) * up, lw["wd"])
        return x

    def __call__(self):
        W = self.W
        x = F.embedding(self.ids, W.embed)
        for i in range(W.s["L"]):
            x = self.layer(x, i)
        y = F.rms_norm(x[self.out_idx], (W.s["h"],), W.norm, 1e-5)
        return F.linear(y, W.lm)


def aggregates(segs, B, C):
    return dict(
        prefillSeqs=len(segs), prefillTokens=sum(c for c, _ in segs),
        prefillAttnPairs=sum(c * (p + (c + 1) / 2) for c, p in segs),
        prefillKvTokens=sum(p + c for c, p in segs), decodeSeqs=B, decodeKvTokens=B * C)


def free():
    import gc
    gc.collect()
    if not DRY:
        torch.cuda.empty_cache()


# ---------------------------------------------------------------- writers
HEADER = ""


def writer(name, cols):
    f = open(os.path.join(OUT, name), "w", newline="", buffering=1)  # line-buffered: a killed run keeps its rows
    f.write(HEADER + "\n")
    w = csv.writer(f, lineterminator="\n")
    w.writerow(cols)
    return f, w


# ---------------------------------------------------------------- measurements
def measure_peaks(meta):
    n = (1 << 30) if not DRY else (1 << 20)
    a = torch.empty(n, dtype=torch.uint8, device=DEV)
    b = torch.empty_like(a)
    ms, _ = bench(lambda: b.copy_(a))
    meta["copy_GBps_read_plus_write"] = 2 * n / ms / 1e6
    m = 8192 if not DRY else 256
    x, y = rnd(m, m), rnd(m, m)
    ms, _ = bench(lambda: x @ y)
    meta["gemm_8192_tflops"] = 2 * m ** 3 / ms / 1e9
    log("peaks", meta["copy_GBps_read_plus_write"], "GB/s", meta["gemm_8192_tflops"], "TFLOP/s")
    del a, b, x, y
    free()


def linear_shapes(s):
    h, nh, kv, hd, ffn = s["h"], s["nh"], s["kv"], s["hd"], s["ffn"]
    return [("qkv", (nh + 2 * kv) * hd, h), ("o_proj", h, nh * hd), ("gate_up", 2 * ffn, h),
            ("down", h, ffn), ("lm_head", s["vocab"], h)]


def measure_gemm(s, w, Ms):
    for op, N, K in linear_shapes(s):
        wbytes = N * K * 2
        copies = max(1, min(8, math.ceil((256 << 20) / wbytes)))
        Ws = [rnd(N, K) for _ in range(copies)]
        for M in Ms:
            x = rnd(M, K)
            outs = [torch.empty(M, N, device=DEV, dtype=BF) for _ in range(copies)]
            reps = max(1, 8 // copies) if M <= 1024 else 1

            def fn():
                for _ in range(reps):
                    for j in range(copies):
                        torch.matmul(x, Ws[j].t(), out=outs[j])
            run, g = graphed(fn)
            ms, _ = bench(run, target_ms=60, inner=reps * copies)
            fl = 2 * M * N * K
            by = wbytes + 2 * M * (N + K)
            w.writerow([s["name"], op, M, N, K, f"{ms:.5f}", f"{fl / ms / 1e9:.2f}", f"{by / ms / 1e6:.1f}"])
            del g, outs, x
        log("gemm", s["name"], op, "done")
        del Ws
        free()


def measure_attention(s, w, prefill_cases, decode_cases):
    nh, kv, hd = s["nh"], s["kv"], s["hd"]
    g = nh // kv
    for c, p in prefill_cases:
        q = rnd(1, nh, c, hd)
        k, v = rnd(1, kv, p + c, hd), rnd(1, kv, p + c, hd)
        run, gr = graphed(lambda: prefill_attn(q, k, v, p))
        ms, _ = bench(run, target_ms=60)
        w.writerow([s["name"], "prefill", 1, c, p, 0, 0, f"{ms:.5f}"])
        del q, k, v, gr
    for B, C in decode_cases:
        if 2 * B * kv * C * hd * 2 > KV_BUDGET:
            continue
        q = rnd(B, kv, g, hd)
        k, v = rnd(B, kv, C, hd), rnd(B, kv, C, hd)
        run, gr = graphed(lambda: decode_attn(q, k, v))
        ms, _ = bench(run, target_ms=60)
        w.writerow([s["name"], "decode", 0, 0, 0, B, C, f"{ms:.5f}"])
        del q, k, v, gr
    free()
    log("attention", s["name"], "done")


def measure_elementwise(s, w, Ms):
    W1 = Weights(dict(s, L=1, vocab=8))
    h, nh, kv, hd, ffn = s["h"], s["nh"], s["kv"], s["hd"], s["ffn"]
    for M in Ms:
        x = rnd(M, h)
        qkv = rnd(M, (nh + 2 * kv) * hd)
        gu = rnd(M, 2 * ffn)
        cos, sin = W1.cos[:M][:, None], W1.sin[:M][:, None]
        lw = W1.layers[0]

        def fn():
            y = F.rms_norm(x, (h,), lw["n1"], 1e-5)
            q, k, _ = qkv.split([nh * hd, kv * hd, kv * hd], -1)
            rope(q.view(M, nh, hd), cos, sin)
            rope(k.view(M, kv, hd), cos, sin)
            z = x + y
            F.rms_norm(z, (h,), lw["n2"], 1e-5)
            a, b = gu.chunk(2, -1)
            F.silu(a) * b
            return z + y
        run, gr = graphed(fn)
        ms, _ = bench(run, target_ms=40)
        w.writerow([s["name"], M, f"{ms:.5f}"])
        del gr
    del W1
    free()
    log("elementwise", s["name"], "done")


def measure_iterations(W, w, cases):
    for cid, segs, B, C in cases:
        try:
            it = Iteration(W, segs, B, C)
            run, g = graphed(it)
            ms, reps = bench(run, target_ms=400, min_reps=4, max_reps=15)
            agg = aggregates(segs, B, C)
            segtxt = ";".join(f"{c}@{p}" for c, p in segs)
            w.writerow([W.s["name"], cid, segtxt, B, C, f"{ms:.4f}", reps] + [agg[k] for k in AGG_KEYS])
            log(f"iter {W.s['name']} {cid} segs={segtxt} B={B} C={C}: {ms:.3f} ms")
            del it, g
        except torch.OutOfMemoryError as e:
            log("OOM", cid, repr(e)[:120])
        free()


AGG_KEYS = ["prefillSeqs", "prefillTokens", "prefillAttnPairs", "prefillKvTokens", "decodeSeqs", "decodeKvTokens"]


def overlap(first_runs, first_n, second_run, second_n):
    """Enqueue first_n replays of first_run on stream A, then second_n timed replays of second_run on
    stream B. Returns (median ms of the B replays that finished while A was still busy, count, A-alone span)."""
    sa, sb = torch.cuda.Stream(), torch.cuda.Stream()
    start = Timer(); start.record()
    sa.wait_stream(torch.cuda.current_stream()); sb.wait_stream(torch.cuda.current_stream())
    a_end = Timer()
    with torch.cuda.stream(sa):
        for _ in range(first_n):
            first_runs()
        a_end.record(sa)
    evs = []
    with torch.cuda.stream(sb):
        for _ in range(second_n):
            e0, e1 = Timer(), Timer()
            e0.record(sb); second_run(); e1.record(sb)
            evs.append((e0, e1))
    sync()
    a_span = a_end.ms_since(start)
    inside = [e1.ms_since(e0) for e0, e1 in evs[1:] if e1.ms_since(start) < a_span]
    return (statistics.median(inside) if inside else float("nan")), len(inside), a_span


def overlap_interleaved(a_fn, a_per_round, b_fn, b_per_round, rounds):
    """Eager variant: each round enqueues a_per_round A calls on stream A, then b_per_round timed B calls on
    stream B, so both queues stay fed without graphs. Returns (median ms of the B calls that ended before A's
    last one did, count, A's span)."""
    sa, sb = torch.cuda.Stream(), torch.cuda.Stream()
    start = Timer(); start.record()
    sa.wait_stream(torch.cuda.current_stream()); sb.wait_stream(torch.cuda.current_stream())
    a_end = Timer()
    evs = []
    for _ in range(rounds):
        with torch.cuda.stream(sa):
            for _ in range(a_per_round):
                a_fn()
        with torch.cuda.stream(sb):
            for _ in range(b_per_round):
                e0, e1 = Timer(), Timer()
                e0.record(sb); b_fn(); e1.record(sb)
                evs.append((e0, e1))
    a_end.record(sa)
    sync()
    a_span = a_end.ms_since(start)
    inside = [e1.ms_since(e0) for e0, e1 in evs[1:] if e1.ms_since(start) < a_span]
    return (statistics.median(inside) if inside else float("nan")), len(inside), a_span


def measure_contention(W, w, pairs):
    import faulthandler
    for B, C, Lp in pairs:
        faulthandler.dump_traceback_later(90, exit=True)  # a hang names its line in the log, then ends the run
        dec = Iteration(W, [], B, C)
        pre = Iteration(W, [(Lp, 0)], 0, 0)
        if EAGER:
            rd, gd, rp, gp = dec, None, pre, None
        else:
            rd, gd = graphed(dec)
            rp, gp = graphed(pre)
        d_alone, _ = bench(rd, target_ms=300)
        p_alone, _ = bench(rp, target_ms=300)
        log(f"contention B={B} C={C} prefill={Lp}: alone decode {d_alone:.2f} ms, prefill {p_alone:.2f} ms")
        if DRY:
            d_sh, nd, p_sh, np_ = d_alone, 1, p_alone, 1
        elif EAGER:
            k = max(1, math.ceil(p_alone / d_alone))  # decodes per prefill
            for _ in range(2):
                d_sh, nd, _ = overlap_interleaved(rp, 1, rd, k, 8)
            for _ in range(2):
                p_sh, np_, _ = overlap_interleaved(rd, k + 1, rp, 1, 8)
        else:
            n_p = max(3, math.ceil(25 * d_alone * 2 / p_alone))  # prefill stream long enough for ~25 slowed decodes
            for _ in range(2):  # the second round is the one kept (first warms both streams)
                d_sh, nd, _ = overlap(rp, n_p, rd, 30)
            n_d = max(10, math.ceil(6 * p_alone * 1.2 / d_alone) * 2)
            for _ in range(2):
                p_sh, np_, _ = overlap(rd, n_d, rp, 6)
        faulthandler.cancel_dump_traceback_later()
        w.writerow([W.s["name"], B, C, Lp, f"{d_alone:.4f}", f"{d_sh:.4f}", nd, f"{p_alone:.4f}", f"{p_sh:.4f}", np_,
                    f"{d_sh / d_alone:.3f}", f"{p_sh / p_alone:.3f}"])
        log(f"contention B={B} C={C} prefill={Lp} ({'eager' if EAGER else 'graphs'}): decode {d_alone:.2f}->{d_sh:.2f} ms (n={nd}), "
            f"prefill {p_alone:.2f}->{p_sh:.2f} ms (n={np_})")
        del dec, pre, gd, gp
        free()


def measure_kernel_contention(w):
    """Kernel-level fallback for the contention measurement: graph replays on two streams never returned on the
    device (gVisor), and eager whole-model iterations are launch-bound. So a compute-bound prefill proxy (big
    GEMMs) and a memory-bound decode proxy (skinny GEMMs streaming weights from HBM + decode flash attention)
    run eager on two streams; each kernel is long enough (>= 0.1 ms) that launching is not the bottleneck."""
    h, f = (4096, 14336) if not DRY else (256, 512)
    reps = int(os.environ.get("KREPS", "1"))
    for M_p, M_d, B, C in ([(4096, 64, 64, 2048), (2048, 128, 128, 2048), (8192, 16, 16, 4096), (1024, 256, 256, 1024),
                            (4096, 32, 32, 4096), (2048, 256, 256, 2048)] * reps
                           if not DRY else [(64, 4, 4, 128)]):
        xp = rnd(M_p, h); wp1, wp2 = rnd(f, h), rnd(h, f)
        ws = [(rnd(f, h), rnd(h, f)) for _ in range(16 if not DRY else 2)]  # ~3.8 GB streamed per call
        xd = rnd(M_d, h)
        kv = 8 if not DRY else 2
        kb, vb = rnd(B, kv, C, 128 if not DRY else 64), rnd(B, kv, C, 128 if not DRY else 64)
        q = rnd(B, kv, 4, 128 if not DRY else 64)

        def pre():
            for _ in range(4):
                F.linear(F.linear(xp, wp1), wp2)

        def dec():
            for a, b in ws:
                F.linear(F.linear(xd, a), b)
            for _ in range(4):
                decode_attn(q, kb, vb)

        d_alone, _ = bench(dec, target_ms=200)
        p_alone, _ = bench(pre, target_ms=200)
        k = max(1, math.ceil(p_alone / d_alone))
        for _ in range(2):
            d_sh, nd, _ = overlap_interleaved(pre, 1, dec, k, 20)
        for _ in range(2):
            p_sh, np_, _ = overlap_interleaved(dec, k + 1, pre, 1, 20)
        w.writerow(["kernels", f"prefill_gemm_M={M_p}", M_d, B, C, f"{d_alone:.4f}", f"{d_sh:.4f}", nd,
                    f"{p_alone:.4f}", f"{p_sh:.4f}", np_, f"{d_sh / d_alone:.3f}", f"{p_sh / p_alone:.3f}"])
        log(f"kernel contention prefill M={M_p} vs decode M={M_d} B={B} C={C}: decode {d_alone:.2f}->{d_sh:.2f} ms "
            f"(n={nd}), prefill {p_alone:.2f}->{p_sh:.2f} ms (n={np_})")
        del xp, wp1, wp2, ws, xd, kb, vb, q
        free()


def measure_sm_share(W, w):
    """Nexus's premise, measured: whole-model decode and prefill iterations confined to a share of the SMs with
    a CUDA green context (torch.cuda.green_contexts; beta). Each case is graph-captured inside its context."""
    from torch.cuda import green_contexts as gcm
    total = torch.cuda.get_device_properties(0).multi_processor_count
    cases = [("decode", [], 64, 2048), ("decode", [], 256, 1024), ("prefill", [(2048, 0)], 0, 0), ("prefill", [(512, 0)], 0, 0)]
    # One context per process (SMS=n): a second context in the same process failed with "context is destroyed".
    for sms in [int(os.environ["SMS"])] if "SMS" in os.environ else (16, 32, 48, 66, 88, 110, total):
        ctx = gcm.GreenContext.create(sms, 0)
        enter = getattr(ctx, "set_context", None) or getattr(ctx, "make_current")
        leave = getattr(ctx, "pop_context", None) or getattr(ctx, "pop_current")
        enter()
        try:
            for kind, segs, B, C in cases:
                it = Iteration(W, segs, B, C)
                run, g = graphed(it)
                ms, reps = bench(run, target_ms=200, min_reps=4, max_reps=12)
                w.writerow([W.s["name"], kind, sum(c for c, _ in segs), B, C, sms, total, f"{ms:.4f}", reps])
                log(f"sm-share {sms}/{total} {kind} segs={segs} B={B} C={C}: {ms:.3f} ms")
                del it, g
        finally:
            leave()
        free()


def main():
    global HEADER
    meta = dict(torch=torch.__version__, date=time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), dry=DRY)
    if not DRY:
        p = torch.cuda.get_device_properties(0)
        meta.update(device=p.name, sms=p.multi_processor_count, mem_gib=round(p.total_memory / 2 ** 30, 1),
                    cuda=torch.version.cuda)
        try:
            meta["driver"] = subprocess.check_output(
                ["nvidia-smi", "--query-gpu=driver_version,clocks.max.sm,power.limit", "--format=csv,noheader"],
                text=True).strip()
        except Exception as e:
            meta["driver"] = repr(e)
    else:
        meta["device"] = "cpu (dry run)"
    HEADER = f"# device={meta['device']}; driver={meta.get('driver', '')}; torch={meta['torch']}; cuda={meta.get('cuda', '')}; date={meta['date']}"
    log(HEADER)
    torch.manual_seed(0)
    pick_attention()
    meta["attention_variant"] = dict(ATTN_CHOICE)
    measure_peaks(meta)

    Ms = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384]
    eMs = [1, 8, 64, 256, 1024, 4096, 16384]
    pre_att = [(L, 0) for L in (128, 256, 512, 1024, 2048, 4096, 8192, 16384)] + \
              [(c, p) for c in (256, 512, 1024, 2048) for p in (1024, 4096, 8192)]
    dec_att = [(B, C) for B in (1, 4, 16, 64, 256) for C in (512, 2048, 8192)]
    if DRY:
        Ms, eMs = [1, 16, 128], [1, 64]
        pre_att, dec_att = [(128, 0), (64, 128)], [(2, 256)]

    fg, wg = writer("gemm.csv", ["model", "op", "M", "N", "K", "ms", "tflops", "gbps"])
    fa, wa = writer("attention.csv", ["model", "kind", "seqs", "chunk", "prior", "batch", "ctx", "ms"])
    fe, we = writer("elementwise.csv", ["model", "M", "ms"])
    fi, wi = writer("iteration.csv", ["model", "case", "prefill_segs", "decode_batch", "decode_ctx", "ms", "reps"] + AGG_KEYS)
    fc, wc = writer("contention.csv", ["model", "decode_batch", "decode_ctx", "prefill_len", "decode_alone_ms",
                                       "decode_shared_ms", "decode_n", "prefill_alone_ms", "prefill_shared_ms",
                                       "prefill_n", "decode_slowdown", "prefill_slowdown"])
    files = [fg, fa, fe, fi, fc]
    if "smshare" in PARTS:
        fs, ws_ = writer("sm_share.csv", ["model", "kind", "prefill_tokens", "decode_batch", "decode_ctx", "sms",
                                          "total_sms", "ms", "reps"])
        import faulthandler
        faulthandler.dump_traceback_later(240, exit=True)
        try:
            measure_sm_share(Weights(LLAMA3_8B), ws_)
        except Exception as e:  # the API is beta: record why it failed rather than lose the run
            log("sm-share failed:", repr(e)[:300])
        faulthandler.cancel_dump_traceback_later()
        files.append(fs)
    if "kernels" in PARTS:
        fk, wk = writer("kernel_contention.csv", ["proxy", "prefill", "decode_gemm_M", "decode_batch", "decode_ctx",
                                                  "decode_alone_ms", "decode_shared_ms", "decode_n", "prefill_alone_ms",
                                                  "prefill_shared_ms", "prefill_n", "decode_slowdown", "prefill_slowdown"])
        measure_kernel_contention(wk)
        files.append(fk)

    # Llama-3-8B shape: everything
    s = LLAMA3_8B
    if "llama" in PARTS:
        measure_gemm(s, wg, Ms); fg.flush()
        measure_attention(s, wa, pre_att, dec_att); fa.flush()
        measure_elementwise(s, we, eMs); fe.flush()
    W = Weights(s) if PARTS & {"llama", "contention"} else None
    log("llama weights ready")
    cases = []
    for L in (128, 256, 512, 1024, 2048, 4096, 8192, 16384):
        cases.append((f"prefill-{L}", [(L, 0)], 0, 0))
    cases.append(("prefill-8x256", [(256, 0)] * 8, 0, 0))
    cases.append(("prefill-4x1024", [(1024, 0)] * 4, 0, 0))
    for c in (256, 512, 1024, 2048):
        for p in (1024, 4096, 8192):
            cases.append((f"chunk-{c}-prior-{p}", [(c, p)], 0, 0))
    for B in (1, 2, 4, 8, 16, 32, 64, 128, 256):
        for C in (512, 1024, 2048, 4096, 8192):
            cases.append((f"decode-{B}x{C}", [], B, C))
    cases += [("mixed-512+32x2048", [(512, 0)], 32, 2048), ("mixed-1024p2048+64x1024", [(1024, 2048)], 64, 1024),
              ("mixed-256p4096+128x512", [(256, 4096)], 128, 512), ("mixed-2x256+16x4096", [(256, 0), (256, 1024)], 16, 4096),
              ("mixed-1984+64x2048", [(1984, 0)], 64, 2048)]
    if DRY:
        cases = [("prefill-128", [(128, 0)], 0, 0), ("chunk-64-prior-128", [(64, 128)], 0, 0),
                 ("decode-4x256", [], 4, 256), ("mixed", [(64, 0), (32, 64)], 4, 256)]
    if "llama" in PARTS:
        measure_iterations(W, wi, cases); fi.flush()
    pairs = [(64, 2048, 2048), (64, 2048, 8192), (16, 1024, 512), (256, 512, 2048), (128, 2048, 4096)]
    if DRY:
        pairs = [(4, 256, 128)]
    if "contention" in PARTS:
        measure_contention(W, wc, pairs); fc.flush()
    del W
    free()

    # Qwen2.5-3B shape: a held-out subset for the cross-shape check
    s = QWEN25_3B
    if "qwen" not in PARTS:
        s = None
    if s is not None:
        measure_qwen(s, wg, wi)
    for f in files:
        f.close()
    meta["elapsed_s"] = time.time() - T0
    json.dump(meta, open(os.path.join(OUT, "meta.json"), "w"), indent=2)
    log("done", json.dumps(meta))


def measure_qwen(s, wg, wi):
    measure_gemm(s, wg, [1, 16, 64, 256, 1024, 4096, 16384] if not DRY else [1, 64])
    W = Weights(s)
    cases = [(f"prefill-{L}", [(L, 0)], 0, 0) for L in (256, 1024, 4096, 16384)]
    cases += [(f"decode-{B}x{C}", [], B, C) for B in (1, 16, 64, 256) for C in (1024, 4096)]
    cases += [("chunk-512-prior-4096", [(512, 4096)], 0, 0), ("mixed-512+32x2048", [(512, 0)], 32, 2048)]
    if DRY:
        cases = [("prefill-128", [(128, 0)], 0, 0), ("decode-4x256", [], 4, 256)]
    measure_iterations(W, wi, cases)
    del W
    free()


if __name__ == "__main__":
    main()
