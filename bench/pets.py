"""The pets page's claim, measured: seconds per epoch and validation error of pretrained EfficientNet-Lite0
fine-tuned on cat vs dog (the lesson's `fine_tune`), against the same arch from random weights with the same
number of passes, in this process; plus how much faster JPEG draft decoding opens the sample than a full decode.

Run: `python bench/pets.py [--size 128] [--epochs 1]` (offline: the weights come from pip packages). Prints the
machine load first (the 2-core test machine is often shared), and last the line `pets_pretrained_error: <value>`."""
import argparse, os, time, warnings
import torch
from fastai.vision.all import PILImage, Resize, set_seed
from fastlesson.data import get_folder
from fastlesson.pets import PetImageOpen, pet_files, pets_dls, pets_learner, train, history

def best_time(fn, files, reps=2):
    best = float('inf')
    for _ in range(reps):
        t = time.perf_counter()
        for f in files: fn(f)
        best = min(best, time.perf_counter() - t)
    return best

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--size', type=int, default=128); ap.add_argument('--epochs', type=int, default=1)
    ap.add_argument('--threads', type=int, default=torch.get_num_threads())
    a = ap.parse_args()
    warnings.filterwarnings('ignore'); torch.set_num_threads(a.threads)
    print(f"load average {os.getloadavg()[0]:.1f}, {a.threads} torch threads, {a.size} px, fine_tune({a.epochs})")
    files = pet_files()
    rsz, draft = Resize(64), PetImageOpen(64)
    full_t = best_time(lambda f: rsz(PILImage.create(f), split_idx=1), files)
    draft_t = best_time(lambda f: rsz(draft(f), split_idx=1), files)
    print(f"JPEG decode of {len(files)} photos at 64 px: full {full_t:.2f} s, draft {draft_t:.2f} s, speed-up {full_t/draft_t:.2f}x")
    dls = pets_dls(get_folder('pets/images'), task='cat_dog', size=a.size, bs=16)
    res = {}
    for pre in (True, False):
        set_seed(42, reproducible=True)
        learn = pets_learner(dls, 'tf_efficientnet_lite0', pretrained=pre)
        t, c = time.perf_counter(), time.process_time()
        train(learn, a.epochs)
        n = a.epochs + 1
        res[pre] = history(learn).error_rate.iloc[-1]
        print(f"{'pretrained' if pre else 'random    '}: {(time.perf_counter() - t)/n:.1f} s/epoch "
              f"({(time.process_time() - c)/n:.1f} s CPU), validation error {res[pre]:.3f}")
    print(f"pets_random_error: {res[False]:.3f}")
    print(f"pets_pretrained_error: {res[True]:.3f}")
