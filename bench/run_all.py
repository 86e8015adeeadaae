"""Every speed figure fastlesson quotes, measured in one run and printed as one table.

    python bench/run_all.py            # the full benchmarks (tens of minutes on 2 cores)
    python bench/run_all.py --quick    # smaller sizes and fewer repeats: under 5 minutes on 2 cores
    python bench/run_all.py --only matmul titanic_loop

Each benchmark runs in a process of its own and ends with its figures as lines `name: value`. Every figure is a
ratio of two things measured side by side in that process (or, for the test suite, its wall time against the 300 s
goal), so a busy or slow machine moves both sides; the machine's load is printed beside each row all the same. The
reference page nbs/89_bench.ipynb shows the latest table and how to read it.
"""
from __future__ import annotations
import argparse, os, re, subprocess, sys, time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# script: (arguments for the full run, for --quick, timeout in seconds for the full run)
BENCHES = {
    'import_time':    ([], ['--n', '2'], 600),
    'matmul':         (['--threads', '1'], ['--threads', '1', '--quick'], 900),
    'titanic_loop':   ([], ['--quick'], 900),
    'nlp_throughput': ([], ['--quick'], 3600),
    'pets':           ([], ['--quick'], 3600),
    'models':         ([], ['--quick'], 1800),
    'test_time':      ([], ['--quick'], 1800),
}
# figure name -> (what it compares, how to read it)
FIGURES = {
    'import_fastlesson_s': ("`import fastlesson`, seconds", "goal <= 0.3 s"),
    'quadratic_import_ratio': ("`import fastlesson.quadratic` / `import torch, matplotlib.pyplot`", "goal <= 1.05"),
    'matmul_speedup_titanic_20': ("ReLU layer as one matmul vs the spreadsheet's column loop (712×10 → 20)", "higher is faster"),
    'matmul_share_of_peak': ("that matmul's GFLOP/s / this machine's measured peak (large shape)", "share of peak"),
    'titanic_loop_time_ratio': ("from-scratch Titanic loop (Learner) / nn.Module + torch.optim.SGD", "goal <= 1.1"),
    'nlp_finetune_throughput_ratio': ("NLP fine-tune samples/s: fastlesson's Learner / transformers.Trainer", "goal >= 1.4"),
    'pets_random_over_pretrained_s_per_epoch': ("pets s/epoch after the first: random weights / ImageNet weights", "~1: same network"),
    'pets_2proc_over_1proc_samples_per_s': ("pets samples/s: 2 processes / 1 process, same global batch", "> 1: faster"),
    'models_spearman': ("rank correlation: local CPU speed vs timm's published GPU speed", "1: same order"),
    'test_suite_wall_s': ("default notebook tests (tools/test.sh), wall seconds", "goal <= 300 s"),
    'test_subset_wall_s': ("three light notebooks (--quick), wall seconds", "smoke test only"),
}
FIG = re.compile(r'^([a-z][a-z0-9_]*): (-?[0-9.]+(?:e-?[0-9]+)?)\s*$')

def figures(stdout:str) -> dict:
    "The trailing `name: value` lines of a benchmark's output."
    res = {}
    for line in reversed(stdout.strip().splitlines()):
        m = FIG.match(line.strip())
        if not m: break
        res[m[1]] = float(m[2])
    return dict(reversed(list(res.items())))

def run(name:str, quick:bool) -> tuple[dict, str, float, float]:
    full, fast, timeout = BENCHES[name]
    load = os.getloadavg()[0]
    t = time.perf_counter()
    try:
        r = subprocess.run([sys.executable, str(HERE/f'{name}.py'), *(fast if quick else full)], capture_output=True,
                           text=True, timeout=timeout*(0.5 if quick else 1), env={**os.environ, 'MPLBACKEND': 'Agg'})
        out, ok = r.stdout + r.stderr, r.returncode == 0
    except subprocess.TimeoutExpired as e:
        out, ok = f"timed out after {e.timeout:.0f} s", False
    figs = figures(r.stdout) if ok else {}
    return figs, ('' if ok and figs else out.strip().splitlines()[-1] if out.strip() else 'no output'), load, time.perf_counter() - t

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--quick', action='store_true', help='small sizes and few repeats (< 5 minutes on 2 cores)')
    ap.add_argument('--only', nargs='+', choices=list(BENCHES), help='run only these benchmarks')
    ap.add_argument('--save', metavar='FILE', help='also write the table, with the machine and date, to FILE (markdown)')
    a = ap.parse_args(argv)
    names = a.only or list(BENCHES)
    print(f"fastlesson benchmarks ({'quick' if a.quick else 'full'}), {os.cpu_count()} CPUs, python {sys.version.split()[0]}")
    rows, failed, t0 = [], [], time.perf_counter()
    for n in names:
        figs, err, load, secs = run(n, a.quick)
        print(f"  {n}: {secs:.0f} s, load {load:.1f}" + (f" — FAILED: {err}" if err else ''), file=sys.stderr, flush=True)
        if err: failed.append(n)
        for k, v in figs.items(): rows.append((k, v, load, n))
    w = max(len(FIGURES.get(k, (k,))[0]) for k, *_ in rows) if rows else 20
    lines = [f"| {'figure':<{w}} | {'value':>8} | {'load':>4} | reading | name |", f"|{'-'*(w+2)}|{'-'*10}|{'-'*6}|---|---|"]
    for k, v, load, n in rows:
        what, read = FIGURES.get(k, (k, ''))
        lines.append(f"| {what:<{w}} | {v:>#8.3g} | {load:>4.1f} | {read} | `{k}` |")
    summary = (f"{len(names) - len(failed)} of {len(names)} benchmarks ran in {time.perf_counter() - t0:.0f} s"
               + (f"; failed: {', '.join(failed)}" if failed else ''))
    print('\n' + '\n'.join(lines) + '\n\n' + summary)
    if a.save:
        import platform, datetime
        cpu = next((l.split(':', 1)[1].strip() for l in Path('/proc/cpuinfo').read_text().splitlines() if l.startswith('model name')), platform.processor()) if Path('/proc/cpuinfo').exists() else platform.processor()
        Path(a.save).write_text(f"`python bench/run_all.py{' --quick' if a.quick else ''}` on {datetime.date.today()}: "
                                f"{cpu}, {os.cpu_count()} CPUs, no GPU; {summary}.\n\n" + '\n'.join(lines) + '\n')
    return 1 if failed else 0

if __name__ == '__main__': sys.exit(main())
