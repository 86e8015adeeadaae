"""A layer of ReLUs computed (a) spreadsheet style, one input column at a time, and (b) as one matmul + ReLU.

Reports, from one run, the speedup of (b) over (a) at the shape of the lesson's Titanic workbook (712 rows × 10
inputs, the `mmult` sheet's data with its column of ones; with its 2 ReLU units and with 20) and at a large shape
(100k × 100 → 1000 units), and the GFLOP/s of (b) against the peak this machine reaches with a large square
`torch.mm` (measured here, in the same process). Timings are `fastlesson.core.time_it` (the fastest of several
repeats, each long enough to trust the clock); on a GPU each timed call is a batch of calls ended by a synchronise.

At the large shape the loop would make 100 × 1000 Python steps on columns of 100k numbers; by default it is timed on
the first `--loop-units` units only and scaled up (its time is exactly proportional to the number of units: each unit
is the same independent loop). The output says when it does that.

    python bench/matmul.py                 # CPU, all cores torch uses by default
    python bench/matmul.py --threads 1     # one core: steadier on a busy shared machine
    python bench/matmul.py --device cuda   # the same on a GPU
    python bench/matmul.py --quick         # a smaller large shape and fewer repeats (for bench/run_all.py --quick)

The last two lines are the figures: `matmul_speedup_titanic_20: <ratio>` and `matmul_share_of_peak: <share>` (the
large shape's GFLOP/s over the peak).
"""
from __future__ import annotations
import argparse, os, platform
import torch
from fastlesson.core import time_it
from fastlesson.matmul import relu_layer_loop, relu_layer, matmul_flops


def timer(f, device, repeat=15):
    "Seconds per call of `f` on `device`: `time_it`; on a GPU, batches of calls each ended by a synchronise."
    if device.type != 'cuda': return time_it(f, repeat=repeat)
    k = 20                                  # the synchronise's own cost, spread over k calls
    def batch():
        for _ in range(k): f()
        torch.cuda.synchronize(device)
    return time_it(batch, repeat=repeat) / k


def peak_mm(device, size, dtype=torch.float32):
    "GFLOP/s of a square `torch.mm` of `size`: what this machine can do at best."
    a, b = (torch.randn(size, size, device=device, dtype=dtype) for _ in range(2))
    t = timer(lambda: torch.mm(a, b), device, repeat=5)
    return matmul_flops(size, size, size) / t / 1e9


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--device', default='cpu')
    ap.add_argument('--large', default=None, help='rows,inputs,units of the large shape (default 100000,100,1000)')
    ap.add_argument('--loop-units', type=int, default=10, help='units the loop is timed on at the large shape (0: all)')
    ap.add_argument('--peak-size', type=int, default=0, help='side of the square mm for the peak (default: 2048 CPU, 8192 GPU)')
    ap.add_argument('--repeat', type=int, default=15)
    ap.add_argument('--threads', type=int, default=0, help="CPU threads for torch (default: torch's choice)")
    ap.add_argument('--quick', action='store_true', help='large shape 20000,100,1000; 5 repeats; peak at 1024 (CPU)')
    args = ap.parse_args(argv)
    if args.threads: torch.set_num_threads(args.threads)
    dev = torch.device(args.device)
    if dev.type == 'cuda' and not torch.cuda.is_available(): ap.error('--device cuda: no CUDA device is available here')
    large = args.large or ('20000,100,1000' if args.quick else '100000,100,1000')
    repeat = 5 if args.quick else args.repeat
    peak_size = args.peak_size or (8192 if dev.type == 'cuda' else 1024 if args.quick else 2048)
    name = torch.cuda.get_device_name(dev) if dev.type == 'cuda' else f'{platform.processor() or platform.machine()}'
    load = ' / '.join(f'{v:.1f}' for v in os.getloadavg()) if hasattr(os, 'getloadavg') else '?'
    print(f'device: {dev} ({name}); torch {torch.__version__}; threads {torch.get_num_threads()}; float32; '
          f'load average {load} on {os.cpu_count()} CPUs')

    g = torch.Generator().manual_seed(0)
    n, k, h = (int(v) for v in large.split(','))
    shapes = [('titanic_2', 712, 10, 2), ('titanic_20', 712, 10, 20), ('large', n, k, h)]   # the workbook: 712 × 10 @ 10 × 2
    peak = peak_mm(dev, peak_size)
    print(f'peak: torch.mm {peak_size}×{peak_size} @ {peak_size}×{peak_size}: {peak:.1f} GFLOP/s')
    print(f"{'shape':<12}{'n × k → h':>22}{'(a) loop':>15}{'(b) matmul':>13}{'speedup':>10}{'(b) GFLOP/s':>13}{'% of peak':>11}")
    results, gflops = {}, {}
    for label, n, k, h in shapes:
        X = torch.randn(n, k, generator=g).to(dev); W = torch.randn(k, h, generator=g).to(dev); b = torch.randn(h, generator=g).to(dev)
        rep = repeat if label != 'large' else 3        # one call of the large shape already takes > 0.05 s
        tb = timer(lambda: relu_layer(X, W, b), dev, repeat=rep)
        hl = h if (label != 'large' or not args.loop_units) else min(h, args.loop_units)
        Wl, bl = W[:, :hl].contiguous(), b[:hl].contiguous()
        if label == 'large':      # check the two agree here too, on the units the loop computes
            torch.testing.assert_close(relu_layer_loop(X, Wl, bl), relu_layer(X, Wl, bl), atol=1e-3, rtol=1e-4)
        ta = timer(lambda: relu_layer_loop(X, Wl, bl), dev, repeat=rep) * h / hl
        note = f'  (loop timed on {hl} of {h} units, ×{h/hl:g})' if hl != h else ''
        gf = matmul_flops(n, k, h) / tb / 1e9
        results[label], gflops[label] = ta / tb, gf
        print(f"{label:<12}{f'{n} × {k} → {h}':>22}{ta*1e3:>12.3f} ms{tb*1e3:>10.3f} ms{ta/tb:>9.0f}×{gf:>13.2f}{gf/peak:>10.1%}{note}")
    peak2 = peak_mm(dev, peak_size)          # again at the end: on a shared machine keep the better of the two
    if peak2 > peak:
        print(f'peak measured again at the end: {peak2:.1f} GFLOP/s; (b) at titanic_20, large: '
              f'{gflops["titanic_20"]/peak2:.1%}, {gflops["large"]/peak2:.1%} of it')
    print(f"matmul_speedup_titanic_20: {results['titanic_20']:.0f}")
    print(f"matmul_share_of_peak: {gflops['large'] / max(peak, peak2):.3f}")


if __name__ == '__main__': main()
