"""The from-scratch Titanic training loop (`fastlesson.titanic.train_model`, through `fastlesson.learner.Learner`)
against the same model as an `nn.Module` trained by `torch.optim.SGD`: same data, same starting coefficients, same
loss, learning rate and epochs, timed in one run.

Both loops do the same work per epoch: compute the loss on the 713 training rows, record it (`.item()`),
backpropagate, step and zero the gradients. They must also end at the same loss (checked), so the timing compares
like with like. Each is timed many times, interleaved, and the fastest time kept (on a shared machine some runs go
undisturbed).

    python bench/titanic_loop.py                  # the one-hidden-layer net, the lesson's 30 epochs at lr 20
    python bench/titanic_loop.py --model sigmoid  # or linear, matmul, deep

The last line is the headline: `titanic_loop_time_ratio: <from-scratch time / nn.Module+SGD time>` (goal: <= 1.1).
"""
from __future__ import annotations
import argparse, os, platform, time
import torch
from torch import nn
from fastlesson.losses import mae
from fastlesson.tabular import random_splitter, fit_preproc, to_tensors
from fastlesson.titanic import TITANIC, MODELS, get_titanic, train_model


class Wrapped(nn.Module):
    "A model of `fastlesson.titanic.MODELS` as an `nn.Module`: its parameters become `nn.Parameter`s."
    def __init__(self, model):
        super().__init__()
        self.model = model
        self.ps = nn.ParameterList([nn.Parameter(p.detach().clone()) for p in model.parameters()])
    def forward(self, x): return self.model.forward(x, list(self.ps))


def train_module(name, x, y, epochs, lr, seed):
    "The same training with `nn.Module` + `torch.optim.SGD`; returns the losses, recorded before each step."
    model = Wrapped(MODELS[name](x.shape[1], seed))
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        loss = mae(model(x), y)
        losses.append(loss.item())
        loss.backward()
        opt.step()
        opt.zero_grad()
    return losses


def best_time(f, repeat, inner):
    best = float('inf')
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(inner): f()
        best = min(best, (time.perf_counter() - t0) / inner)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--model', default='nn', help='linear, sigmoid, matmul, nn or deep')
    ap.add_argument('--epochs', type=int, default=None, help="default: the lesson's for the model")
    ap.add_argument('--lr', type=float, default=None, help="default: the lesson's for the model")
    ap.add_argument('--repeat', type=int, default=20, help='timed rounds of each loop (interleaved; fastest kept)')
    ap.add_argument('--inner', type=int, default=3, help='trainings per timed round')
    ap.add_argument('--threads', type=int, default=1, help='CPU threads for torch (0: torch\'s default)')
    ap.add_argument('--quick', action='store_true', help='5 rounds instead of --repeat (for bench/run_all.py --quick)')
    args = ap.parse_args()
    if args.quick: args.repeat = 5
    if args.threads: torch.set_num_threads(args.threads)
    if args.model not in MODELS: raise SystemExit(f"Unknown --model {args.model!r}; choose one of {list(MODELS)}")
    m = MODELS[args.model]
    epochs = m.epochs if args.epochs is None else args.epochs
    lr = m.lr if args.lr is None else args.lr
    if epochs < 1 or not lr > 0: raise SystemExit(f"--epochs must be 1 or more and --lr positive, got {epochs} and {lr}")

    trn_df, _ = get_titanic()
    trn_idx, _ = random_splitter(len(trn_df))
    trn = trn_df.iloc[trn_idx]
    x, y = to_tensors(fit_preproc(trn, **TITANIC), trn)

    scratch = lambda: train_model(m(x.shape[1], 442), x, y, epochs=epochs, lr=lr).losses
    module = lambda: train_module(args.model, x, y, epochs, lr, 442)
    ls, lm = scratch(), module()
    if len(ls) != len(lm) or max(abs(a - b) for a, b in zip(ls, lm)) > 1e-5:
        raise SystemExit(f"The two loops disagree: {ls[-3:]} vs {lm[-3:]}")

    ts, tm = float('inf'), float('inf')
    for _ in range(args.repeat):  # interleaved, so both see the same machine load
        ts = min(ts, best_time(scratch, 1, args.inner))
        tm = min(tm, best_time(module, 1, args.inner))
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, torch {torch.__version__}, "
          f"{torch.get_num_threads()} thread(s)")
    print(f"model {args.model}: {x.shape[0]} rows x {x.shape[1]} columns, {epochs} epochs at lr {lr}; "
          f"final loss {ls[-1]:.6f} (both loops)")
    print(f"from scratch (gradient_descent): {ts*1e3:.3f} ms per training ({ts/epochs*1e6:.1f} us per epoch)")
    print(f"nn.Module + torch.optim.SGD:     {tm*1e3:.3f} ms per training ({tm/epochs*1e6:.1f} us per epoch)")
    print(f"titanic_loop_time_ratio: {ts/tm:.3f}")


if __name__ == '__main__': main()
