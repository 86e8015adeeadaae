"""Fine-tuning throughput (training pairs per second) of fastlesson's loop (`fastlesson.nlp.fine_tune`) vs
`transformers.Trainer`, in one process: the same model (the bundled all-MiniLM-L6-v2 with a fresh 1-output head from
`load_scorer`, same seed), the same SICK TRAIN pairs, batch size, max_length, float32, AdamW/cosine, one epoch.

Usage: python bench/nlp_throughput.py [n_pairs] [bs] [runs] [threads]   (defaults: 256 pairs, batch 32, 3 runs, 1 thread)
Threads: both sides get the same `torch.set_num_threads`. The default is 1 because on a shared machine two threads
per process spend much of their time waiting for each other (measured here: a 256-pair epoch took 131 s with two
threads and 13 s in two one-thread processes), and their spinning counts as CPU time, which hides the real cost.
Each side is timed from the DataFrame to the trained model (tokenising included on both sides; model loading not).
The runs alternate (Trainer, fine_tune, fine_tune without length-sorting, Trainer, ...), and each figure is the median
of its runs, as samples/s of wall time and as samples per CPU-second (`time.process_time`, all threads of this
process: a busy machine stretches wall time far more than CPU time). The unsorted variant isolates what sorting by
length buys: the padded tokens each loop computes are counted and printed.
The last line is `nlp_finetune_throughput_ratio: <fastlesson / Trainer, median samples/s>`.
"""
import os, sys, tempfile, time, statistics
os.environ.setdefault('HF_HUB_OFFLINE', '1'); os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')
import numpy as np, torch, transformers
from transformers import Trainer, TrainingArguments, DataCollatorWithPadding, PrinterCallback
from fastlesson.nlp import load_sick, load_scorer, encode_pairs, fine_tune, length_batches

transformers.utils.logging.set_verbosity_error(); transformers.utils.logging.disable_progress_bar()
n = int(sys.argv[1]) if len(sys.argv) > 1 else 256
bs = int(sys.argv[2]) if len(sys.argv) > 2 else 32
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
torch.set_num_threads(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
ML, LR, WD, SEED = 64, 8e-5, 0.01, 42
train = load_sick('TRAIN').sample(n, random_state=0).reset_index(drop=True)

def clock(f):
    t0, c0 = time.perf_counter(), time.process_time()
    f()
    return n / (time.perf_counter() - t0), n / (time.process_time() - c0)

def run_fastlesson(sort=True):
    model = load_scorer(seed=SEED)   # the Trainer's model class, same seed
    return clock(lambda: fine_tune(train, model=model, epochs=1, bs=bs, lr=LR, wd=WD, warmup=0.1, max_length=ML,
                                   sort_by_length=sort, seed=SEED, precision='no', device='cpu'))

def run_trainer():
    m, tok = load_scorer(seed=SEED)
    def go():
        with tempfile.TemporaryDirectory() as d:
            args = TrainingArguments(d, learning_rate=LR, weight_decay=WD, warmup_steps=0.1, lr_scheduler_type='cosine',
                                     per_device_train_batch_size=bs, num_train_epochs=1, eval_strategy='no',
                                     save_strategy='no', logging_strategy='no', report_to='none', disable_tqdm=True,
                                     seed=SEED, use_cpu=True, dataloader_num_workers=0)
            tr = Trainer(m, args, train_dataset=encode_pairs(train, tok, ML), data_collator=DataCollatorWithPadding(tok),
                         processing_class=tok)
            tr.remove_callback(PrinterCallback)
            tr.train()
    return clock(go)

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
for k, v in res.items():
    print(f"{k}: median {med[k][0]:.2f} samples/s wall, {med[k][1]:.2f} samples per CPU-second "
          f"(runs: {', '.join(f'{r[0]:.1f}' for r in v)})")
hf, fl = med['transformers.Trainer'], med['fastlesson fine_tune']
print(f"samples per CPU-second ratio (fastlesson / Trainer): {fl[1]/hf[1]:.3f}")
print(f"nlp_finetune_throughput_ratio: {fl[0]/hf[0]:.3f}")
