#!/usr/bin/env python3
"""Two phases on one GPU, each in its own CUDA green context, the two contexts complementary (see README.md).

One split of the device's SM resource gives a group of at least DEC_SMS SMs (the decode side) and the
remaining SMs (the prefill side); each becomes one green context with its own stream. Per split this script
  - proves the partitions: every block of a wide kernel writes its %smid; the two contexts' SM-id sets must be
    disjoint and as large as the driver says each context is (also checked inside every captured model graph);
  - checks concurrency: a one-block spin kernel on each side, launched together, must take ~1x, not ~2x;
  - times kernel stand-ins alone on each side and in pairs (GEMM+GEMM, GEMM+copy, copy+copy, GEMM+skinny GEMM);
  - times Llama-3-8B-shaped whole-model CUDA graphs (random weights, measure.py's model): decode B=64 at
    context 2048 on the decode side, prefill at 512/2048/8192 tokens on the prefill side, alone and together.
The SM clock and board power are sampled (NVML, else nvidia-smi) during every timed region. Also the whole-GPU
solo runs, and both phases on plain streams sharing all SMs (the old method's arrangement) for reference.

Timing: each side enqueues calls back to back with an event after each; a call counts as contended only if it
started after both sides had started and ended before either side ended. Medians of those calls.
Writes h200_contention.csv (pairs), h200_contention_solo.csv (solos: the baselines and the SM-share curve),
h200_contention_meta.json and log.txt under $OUT.
Run: PYTHONUNBUFFERED=1 python3 test/calibration/contention.py      (PARTS=smoke: versions and partition proof)
"""
import csv, json, math, os, statistics, subprocess, sys, threading, time
import faulthandler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import measure as m  # noqa: E402  (the model, weights and attention choice)
import numpy as np  # noqa: E402
import torch  # noqa: E402
from cuda.bindings import driver as drv, nvrtc  # noqa: E402

OUT = m.OUT
PARTS = set(os.environ.get("PARTS", "probe,kernels,model").split(","))
SPLITS = [int(x) for x in os.environ.get("SPLITS", "40,64,96").split(",")]
PREFILL_LENS = [512, 2048, 8192]
DEC_B, DEC_C = 64, 2048
SPAN_MS = float(os.environ.get("SPAN_MS", "500"))
log = m.log


# ---------------------------------------------------------------- driver helpers
def cu(ret):
    err, rest = ret[0], ret[1:]
    if int(err) != 0:
        raise RuntimeError(f"CUDA driver error {err}")
    return rest[0] if len(rest) == 1 else rest


def nv(ret):
    err, rest = ret[0], ret[1:]
    if int(err) != 0:
        raise RuntimeError(f"NVRTC error {err}")
    return rest[0] if len(rest) == 1 else rest


SMID_SRC = r"""
extern "C" __global__ void smid_spin(int* out, long long ns) {
  unsigned int s; asm volatile("mov.u32 %0, %%smid;" : "=r"(s));
  if (threadIdx.x == 0) out[blockIdx.x] = (int)s;
  if (ns > 0) {
    unsigned long long t0, t; asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(t0));
    do { asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(t)); } while ((long long)(t - t0) < ns);
  }
}
"""
KERNEL = None


def load_kernel():
    """NVRTC-compiled, loaded as a context-independent library so one handle launches into any green context."""
    global KERNEL
    prog = nv(nvrtc.nvrtcCreateProgram(SMID_SRC.encode(), b"smid.cu", 0, [], []))
    opts = [b"--gpu-architecture=sm_90"]
    try:
        nv(nvrtc.nvrtcCompileProgram(prog, len(opts), opts))
    except RuntimeError:
        n = nv(nvrtc.nvrtcGetProgramLogSize(prog)); buf = b" " * n
        nvrtc.nvrtcGetProgramLog(prog, buf); log(buf.decode()); raise
    n = nv(nvrtc.nvrtcGetCUBINSize(prog)); cubin = b" " * n
    nv(nvrtc.nvrtcGetCUBIN(prog, cubin))
    lib = cu(drv.cuLibraryLoadData(cubin, [], [], 0, [], [], 0))
    KERNEL = drv.CUfunction(int(cu(drv.cuLibraryGetKernel(lib, b"smid_spin"))))


def smid(buf, stream_handle, blocks, ns=0, threads=128):
    a0 = np.array([buf.data_ptr()], dtype=np.uint64)
    a1 = np.array([ns], dtype=np.int64)
    params = np.array([a0.ctypes.data, a1.ctypes.data], dtype=np.uint64)
    cu(drv.cuLaunchKernel(KERNEL, blocks, 1, 1, threads, 1, 1, 0, drv.CUstream(int(stream_handle)),
                          params.ctypes.data, 0))


def sm_set(buf):
    v = buf.cpu().tolist()
    if any(x < 0 for x in v):
        raise RuntimeError("an SM-id slot was never written")
    return set(v)


class Side:
    """One green context: its stream (torch ExternalStream), its SM count as the context itself reports."""

    def __init__(self, resource, dev):
        desc = cu(drv.cuDevResourceGenerateDesc([resource], 1))
        self.g = cu(drv.cuGreenCtxCreate(desc, dev, drv.CUgreenCtxCreate_flags.CU_GREEN_CTX_DEFAULT_STREAM))
        self.cust = cu(drv.cuGreenCtxStreamCreate(self.g, drv.CUstream_flags.CU_STREAM_NON_BLOCKING, 0))
        self.stream = torch.cuda.ExternalStream(int(self.cust))
        got = cu(drv.cuGreenCtxGetDevResource(self.g, drv.CUdevResourceType.CU_DEV_RESOURCE_TYPE_SM))
        self.sms = int(got.sm.smCount)


def split(requested):
    """One split: a group of >= requested SMs and the remaining SMs, as two green contexts."""
    dev = cu(drv.cuDeviceGet(0))
    whole = cu(drv.cuDeviceGetDevResource(dev, drv.CUdevResourceType.CU_DEV_RESOURCE_TYPE_SM))
    groups, n, remaining = cu(drv.cuDevSmResourceSplitByCount(1, whole, 0, requested))
    if n != 1:
        raise RuntimeError(f"split of {requested} SMs gave {n} groups")
    a, b = Side(groups[0], dev), Side(remaining, dev)
    log(f"split {requested}: group {groups[0].sm.smCount} SMs (context says {a.sms}), remaining "
        f"{remaining.sm.smCount} (context says {b.sms}), device {whole.sm.smCount}")
    return a, b, int(whole.sm.smCount)


# ---------------------------------------------------------------- clock and power sampling
class Sampler:
    def __init__(self):
        self.rows, self.src, self.stop = [], "none", False
        try:
            import pynvml as p
            p.nvmlInit()
            h = p.nvmlDeviceGetHandleByIndex(0)
            self.read = lambda: (p.nvmlDeviceGetClockInfo(h, p.NVML_CLOCK_SM),
                                 p.nvmlDeviceGetClockInfo(h, p.NVML_CLOCK_MEM),
                                 p.nvmlDeviceGetPowerUsage(h) / 1000.0)
            self.read()
            self.src = "nvml"
            threading.Thread(target=self.poll, daemon=True).start()
        except Exception as e:  # nvidia-smi fallback: its own 20 ms loop
            log("NVML unavailable:", repr(e)[:200])
            self.src = "nvidia-smi"
            self.proc = subprocess.Popen(["nvidia-smi", "--query-gpu=clocks.sm,clocks.mem,power.draw",
                                          "--format=csv,noheader,nounits", "-lms", "20"],
                                         stdout=subprocess.PIPE, text=True)
            threading.Thread(target=self.pipe, daemon=True).start()

    def poll(self):
        while not self.stop:
            try:
                self.rows.append((time.time(),) + tuple(self.read()))
            except Exception:
                pass
            time.sleep(0.01)

    def pipe(self):
        for line in self.proc.stdout:
            try:
                sm, mem, pw = (float(x) for x in line.split(","))
                self.rows.append((time.time(), sm, mem, pw))
            except ValueError:
                pass

    def window(self, t0, t1):
        r = [x for x in self.rows if t0 <= x[0] <= t1]
        if not r:
            return dict(sm_mhz=float("nan"), sm_mhz_min=float("nan"), mem_mhz=float("nan"), power_w=float("nan"), samples=0)
        return dict(sm_mhz=statistics.mean(x[1] for x in r), sm_mhz_min=min(x[1] for x in r),
                    mem_mhz=statistics.mean(x[2] for x in r), power_w=statistics.mean(x[3] for x in r), samples=len(r))


SAMPLER = None


# ---------------------------------------------------------------- timing
def ev():
    return torch.cuda.Event(enable_timing=True)


def run_calls(jobs):
    """jobs: [(stream, fn, n)]. All sides start from one event; each side runs its n calls back to back with an
    event after each. Returns per side [(start_ms, end_ms)] of each call, relative to the common start, and
    the clock/power window."""
    start = ev()
    start.record(torch.cuda.current_stream())
    marks = []
    for st, _, _ in jobs:
        st.wait_event(start)
        e = ev(); e.record(st)
        marks.append([e])
    t0 = time.time()
    for i in range(max(n for _, _, n in jobs)):
        for j, (st, fn, n) in enumerate(jobs):
            if i < n:
                with torch.cuda.stream(st):
                    fn()
                e = ev(); e.record(st)
                marks[j].append(e)
    torch.cuda.synchronize()
    t1 = time.time()
    out = []
    for ms in marks:
        t = [start.elapsed_time(e) for e in ms]
        out.append(list(zip(t[:-1], t[1:])))
    return out, SAMPLER.window(t0, t1)


def solo(st, fn):
    run_calls([(st, fn, 2)])
    first = statistics.median(b - a for a, b in run_calls([(st, fn, 3)])[0][0])
    n = max(5, min(400, math.ceil(SPAN_MS / first)))
    calls, clk = run_calls([(st, fn, n)])
    return statistics.median(b - a for a, b in calls[0]), n, clk


def pair(sa, fa, ta, sb, fb, tb):
    """Per-call ms of each side while the other runs (solo times ta, tb size the runs)."""
    span = max(SPAN_MS, 4 * max(ta, tb))
    na, nb = (max(4, min(400, math.ceil(span / t))) for t in (ta, tb))
    run_calls([(sa, fa, 2), (sb, fb, 1)])
    (ca, cb), clk = run_calls([(sa, fa, na), (sb, fb, nb)])
    w0, w1 = max(ca[0][0], cb[0][0]), min(ca[-1][1], cb[-1][1])
    res = []
    for c in (ca, cb):
        inside = [b - a for a, b in c if a >= w0 and b <= w1]
        res.append((statistics.median(inside) if inside else float("nan"), len(inside)))
    return res, clk, w1 - w0


# ---------------------------------------------------------------- workloads
def kernel_standins():
    """Calls of ~2-10 ms each (a few launches per call), so that the enqueue never starves a side."""
    g = 8192
    x, y = m.rnd(g, g), m.rnd(g, g)
    o = torch.empty(g, g, device="cuda", dtype=m.BF)
    cn = 1 << 30
    src = torch.randint(0, 255, (cn,), device="cuda", dtype=torch.uint8)
    dst = torch.empty_like(src)
    ws = [m.rnd(28672, 4096) for _ in range(4)]  # 235 MB each, 4x the L2
    xs = m.rnd(64, 4096)
    so = torch.empty(64, 28672, device="cuda", dtype=m.BF)

    def gemm():
        torch.matmul(x, y, out=o)

    def copy():
        for _ in range(4):
            dst.copy_(src)

    def skinny():
        for i in range(8):
            torch.matmul(xs, ws[i % 4].t(), out=so)

    return dict(
        gemm=(gemm, 2 * g ** 3, 3 * g * g * 2),
        copy=(copy, 0, 4 * 2 * cn),
        skinny=(skinny, 8 * 2 * 64 * 4096 * 28672, 8 * (28672 * 4096 * 2 + 64 * 4096 * 2 + 64 * 28672 * 2)),
    ), [x, y, o, src, dst, ws, xs, so]


KERNEL_PAIRS = [("gemm", "gemm"), ("gemm", "copy"), ("copy", "copy"), ("gemm", "skinny"), ("skinny", "copy")]


def model_bytes_flops(kind, L):
    """Bytes every iteration must move through HBM (weights once, KV read/written, activations in and out of
    each GEMM) and its FLOPs, for the Llama-3-8B shape of measure.py."""
    s = m.LLAMA3_8B
    h, nh, kv, hd, ffn, nl = s["h"], s["nh"], s["kv"], s["hd"], s["ffn"], s["L"]
    per_layer_w = (nh + 2 * kv) * hd * h + h * nh * hd + 2 * ffn * h + h * ffn
    T = DEC_B if kind == "decode" else L
    out_tokens = DEC_B if kind == "decode" else 1
    w_bytes = 2 * (nl * per_layer_w + s["vocab"] * h)
    act = 2 * nl * T * ((nh + 2 * kv) * hd + h + nh * hd + h + 2 * ffn + ffn + h + 4 * h)
    if kind == "decode":
        kv_bytes = 2 * nl * 2 * DEC_B * kv * DEC_C * hd
        attn_flops = 4 * nl * DEC_B * nh * hd * DEC_C
    else:
        kv_bytes = 2 * nl * 2 * L * kv * hd
        attn_flops = 4 * nl * nh * hd * L * (L + 1) / 2
    flops = 2 * nl * T * per_layer_w + 2 * out_tokens * s["vocab"] * h + attn_flops
    return w_bytes + act + kv_bytes, flops


def graph_on(stream, fn, tag):
    """fn captured as a CUDA graph on `stream`, followed by an SM-id kernel writing into `tag`."""
    sh = stream.cuda_stream

    def body():
        fn()
        smid(tag, sh, tag.numel())
    with torch.cuda.stream(stream):
        for _ in range(2):
            body()
    torch.cuda.synchronize()
    g = torch.cuda.CUDAGraph()
    with torch.cuda.graph(g, stream=stream):
        body()
    torch.cuda.synchronize()
    return g.replay, g


# ---------------------------------------------------------------- writers
SOLO_COLS = ["kind", "name", "side", "split_requested", "sms", "total_sms", "prefill_len", "decode_batch", "decode_ctx",
             "ms", "calls", "bytes", "flops", "gbps", "tflops", "sm_mhz", "sm_mhz_min", "mem_mhz", "power_w", "clock_samples"]
PAIR_COLS = ["kind", "split_requested", "a_name", "a_sms", "b_name", "b_sms", "total_sms", "prefill_len",
             "a_solo_ms", "a_pair_ms", "b_solo_ms", "b_pair_ms", "a_slowdown", "b_slowdown", "rate_sum",
             "a_bytes", "b_bytes", "a_flops", "b_flops", "a_copy_gbps", "b_copy_gbps",
             "a_calls", "b_calls", "overlap_ms", "sm_mhz", "sm_mhz_min", "mem_mhz", "power_w", "clock_samples",
             "a_solo_sm_mhz", "b_solo_sm_mhz", "partition"]


def f4(x):
    return f"{x:.4f}" if isinstance(x, float) else x


class Tables:
    def __init__(self, header):
        self.files = {}
        for name, cols in (("h200_contention.csv", PAIR_COLS), ("h200_contention_solo.csv", SOLO_COLS)):
            f = open(os.path.join(OUT, name), "w", newline="", buffering=1)
            f.write(header + "\n")
            w = csv.writer(f, lineterminator="\n"); w.writerow(cols)
            self.files[name] = (f, w, cols)

    def row(self, table, **kv):
        f, w, cols = self.files[table]
        w.writerow([f4(kv.get(c, "")) for c in cols])


def solo_row(T, kind, name, side, req, sms, total, ms, n, by, fl, clk, L=0, B=0, C=0):
    T.row("h200_contention_solo.csv", kind=kind, name=name, side=side, split_requested=req, sms=sms, total_sms=total,
          prefill_len=L, decode_batch=B, decode_ctx=C, ms=ms, calls=n, bytes=by, flops=fl,
          gbps=by / ms / 1e6, tflops=fl / ms / 1e9, sm_mhz=clk["sm_mhz"], sm_mhz_min=clk["sm_mhz_min"],
          mem_mhz=clk["mem_mhz"], power_w=clk["power_w"], clock_samples=clk["samples"])
    log(f"solo {kind} {name} {side} {sms} SMs: {ms:.3f} ms, {by / ms / 1e6:.0f} GB/s, {fl / ms / 1e9:.0f} TFLOP/s, "
        f"{clk['sm_mhz']:.0f} MHz {clk['power_w']:.0f} W")


def pair_row(T, kind, req, an, asms, bn, bsms, total, sa_, sb_, res, clk, ovl, ab, bb, af, bf, acp, bcp, L=0, part="complementary"):
    (ta, ca), (tb, cb) = res
    sla, slb = ta / sa_[0], tb / sb_[0]
    T.row("h200_contention.csv", kind=kind, split_requested=req, a_name=an, a_sms=asms, b_name=bn, b_sms=bsms,
          total_sms=total, prefill_len=L, a_solo_ms=sa_[0], a_pair_ms=ta, b_solo_ms=sb_[0], b_pair_ms=tb,
          a_slowdown=sla, b_slowdown=slb, rate_sum=1 / sla + 1 / slb, a_bytes=ab, b_bytes=bb, a_flops=af, b_flops=bf,
          a_copy_gbps=acp, b_copy_gbps=bcp, a_calls=ca, b_calls=cb, overlap_ms=ovl, sm_mhz=clk["sm_mhz"],
          sm_mhz_min=clk["sm_mhz_min"], mem_mhz=clk["mem_mhz"], power_w=clk["power_w"], clock_samples=clk["samples"],
          a_solo_sm_mhz=sa_[1], b_solo_sm_mhz=sb_[1], partition=part)
    log(f"pair {kind} [{req}] {an}@{asms} x {bn}@{bsms} L={L}: {sla:.3f} / {slb:.3f} (rate sum {1 / sla + 1 / slb:.2f}; "
        f"calls {ca}/{cb}) {clk['sm_mhz']:.0f} MHz {clk['power_w']:.0f} W")


# ---------------------------------------------------------------- parts
def probe(a, b, total, meta_split):
    """Partition proof and concurrency control for one split."""
    blocks = 8 * total
    ba = torch.full((blocks,), -1, dtype=torch.int32, device="cuda")
    bb = torch.full((blocks,), -1, dtype=torch.int32, device="cuda")
    torch.cuda.synchronize()
    start = ev(); start.record()
    for s in (a, b):
        s.stream.wait_event(start)
    smid(ba, a.stream.cuda_stream, blocks, ns=200_000)
    smid(bb, b.stream.cuda_stream, blocks, ns=200_000)
    torch.cuda.synchronize()
    A, B = sm_set(ba), sm_set(bb)
    meta_split.update(a_sms_context=a.sms, b_sms_context=b.sms, a_sms_seen=len(A), b_sms_seen=len(B),
                      overlap_sms=len(A & B), union_sms=len(A | B), a_smids=sorted(A), b_smids=sorted(B))
    log(f"SM ids: side A {len(A)} (context {a.sms}), side B {len(B)} (context {b.sms}), overlap {len(A & B)}, union {len(A | B)}")
    # concurrency control: one block spinning 20 ms on each side
    one = torch.full((1,), -1, dtype=torch.int32, device="cuda")
    ns = 20_000_000

    def spin(s):
        return lambda: smid(one, s.cuda_stream, 1, ns=ns, threads=32)
    fa, fb = spin(a.stream), spin(b.stream)
    run_calls([(a.stream, fa, 1), (b.stream, fb, 1)])
    (ca,), _ = run_calls([(a.stream, fa, 3)])
    (cb,), _ = run_calls([(b.stream, fb, 3)])
    (pa, pb), _ = run_calls([(a.stream, fa, 3), (b.stream, fb, 3)])
    alone = statistics.median([y - x for x, y in ca + cb])
    together = max(pa[-1][1], pb[-1][1]) / 3
    meta_split.update(spin_alone_ms=alone, spin_together_per_call_ms=together, spin_ratio=together / alone)
    log(f"concurrency control: one-block 20 ms spin alone {alone:.2f} ms, both sides together {together:.2f} ms per call "
        f"(ratio {together / alone:.2f}; 1 = concurrent, 2 = serialized)")
    return A, B


def kernels_part(T, a, b, total, req, sets, cache):
    """sets: one set of stand-ins per side, each with its own buffers (two sides copying the same buffers in
    lockstep share L2 lines and move fewer bytes than they count)."""
    res = {}
    for side, s in (("A", a), ("B", b)):
        for name, (fn, fl, by) in sets[side].items():
            ms, n, clk = solo(s.stream, fn)
            res[(side, name)] = (ms, clk["sm_mhz"])
            solo_row(T, "kernel", name, side, req, s.sms, total, ms, n, by, fl, clk)
    for an, bn in KERNEL_PAIRS:
        fa, fla, bya = sets["A"][an]
        fb, flb, byb = sets["B"][bn]
        r, clk, ovl = pair(a.stream, fa, res[("A", an)][0], b.stream, fb, res[("B", bn)][0])
        pair_row(T, "kernel", req, an, a.sms, bn, b.sms, total, res[("A", an)], res[("B", bn)], r, clk, ovl,
                 bya, byb, fla, flb, cache[("A", req)], cache[("B", req)])
    return res


def model_part(T, a, b, total, req, its, cache, meta_split):
    """Decode on side A, prefill on side B; plus the SM-share points with the roles swapped."""
    dec, pres = its
    tags = []

    def tag():
        t = torch.full((2 * total,), -1, dtype=torch.int32, device="cuda"); tags.append(t); return t
    ta_, tb_ = tag(), tag()
    rd, gd = graph_on(a.stream, dec, ta_)
    bd, fd = model_bytes_flops("decode", 0)
    d_ms, n, clk = solo(a.stream, rd)
    solo_row(T, "model", "decode", "A", req, a.sms, total, d_ms, n, bd, fd, clk, B=DEC_B, C=DEC_C)
    d_solo = (d_ms, clk["sm_mhz"])
    graphs = [gd]
    for L, it in pres.items():
        rp, gp = graph_on(b.stream, it, tb_)
        graphs.append(gp)
        bp, fp = model_bytes_flops("prefill", L)
        p_ms, n, pclk = solo(b.stream, rp)
        solo_row(T, "model", "prefill", "B", req, b.sms, total, p_ms, n, bp, fp, pclk, L=L)
        r, clk, ovl = pair(a.stream, rd, d_ms, b.stream, rp, p_ms)
        pair_row(T, "model", req, "decode", a.sms, "prefill", b.sms, total, d_solo, (p_ms, pclk["sm_mhz"]),
                 r, clk, ovl, bd, bp, fd, fp, cache[("A", req)], cache[("B", req)], L=L)
    # roles swapped, solo only (SM-share curve): decode on B, prefill 2048 on A
    rd2, gd2 = graph_on(b.stream, dec, tag())
    ms, n, clk = solo(b.stream, rd2)
    solo_row(T, "model", "decode", "B", req, b.sms, total, ms, n, bd, fd, clk, B=DEC_B, C=DEC_C)
    bp, fp = model_bytes_flops("prefill", 2048)
    rp2, gp2 = graph_on(a.stream, pres[2048], tag())
    ms, n, clk = solo(a.stream, rp2)
    solo_row(T, "model", "prefill", "A", req, a.sms, total, ms, n, bp, fp, clk, L=2048)
    graphs += [gd2, gp2]
    torch.cuda.synchronize()
    A, B = meta_split["a_set"], meta_split["b_set"]
    seen = [sm_set(t) for t in tags]
    inside = [seen[0] <= A, seen[1] <= B, seen[2] <= B, seen[3] <= A]
    meta_split["graph_smids_inside_partition"] = inside
    log(f"SM ids of the graphs' tag kernels inside their partitions: {inside}")
    del graphs, gd, gd2, gp2


def main():
    global SAMPLER
    faulthandler.dump_traceback_later(570, exit=True)
    p = torch.cuda.get_device_properties(0)
    meta = dict(torch=torch.__version__, cuda=torch.version.cuda, device=p.name, sms=p.multi_processor_count,
                date=time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), splits={})
    try:
        meta["nvidia_smi"] = subprocess.check_output(
            ["nvidia-smi", "--query-gpu=driver_version,clocks.sm,clocks.max.sm,clocks.mem,power.draw,power.limit,"
             "temperature.gpu,pstate", "--format=csv"], text=True).strip()
    except Exception as e:
        meta["nvidia_smi"] = repr(e)
    import cuda.bindings
    meta["cuda_bindings"] = getattr(cuda.bindings, "__version__", "?")
    meta["driver_version"] = cu(drv.cuDriverGetVersion())
    log(json.dumps({k: v for k, v in meta.items() if k != "splits"}))
    SAMPLER = Sampler()
    meta["clock_source"] = SAMPLER.src
    load_kernel()
    total = p.multi_processor_count
    drv_txt = meta["nvidia_smi"].splitlines()[-1].split(",")[0] if "\n" in meta["nvidia_smi"] else "?"
    header = (f"# device={p.name}; driver={drv_txt} (CUDA driver API {meta['driver_version']}); torch={torch.__version__}; cuda={torch.version.cuda}; "
              f"date={meta['date']}; partitions from one split (complementary); each side its own buffers; clocks={SAMPLER.src}")
    T = Tables(header)
    torch.manual_seed(0)
    if "smoke" in PARTS:
        a, b, tot = split(SPLITS[0])
        ms = {}
        A, _ = probe(a, b, tot, ms)
        x = m.rnd(2048, 2048)
        t = torch.full((2 * tot,), -1, dtype=torch.int32, device="cuda")
        rg, g = graph_on(a.stream, lambda: x @ x, t)
        for where, st in (("A", a.stream), ("default", torch.cuda.current_stream())):
            t.fill_(-1); torch.cuda.synchronize()
            with torch.cuda.stream(st):
                rg()
            torch.cuda.synchronize()
            got = sm_set(t)
            ms[f"smoke_graph_on_{where}_smids_inside_A"] = got <= A
            log(f"graph replay on {where} stream: {len(got)} SMs seen, inside A: {got <= A}")
        ms.pop("a_smids"); ms.pop("b_smids")
        meta["splits"][SPLITS[0]] = ms
        json.dump(meta, open(os.path.join(OUT, "h200_contention_meta.json"), "w"), indent=1)
        return
    whole = torch.cuda.Stream()
    sides = {}
    for req in SPLITS:
        a, b, tot = split(req)
        ms = {"a_sms": a.sms, "b_sms": b.sms}
        meta["splits"][req] = ms
        A, B = probe(a, b, tot, ms)
        ms["a_set"], ms["b_set"] = A, B
        sides[req] = (a, b)
    # copy bandwidth of every side alone (the model's "bandwidth this partition can pull")
    standins, keep = kernel_standins()
    other, keep2 = kernel_standins()
    sets = {"A": standins, "B": other}
    cache = {}
    cfn, _, cby = standins["copy"]
    ms_, n, clk = solo(whole, cfn)
    cache[("W", 0)] = cby / ms_ / 1e6
    meta["copy_gbps_whole"] = cache[("W", 0)]
    for name, (fn, fl, by) in standins.items():
        ms_, n, clk = solo(whole, fn)
        solo_row(T, "kernel", name, "whole", 0, total, total, ms_, n, by, fl, clk)
    for req, (a, b) in sides.items():
        for side, s in (("A", a), ("B", b)):
            ms_, n, clk = solo(s.stream, cfn)
            cache[(side, req)] = cby / ms_ / 1e6
    if "kernels" in PARTS:
        for req, (a, b) in sides.items():
            kernels_part(T, a, b, total, req, sets, cache)
        # the old method's arrangement, for reference: two plain streams over all SMs
        s1, s2 = torch.cuda.Stream(), torch.cuda.Stream()
        for an, bn in KERNEL_PAIRS[:3]:
            fa, fla, bya = standins[an]; fb, flb, byb = other[bn]
            sa_ = solo(s1, fa); sb_ = solo(s2, fb)
            r, clk, ovl = pair(s1, fa, sa_[0], s2, fb, sb_[0])
            pair_row(T, "kernel", 0, an, total, bn, total, total, (sa_[0], sa_[2]["sm_mhz"]), (sb_[0], sb_[2]["sm_mhz"]),
                     r, clk, ovl, bya, byb, fla, flb, cache[("W", 0)], cache[("W", 0)], part="shared-all-sms")
    del keep, keep2, standins, other, sets
    m.free()
    if "model" in PARTS:
        m.pick_attention()
        W = m.Weights(m.LLAMA3_8B)
        dec = m.Iteration(W, [], DEC_B, DEC_C)
        pres = {L: m.Iteration(W, [(L, 0)], 0, 0) for L in PREFILL_LENS}
        # whole-GPU solos
        wt = torch.full((2 * total,), -1, dtype=torch.int32, device="cuda")
        rd, gd = graph_on(whole, dec, wt)
        bd, fd = model_bytes_flops("decode", 0)
        d_ms, n, dclk = solo(whole, rd)
        solo_row(T, "model", "decode", "whole", 0, total, total, d_ms, n, bd, fd, dclk, B=DEC_B, C=DEC_C)
        s2 = torch.cuda.Stream()
        for L, it in pres.items():
            rp, gp = graph_on(whole, it, wt)
            bp, fp = model_bytes_flops("prefill", L)
            p_ms, n, clk = solo(whole, rp)
            solo_row(T, "model", "prefill", "whole", 0, total, total, p_ms, n, bp, fp, clk, L=L)
            if L == 2048:  # both phases over all SMs on plain streams (the old method's arrangement)
                rp2, gp2 = graph_on(s2, it, wt)
                r, clk2, ovl = pair(whole, rd, d_ms, s2, rp2, p_ms)
                pair_row(T, "model", 0, "decode", total, "prefill", total, total, (d_ms, dclk["sm_mhz"]),
                         (p_ms, clk["sm_mhz"]), r, clk2, ovl, bd, bp, fd, fp, cache[("W", 0)], cache[("W", 0)], L=L,
                         part="shared-all-sms")
                del gp2
            del gp
        del gd
        for req, (a, b) in sides.items():
            model_part(T, a, b, total, req, (dec, pres), cache, meta["splits"][req])
            m.free()
    for req in meta["splits"]:
        for k in ("a_set", "b_set"):
            meta["splits"][req].pop(k, None)
    meta["copy_gbps_sides"] = {f"{s}{r}": v for (s, r), v in cache.items()}
    meta["elapsed_s"] = time.time() - m.T0
    json.dump(meta, open(os.path.join(OUT, "h200_contention_meta.json"), "w"), indent=1)
    log("done in", f"{meta['elapsed_s']:.0f} s")


if __name__ == "__main__":
    main()
