"""Fine-tuning throughput (training pairs per second) of fastlesson's loop (`fastlesson.finetune.fine_tune`, through the
Learner) vs `transformers.Trainer` (`fastlesson.hf_trainer.hf_trainer_fine_tune`, the Lesson 4 notebook's recipe), in
one process: the same model (the bundled all-MiniLM-L6-v2 with a fresh 1-output head from `load_scorer`, same seed),
the same SICK TRAIN pairs, batch size, max_length, float32, AdamW/cosine, one epoch.

Usage: python bench/nlp_throughput.py [n_pairs] [bs] [runs] [threads]   (defaults: 256 pairs, batch 32, 5 runs, 1 thread)
       python bench/nlp_throughput.py --quick   (128 pairs, batch 32, 2 runs: for bench/run_all.py --quick)
Threads: both sides get the same `torch.set_num_threads`. The default is 1 because on a shared machine two threads
per process spend much of their time waiting for each other (measured here: a 256-pair epoch took 131 s with two
threads and 13 s in two one-thread processes), and their spinning counts as CPU time, which hides the real cost.
Each side is timed from the DataFrame to the trained model (tokenising included on both sides; model loading not).
The runs alternate (Trainer, fine_tune, fine_tune without length-sorting, Trainer, ...); each is timed with
`fastlesson.core.Timer`, as samples/s of wall time and as samples per CPU-second (`time.process_time`, all threads of
this process). Each variant's figure is its fastest run, as `fastlesson.core.time_it` does by default: on a shared
machine another job's burst only ever slows a run down, so the fastest run is the least disturbed one (the medians
are printed too). The unsorted variant isolates what sorting by length buys: the padded tokens each loop computes are
counted and printed.
The last line is `nlp_finetune_throughput_ratio: <fastlesson / Trainer, samples/s of the fastest runs>`.
"""
import os, sys, statistics
os.environ.setdefault('HF_HUB_OFFLINE', '1'); os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')
import torch, transformers
from fastlesson.core import Timer
from fastlesson.pairs import load_sick, encode_pairs, length_batches
from fastlesson.pair_model import load_scorer
from fastlesson.finetune import fine_tune
from fastlesson.hf_trainer import hf_trainer_fine_tune

transformers.utils.logging.set_verbosity_error(); transformers.utils.logging.disable_progress_bar()
argv = ['128', '32', '2'] if sys.argv[1:] == ['--quick'] else sys.argv[1:]
n = int(argv[0]) if len(argv) > 0 else 256
bs = int(argv[1]) if len(argv) > 1 else 32
runs = int(argv[2]) if len(argv) > 2 else 5
torch.set_num_threads(int(argv[3]) if len(argv) > 3 else 1)
ML, LR, WD, SEED = 64, 8e-5, 0.01, 42
train = load_sick('TRAIN').sample(n, random_state=0).reset_index(drop=True)

def clock(f):
    with Timer() as t: f()
    return n / t.wall, n / t.cpu

def run_fastlesson(sort=True):
    model = load_scorer(seed=SEED)   # the Trainer's model class, same seed
    return clock(lambda: fine_tune(train, model=model, epochs=1, bs=bs, lr=LR, wd=WD, warmup=0.1, max_length=ML,
                                   sort_by_length=sort, seed=SEED, precision='no', device='cpu'))

def run_trainer():
    model = load_scorer(seed=SEED)
    return clock(lambda: hf_trainer_fine_tune(train, model=model, epochs=1, bs=bs, lr=LR, wd=WD, warmup=0.1, max_length=ML, seed=SEED))

# padded tokens each loop computes in one epoch (same seeds as the runs)
tok = load_scorer(seed=SEED)[1]
lens = [len(it['input_ids']) for it in encode_pairs(train, tok, ML)]
padded = lambda batches: sum(len(b) * max(lens[i] for i in b) for b in batches)
g = torch.Generator().manual_seed(SEED); perm = torch.randperm(n, generator=g).tolist()   # a random sampler's batches
rand_b = [perm[i:i+bs] for i in range(0, n, bs)]
print(f"tokens {sum(lens)}; padded tokens per epoch: random batches (Trainer) {padded(rand_b)}, "
      f"length-sorted (fine_tune) {padded(length_batches(lens, bs, SEED))}")

res = {'transformers.Trainer': [], 'fastlesson fine_tune': [], 'fine_tune, sort_by_length=False': []}
load0 = os.getloadavg()
for _ in range(runs):
    res['transformers.Trainer'].append(run_trainer())
    res['fastlesson fine_tune'].append(run_fastlesson())
    res['fine_tune, sort_by_length=False'].append(run_fastlesson(sort=False))
print(f"torch {torch.__version__}, transformers {transformers.__version__}, threads {torch.get_num_threads()}, "
      f"{n} pairs, batch {bs}, max_length {ML}, float32, {runs} alternating runs each; "
      f"load average {load0[0]:.1f} at start, {os.getloadavg()[0]:.1f} at end")
med = {k: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v)) for k, v in res.items()}
best = {k: (max(r[0] for r in v), max(r[1] for r in v)) for k, v in res.items()}
for k, v in res.items():
    print(f"{k}: fastest {best[k][0]:.2f} samples/s wall, {best[k][1]:.2f} per CPU-second; median {med[k][0]:.2f} and "
          f"{med[k][1]:.2f} (runs: {', '.join(f'{r[0]:.1f}' for r in v)} samples/s)")
hf, fl = 'transformers.Trainer', 'fastlesson fine_tune'
print(f"fastlesson / Trainer: median samples/s {med[fl][0]/med[hf][0]:.3f}; samples per CPU-second: fastest {best[fl][1]/best[hf][1]:.3f}, "
      f"median {med[fl][1]/med[hf][1]:.3f}; without length-sorting (fastest samples/s) {best['fine_tune, sort_by_length=False'][0]/best[hf][0]:.3f}")
print(f"nlp_finetune_throughput_ratio: {best[fl][0]/best[hf][0]:.3f}")
