#!/usr/bin/env python3
"""Prefill and decode sharing one GPU, Llama-3-8B shape, whole-model CUDA graphs (see README.md beside this file).

MODE=split  decode runs in a CUDA green context of DEC_SMS SMs, prefill in one of the remaining SMs, each on
            its own green-context stream: Nexus's arrangement. Each phase is timed alone in its partition and
            then next to the other, so the ratio is the contention of the shared memory system alone.
MODE=shared both phases on plain streams that see every SM (the issue's two-stream figure).
Timing uses one event per stream at the end of a run of back-to-back replays (measure.py's per-replay events
on two streams never returned on the device). Writes contention.csv under $OUT (appends when it exists).
"""
import csv, faulthandler, math, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import measure as m  # noqa: E402  (shares the model, weights and iteration code)
import torch  # noqa: E402

MODE = os.environ.get("MODE", "split")
DEC_SMS = int(os.environ.get("DEC_SMS", "66"))
PAIRS = [(64, 2048, 2048), (64, 2048, 8192), (256, 512, 2048), (16, 1024, 512)]
SPAN_MS = 600.0


def as_stream(x):
    return x if isinstance(x, torch.cuda.Stream) else torch.cuda.ExternalStream(int(x))


def capture(fn, stream):
    with torch.cuda.stream(stream):
        for _ in range(2):
            fn()
    torch.cuda.synchronize()
    g = torch.cuda.CUDAGraph()
    with torch.cuda.graph(g, stream=stream):
        fn()
    torch.cuda.synchronize()

    def run():
        with torch.cuda.stream(stream):
            g.replay()
    return run, g


def spans(jobs):
    """jobs: [(stream, run, n)]. Enqueue n replays on each stream after one common start event; return each
    stream's span in ms, from the start to its last replay's end."""
    start = torch.cuda.Event(enable_timing=True)
    start.record()
    for st, _, _ in jobs:
        st.wait_event(start)
    ends = []
    for st, run, n in jobs:
        for _ in range(n):
            run()
        e = torch.cuda.Event(enable_timing=True)
        e.record(st)
        ends.append(e)
    torch.cuda.synchronize()
    return [start.elapsed_time(e) for e in ends]


def alone_ms(stream, run):
    spans([(stream, run, 3)])  # warm
    first = spans([(stream, run, 3)])[0] / 3
    n = max(4, int(SPAN_MS / first))
    return spans([(stream, run, n)])[0] / n


def together(sd, rd, d_alone, sp, rp, p_alone):
    """Per-call ms of each phase while the other runs. The stream that finishes first was overlapped for all of
    its calls; for the other, the calls that ran after the first finished are taken at their alone time."""
    nd = max(6, math.ceil(SPAN_MS / d_alone))
    np_ = max(3, math.ceil(SPAN_MS / p_alone))
    spans([(sd, rd, 2), (sp, rp, 1)])  # warm both queues
    td, tp = spans([(sd, rd, nd), (sp, rp, np_)])
    if td <= tp:
        d_sh = td / nd
        p_during = np_ - (tp - td) / p_alone
        p_sh = td / p_during if p_during > 0.5 else float("nan")
    else:
        p_sh = tp / np_
        d_during = nd - (td - tp) / d_alone
        d_sh = tp / d_during if d_during > 0.5 else float("nan")
    return d_sh, p_sh, nd, np_


def main():
    out = os.environ.get("OUT", "/tmp/calib_out")
    path = os.path.join(out, "contention.csv")
    fresh = not os.path.exists(path)
    f = open(path, "a", newline="", buffering=1)
    w = csv.writer(f, lineterminator="\n")
    total = torch.cuda.get_device_properties(0).multi_processor_count
    torch.manual_seed(0)
    m.pick_attention()
    W = m.Weights(m.LLAMA3_8B)
    if MODE == "split":
        from torch.cuda import green_contexts as gcm
        ctx_d = gcm.GreenContext.create(DEC_SMS, 0)
        ctx_p = gcm.GreenContext.create(total - DEC_SMS, 0)
        sd, sp = as_stream(ctx_d.Stream()), as_stream(ctx_p.Stream())
        dec_sms, pre_sms = DEC_SMS, total - DEC_SMS
    else:
        sd, sp = torch.cuda.Stream(), torch.cuda.Stream()
        dec_sms = pre_sms = total
    if fresh:
        import subprocess, time
        drv = subprocess.run(["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"],
                             capture_output=True, text=True).stdout.strip()
        f.write(f"# device={torch.cuda.get_device_name(0)}; driver={drv}; torch={torch.__version__}; "
                f"date={time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}\n")
        w.writerow(["mode", "decode_sms", "prefill_sms", "total_sms", "decode_batch", "decode_ctx", "prefill_len",
                    "decode_alone_ms", "decode_shared_ms", "prefill_alone_ms", "prefill_shared_ms",
                    "decode_slowdown", "prefill_slowdown", "decode_calls", "prefill_calls"])
    for B, C, Lp in PAIRS:
        faulthandler.dump_traceback_later(60, exit=True)
        dec = m.Iteration(W, [], B, C)
        pre = m.Iteration(W, [(Lp, 0)], 0, 0)
        rd, gd = capture(dec, sd)
        rp, gp = capture(pre, sp)
        d_alone, p_alone = alone_ms(sd, rd), alone_ms(sp, rp)
        d_sh, p_sh, nd, np_ = together(sd, rd, d_alone, sp, rp, p_alone)
        faulthandler.cancel_dump_traceback_later()
        w.writerow([MODE, dec_sms, pre_sms, total, B, C, Lp, f"{d_alone:.4f}", f"{d_sh:.4f}", f"{p_alone:.4f}",
                    f"{p_sh:.4f}", f"{d_sh / d_alone:.3f}", f"{p_sh / p_alone:.3f}", nd, np_])
        m.log(f"{MODE} decode {dec_sms} SMs B={B} C={C} | prefill {pre_sms} SMs L={Lp}: decode {d_alone:.2f}->{d_sh:.2f} ms, "
              f"prefill {p_alone:.2f}->{p_sh:.2f} ms")
        del dec, pre, gd, gp, rd, rp
        m.free()
    f.close()


if __name__ == "__main__":
    main()
