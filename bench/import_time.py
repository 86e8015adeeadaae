"""Import cost of fastlesson, as ratios against a baseline measured in the same run.

Each statement runs in a fresh interpreter (`python -c ...`), interleaved, 7 times; we report medians.
Targets: `import fastlesson` <= 0.3 s; `import fastlesson.quadratic` <= 1.05 x `import torch, matplotlib.pyplot`.
For reference, the lesson notebook's `from fastai.basics import *`."""
import statistics, subprocess, sys, time

STMTS = {'python': 'pass',
         'fastlesson': 'import fastlesson',
         'baseline (torch + pyplot)': 'import torch, matplotlib.pyplot',
         'fastlesson.quadratic': 'import fastlesson.quadratic',
         'fastlesson.gd': 'import fastlesson.gd',
         'lesson (fastai.basics *)': 'from fastai.basics import *'}

def wall(stmt):
    t = time.perf_counter()
    subprocess.run([sys.executable, '-c', stmt], check=True, env={'MPLBACKEND': 'Agg', 'PATH': '/usr/bin:/bin'})
    return time.perf_counter() - t

def main(n=7):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--n', type=int, default=n, help='interleaved rounds (median of them)')
    n = ap.parse_args().n
    for s in STMTS.values(): wall(s)  # warm the file cache
    times = {k: [] for k in STMTS}
    for _ in range(n):
        for k, s in STMTS.items(): times[k].append(wall(s))
    med = {k: statistics.median(v) for k, v in times.items()}
    base = med['baseline (torch + pyplot)']
    for k, v in med.items(): print(f'{k:28s} {v:6.3f} s   {v/base:5.2f} x baseline')
    print(f"import_fastlesson_s: {med['fastlesson']:.3f}")
    print(f"quadratic_import_ratio: {med['fastlesson.quadratic']/base:.3f}")

if __name__ == '__main__': main()
