"""Fine-tuning throughput (training pairs per second) of fastlesson's loop (`fastlesson.nlp.fine_tune`) vs
`transformers.Trainer`, on the same model (the bundled all-MiniLM-L6-v2 with a fresh 1-output head, same seed), the
same SICK TRAIN pairs, batch size, max_length, optimiser settings and one epoch, in one process.

Usage: python bench/nlp_throughput.py [n_pairs] [bs]     (defaults: 128 pairs, batch 16)
Prints each side's samples/s; the last line is `nlp_finetune_throughput_ratio: <fastlesson / Trainer>`.
Model loading and tokenisation are outside the timed part; both sides pad per batch (fastlesson also groups similar
lengths, its default). Each side runs twice, alternating, and the faster of its two runs counts (shared-CPU noise); a samples-per-CPU-second
ratio is printed too, since wall time on a shared machine depends on the other processes.
"""
import os, sys, tempfile, time
os.environ.setdefault('HF_HUB_OFFLINE', '1'); os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')
import torch, transformers
from transformers import Trainer, TrainingArguments, DataCollatorWithPadding
from fastlesson.nlp import load_sick, load_scorer, encode_pairs, fine_tune

transformers.utils.logging.set_verbosity_error(); transformers.utils.logging.disable_progress_bar()
n = int(sys.argv[1]) if len(sys.argv) > 1 else 128
bs = int(sys.argv[2]) if len(sys.argv) > 2 else 16
ML, LR, WD, SEED = 64, 8e-5, 0.01, 42
train = load_sick('TRAIN').sample(n, random_state=0).reset_index(drop=True)

def run_fastlesson():
    model = load_scorer(seed=SEED)
    t0, c0 = time.perf_counter(), time.process_time()
    fine_tune(train, model=model, epochs=1, bs=bs, lr=LR, wd=WD, warmup=0.1, max_length=ML, seed=SEED, device='cpu')
    return n / (time.perf_counter() - t0), n / (time.process_time() - c0)   # includes fine_tune's tokenisation (small)

def run_trainer():
    m, tok = load_scorer(seed=SEED)
    ds = encode_pairs(train, tok, ML)
    with tempfile.TemporaryDirectory() as d:
        args = TrainingArguments(d, learning_rate=LR, weight_decay=WD, warmup_steps=0.1, lr_scheduler_type='cosine',
                                 per_device_train_batch_size=bs, num_train_epochs=1, eval_strategy='no',
                                 save_strategy='no', logging_strategy='no', report_to='none', disable_tqdm=True,
                                 seed=SEED, use_cpu=True)   # fine_tune trains on the CPU too
        tr = Trainer(m, args, train_dataset=ds, data_collator=DataCollatorWithPadding(tok), processing_class=tok)
        t0, c0 = time.perf_counter(), time.process_time()
        tr.train()
        return n / (time.perf_counter() - t0), n / (time.process_time() - c0)

fl, hf = [], []
for _ in range(2):
    hf.append(run_trainer()); fl.append(run_fastlesson())
print(f"torch {torch.__version__}, transformers {transformers.__version__}, threads {torch.get_num_threads()}, "
      f"{n} pairs, batch {bs}, max_length {ML}")
best = lambda runs, i: max(r[i] for r in runs)
for name, runs in [('transformers.Trainer', hf), ('fastlesson fine_tune', fl)]:
    print(f"{name}: {best(runs, 0):.2f} samples/s wall, {best(runs, 1):.2f} samples per CPU-second "
          f"(runs: {', '.join(f'{r[0]:.2f}' for r in runs)})")
print(f"CPU-time ratio (less sensitive to other processes on a shared machine): {best(fl, 1)/best(hf, 1):.3f}")
print(f"nlp_finetune_throughput_ratio: {best(fl, 0)/best(hf, 0):.3f}")
