"""CI check for issue 22: `fastlesson-pets train` under `accelerate launch` on CPU processes (gloo), through fastai's
own distributed support, against the same command in one process; then the bad launches.

Runs (one torch thread per process, cat vs dog on the 240-photo sample, 128 px, fine_tune(1), batches of 16):
  fastlesson-pets train PHOTOS ...                                                   (1 process)
  accelerate launch --multi_gpu --num_processes 2 fastlesson-pets train PHOTOS ...   (2 processes, 8 photos each)
  fastlesson-pets predict DIR <the 48 validation photos>                             (each model, one process)
  3 processes with --bs 2; 2 processes on a missing folder; 2 processes where only process 1 lacks the folder
(`--multi_gpu` is torchrun, which starts CPU processes on a machine without GPUs; `--cpu` would start one.)
Checks: `processes: N`, the validation error and `wrote` printed once per run; one model file per run and nothing
else; the error printed by the 2-process run equals the error of its saved model on the validation photos (predict);
the 1- and 2-process models within TOL_PHOTOS of each other (each process's batchnorm sees its own 8 photos, so the
runs differ a little) and both call most cats cats; every bad launch ends, within a timeout, with exit status 1 and
exactly one line `fastlesson-pets: error: ...` naming the problem, and writes nothing.
Usage: python tools/ci_pets_accelerate.py [--keep DIR]"""
import os, re, shutil, subprocess, sys, tempfile, time
from pathlib import Path

TOL_PHOTOS = 4          # of 48 validation photos
TIMEOUT = 600           # seconds per launch: a hung launch fails the check instead of the CI job

def run(args, env, what):
    t0 = time.perf_counter()
    try: p = subprocess.run(args, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired: sys.exit(f"FAIL: {what}: no result after {TIMEOUT} s (a hang)")
    print(f"{what}: exit {p.returncode} in {time.perf_counter() - t0:.0f} s")
    return p

def main():
    exe, acc = shutil.which('fastlesson-pets'), shutil.which('accelerate')
    if not exe or not acc: sys.exit("FAIL: fastlesson-pets or accelerate not on PATH (pip install -e .[dev,all] first)")
    from fastai.vision.all import RandomSplitter
    from fastlesson.data import get_folder
    from fastlesson.petdata import pet_files, labels_of
    env = dict(os.environ, OMP_NUM_THREADS='1', HF_HUB_OFFLINE='1', PYTHONWARNINGS='ignore')
    keep = sys.argv[sys.argv.index('--keep') + 1] if '--keep' in sys.argv else None
    tmp = Path(keep or tempfile.mkdtemp(prefix='ci_pets_acc_')); tmp.mkdir(parents=True, exist_ok=True)
    photos = get_folder('pets/images')
    launch = lambda n: [acc, 'launch', '--multi_gpu', '--num_processes', str(n), '--num_machines', '1',
                        '--mixed_precision', 'no', '--dynamo_backend', 'no']
    common = ['train', str(photos), '--task', 'cat-dog', '--size', '128', '--epochs', '1', '--bs', '16', '--seed', '42']
    files = pet_files(photos)
    valid = [files[i] for i in RandomSplitter(0.2, seed=42)(files)[1]]
    truth = labels_of(valid, 'cat_dog')
    fails, errs = [], {}
    for n in (1, 2):
        p = run(([exe] if n == 1 else launch(2) + [exe]) + common + ['--out', str(tmp/f'p{n}')], env, f"train, {n} process(es)")
        if p.returncode: fails.append(f"{n}-process run failed:\n{p.stdout[-2000:]}\n{p.stderr[-3000:]}"); continue
        print('   ' + '\n   '.join(p.stdout.splitlines()))
        for pat in (rf'^processes: {n};', r'^validation error rate ', r'^wrote '):
            got = len(re.findall(pat, p.stdout, flags=re.M))
            if got != 1: fails.append(f"{n} processes: {pat!r} printed {got} times, expected once")
        m = re.search(r'^validation error rate ([\d.]+) \((\d+) of (\d+)\)', p.stdout, flags=re.M)
        if m: errs[n] = int(m[2])
        left = sorted(x.name for x in (tmp/f'p{n}').iterdir())
        if left != ['pets.safetensors']: fails.append(f"{n} processes: the model folder holds {left}")
    wrong = {}
    for n in errs:
        p = run([exe, 'predict', str(tmp/f'p{n}'), *map(str, valid)], env, f"predict, the {n}-process model")
        preds = [l.rsplit(': ', 1)[1].split()[0] for l in p.stdout.splitlines()]
        if p.returncode or len(preds) != len(valid): fails.append(f"predict failed: {p.stderr[-1500:]}"); continue
        wrong[n] = sum(a != b for a, b in zip(preds, truth))
        cats = [a for a, b in zip(preds, truth) if b == 'cat']
        print(f"   {wrong[n]} of {len(valid)} validation photos wrong; {cats.count('cat')} of {len(cats)} cats called cats")
        if wrong[n] != errs[n]: fails.append(f"{n} processes: the run printed {errs[n]} wrong, its saved model gets {wrong[n]} wrong")
        if cats.count('cat') < 0.75 * len(cats): fails.append(f"the {n}-process model calls only {cats.count('cat')} of {len(cats)} cats cats")
    if len(wrong) == 2:
        print(f"1 vs 2 processes: {wrong[1]} and {wrong[2]} of {len(valid)} wrong (tolerance {TOL_PHOTOS} photos)")
        if abs(wrong[1] - wrong[2]) > TOL_PHOTOS: fails.append(f"1 and 2 processes differ by {abs(wrong[1] - wrong[2])} photos")
    wrapper = tmp/'one_rank_missing.py'
    wrapper.write_text("import os, sys\nfrom fastlesson.cli import pets\nargs = sys.argv[1:]\n"
                       "if os.environ.get('RANK') == '1': args[1] = args[1] + '_missing_on_process_1'\nsys.exit(pets(args))\n")
    small = ['--size', '32', '--epochs', '1']
    bad = [("3 processes, --bs 2", launch(3) + [exe, 'train', str(photos), '--bs', '2', *small, '--out', str(tmp/'b1')], 'bs=2 is smaller than the 3 processes'),
           ("2 processes, a missing folder", launch(2) + [exe, 'train', str(tmp/'nowhere'), *small, '--out', str(tmp/'b2')], 'No folder'),
           ("2 processes, the folder missing on process 1", launch(2) + [str(wrapper), 'train', str(photos), *small, '--out', str(tmp/'b3')],
            '_missing_on_process_1')]
    for what, cmd, want in bad:
        p = run(cmd, env, f"{what} (must fail)")
        lines = [l for l in p.stderr.splitlines() if l.startswith('fastlesson-pets: error:')]
        before = p.stderr.split('fastlesson-pets: error:')[0]
        if p.returncode == 0 or len(lines) != 1 or want not in lines[0] or 'Traceback' in before:
            fails.append(f"{what}: expected one clear line naming {want!r}; got exit {p.returncode} and:\n{p.stderr[-2500:]}")
        else: print(f"   {lines[0]}")
    for d in ('b1', 'b2', 'b3'):
        if (tmp/d).exists(): fails.append(f"a failed launch left {tmp/d}")
    if not keep: shutil.rmtree(tmp, ignore_errors=True)
    if fails: print('FAIL:\n- ' + '\n- '.join(fails)); sys.exit(1)
    print("ci_pets_accelerate: OK")

if __name__ == '__main__': main()
