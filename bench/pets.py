"""How much faster `fastlesson.pets.PetImageOpen` (JPEG draft decoding) opens the pets sample than a full decode.

Both open the same 240 images and resize them to 64 px (what `pets_dls(item_size=64)` does per image); the figure is
full-decode time / draft time, measured in this process. Run: `python bench/pets.py`."""
import time
import numpy as np
from fastai.vision.all import PILImage, Resize, get_image_files
from fastlesson.data import get_folder
from fastlesson.pets import PetImageOpen

def bench(fn, files, reps=2):
    best = float('inf')
    for _ in range(reps):
        t = time.perf_counter()
        for f in files: fn(f)
        best = min(best, time.perf_counter() - t)
    return best

if __name__ == '__main__':
    files = get_image_files(get_folder('pets/images'))
    rsz, draft = Resize(64), PetImageOpen(64)
    full_t = bench(lambda f: rsz(PILImage.create(f), split_idx=1), files)
    draft_t = bench(lambda f: rsz(draft(f), split_idx=1), files)
    print(f"full decode: {full_t:.2f} s, draft decode: {draft_t:.2f} s for {len(files)} images")
    print(f"pets_draft_decode_speedup: {full_t/draft_t:.2f}")
