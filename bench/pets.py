"""The pets page's speed figures, measured side by side in this run (a shared machine: the load is printed first).
By default both comparisons run, and their figures are the last two lines (read by bench/run_all.py).

`--compare weights`: seconds per epoch of EfficientNet-Lite0 on cat vs dog, pretrained (the lesson's
`fine_tune`: one frozen epoch, then all) against the same arch from random weights (`fit_one_cycle`, as many
passes), in this process; also how much faster JPEG draft decoding opens the sample than a full decode.
Figure: `pets_random_over_pretrained_s_per_epoch: <random s/epoch ÷ pretrained s/epoch>`, both over the epochs
after the first, which train the whole network with the same work (fine_tune's first epoch is frozen: it skips the
body's backward pass; it and random's first epoch are printed but left out).

`--compare processes`: `fastlesson-pets train --random` at the same global batch in 1 process (1 torch thread, and
without --quick 2 threads) and in 2 processes (`accelerate launch --multi_gpu --num_processes 2`, 1 thread each, gloo on CPU);
photos per second and wall seconds per epoch of training. Figure: `pets_2proc_over_1proc_samples_per_s:
<photos/s with 2 processes ÷ photos/s of the fastest 1-process run>` (on a shared machine 2 threads in one process
can be the slower).

Run: `python bench/pets.py [--compare weights|processes|both] [--quick]` (offline: the weights come from pip packages)."""
import argparse, os, re, shutil, subprocess, sys, tempfile, time, warnings
from pathlib import Path

def load(): return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"

def weights(a):
    import torch
    from fastai.vision.all import PILImage, Resize, set_seed
    from fastlesson.core import time_it
    from fastlesson.images import open_image
    from fastlesson.petdata import pet_files, pets_dls
    from fastlesson.petlearn import pets_learner, train, history
    warnings.filterwarnings('ignore'); torch.set_num_threads(a.threads)
    print(f"{load()}; {a.threads} torch threads, {a.size} px, fine_tune({a.epochs})")
    files = pet_files()[::4 if a.quick else 1]
    rsz = Resize(64)
    full = time_it(lambda: [rsz(PILImage.create(f), split_idx=1) for f in files], repeat=2)
    draft = time_it(lambda: [rsz(PILImage.create(open_image(f, 64)), split_idx=1) for f in files], repeat=2)
    print(f"JPEG decode of {len(files)} photos at 64 px: full {full:.2f} s, draft {draft:.2f} s, speed-up {full/draft:.2f}x")
    dls = pets_dls(task='cat_dog', size=a.size, bs=16)
    res = {}
    for pre in (True, False):
        set_seed(42, reproducible=True)
        learn = train(pets_learner(dls, 'tf_efficientnet_lite0', pretrained=pre), a.epochs)
        secs = [t for t, _ in learn.epoch_times]
        res[pre] = sum(secs[1:]) / len(secs[1:])   # fine_tune's first epoch is frozen (cheaper); both skip their first
        print(f"{'pretrained' if pre else 'random    '}: {res[pre]:.1f} s/epoch (epochs: {', '.join(f'{t:.1f}' for t in secs)}), "
              f"validation error {history(learn).error_rate.iloc[-1]:.3f}")
    return {'pets_random_over_pretrained_s_per_epoch': res[False] / res[True]}

def processes(a):
    exe, acc = shutil.which('fastlesson-pets'), shutil.which('accelerate')
    if not exe or not acc: sys.exit("bench/pets.py: fastlesson-pets or accelerate is not on PATH (pip install -e '.[dev,all]')")
    from fastlesson.data import get_folder
    tmp = Path(tempfile.mkdtemp(prefix='bench_pets_'))
    args = ['train', str(get_folder('pets/images')), '--task', 'cat-dog', '--random', '--size', str(a.size),
            '--epochs', str(a.epochs), '--bs', '16']
    runs = {'1 process, 1 thread': ([exe], '1'), **({} if a.quick else {'1 process, 2 threads': ([exe], '2')}),
            '2 processes, 1 thread each': ([acc, 'launch', '--multi_gpu', '--num_processes', '2', '--num_machines', '1',
                                            '--mixed_precision', 'no', '--dynamo_backend', 'no', exe], '1')}
    print(f"{load()}; cat vs dog, {a.size} px, {a.epochs + 1} epochs from random weights, batches of 16 photos")
    res = {}
    for i, (name, (cmd, threads)) in enumerate(runs.items()):
        env = dict(os.environ, OMP_NUM_THREADS=threads, HF_HUB_OFFLINE='1', PYTHONWARNINGS='ignore')
        t0 = time.perf_counter()
        r = subprocess.run(cmd + args + ['--out', str(tmp/f'm{i}')], capture_output=True, text=True, env=env)
        wall = time.perf_counter() - t0
        m = re.search(r'(\d+) epochs in ([\d.]+) s, ([\d.]+) photos/s', r.stdout)
        if r.returncode or not m: sys.exit(f"bench/pets.py: {name} failed:\n{r.stdout[-1500:]}\n{r.stderr[-1500:]}")
        n, secs, rate = int(m[1]), float(m[2]), float(m[3])
        err = re.search(r'validation error rate ([\d.]+)', r.stdout)[1]
        res[name] = rate
        print(f"{name:28s}: {rate:6.1f} photos/s, {secs / n:5.1f} s per epoch of training, validation error {err} "
              f"({wall:.0f} s with start-up)")
    shutil.rmtree(tmp, ignore_errors=True)
    best1 = max(v for k, v in res.items() if k.startswith('1 process'))
    return {'pets_2proc_over_1proc_samples_per_s': res['2 processes, 1 thread each'] / best1}

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--compare', choices=['weights', 'processes', 'both'], default='both')
    ap.add_argument('--quick', action='store_true', help='small photos, one epoch, no 2-thread run: about two minutes in all')
    ap.add_argument('--size', type=int); ap.add_argument('--epochs', type=int)
    ap.add_argument('--threads', type=int, default=1, help='torch threads for --compare weights (default: %(default)s)')
    a = ap.parse_args()
    a.size = a.size or (64 if a.quick else 128)
    a.epochs = a.epochs or 1
    figs = {}
    if a.compare in ('weights', 'both'): figs.update(weights(a))
    if a.compare in ('processes', 'both'): figs.update(processes(a))
    for k, v in figs.items(): print(f"{k}: {v:.2f}")
