"""Wall time of the default notebook test suite (`tools/test.sh`, i.e. nbdev-test) on this machine; goal on a
2-core machine: <= 300 s. `--quick` times three light notebooks instead (a smoke test of the timing, not the goal).
Last line: `test_suite_wall_s: <seconds>`."""
import subprocess, sys, time
from pathlib import Path

root = Path(__file__).resolve().parent.parent
quick = '--quick' in sys.argv
args = [a for a in sys.argv[1:] if a != '--quick']
nbs = [['nbs/20_quadratic.ipynb'], ['nbs/21_gd.ipynb'], ['nbs/91_losses.ipynb']] if quick else [args]
t = time.perf_counter()
for extra in nbs:
    r = subprocess.run(['bash', str(root/'tools'/'test.sh'), *extra], capture_output=True, text=True)
    print('\n'.join(l for l in r.stdout.splitlines() if 'passed' in l or 'notebooks' in l))
    if r.returncode: sys.exit(r.returncode)
print(f"test_suite_wall_s: {time.perf_counter() - t:.1f}" if not quick else f"test_subset_wall_s: {time.perf_counter() - t:.1f}")
