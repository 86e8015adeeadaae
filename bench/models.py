"""Brute-force CPU benchmark of timm architectures against timm's published RTX 3090 ranking.

Times each architecture with `fastlesson.model_bench.benchmark` (random weights, one warm-up, the fastest of several
timings via `fastlesson.core.time_it`), reports its speed as a ratio to resnet18 measured in the same process, and
prints the Spearman rank correlation between the local and the published speeds as the last line:
`models_spearman: <value>`.

    FASTLESSON_DATA=../shared/data python bench/models.py [--img-size 224] [--batch-size 8] [--repeat 5] [--threads 1] [--quick]
"""
import argparse
from fastlesson.data import get_path
from fastlesson.model_bench import benchmark, compare_speeds, spearman
from fastlesson.timm_results import era_keys, read_benchmark

ARCHS = ['resnet18', 'mobilenetv3_small_100', 'lcnet_100', 'levit_128', 'efficientnet_b0', 'regnetx_016', 'resnet50',
         'convnext_tiny', 'vit_small_patch16_224', 'convnext_small']

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--img-size', type=int, default=224)
    ap.add_argument('--batch-size', type=int, default=8)
    ap.add_argument('--repeat', type=int, default=5, help='timings per architecture (the fastest is kept)')
    ap.add_argument('--min-time', type=float, default=0.2, help='seconds each timing lasts at least')
    ap.add_argument('--threads', type=int, default=1, help='torch CPU threads (0: torch default)')
    ap.add_argument('--quick', action='store_true', help='128-pixel images, 2 timings of 0.05 s each (about a minute)')
    a = ap.parse_args()
    if a.quick: a.img_size, a.repeat, a.min_time = 128, 2, 0.05
    loc = benchmark(ARCHS, img_size=a.img_size, batch_size=a.batch_size, repeat=a.repeat, min_time=a.min_time,
                    threads=a.threads or None)
    loc['vs_resnet18'] = loc.samples_per_sec / loc.set_index('arch').samples_per_sec['resnet18']
    cmp = compare_speeds(loc, read_benchmark(get_path(era_keys()[1])))
    print(cmp.merge(loc[['arch', 'vs_resnet18', 'param_count']], on='arch').sort_values('local_rank').to_string(index=False))
    print(f"models_spearman: {spearman(cmp):.3f}")
