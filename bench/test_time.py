"""Wall time of the whole default notebook test suite (`tools/test.sh`, i.e. nbdev-test) on this machine.
Goal for the finished library on a 2-core machine: <= 300 s."""
import subprocess, sys, time
from pathlib import Path

root = Path(__file__).resolve().parent.parent
t = time.perf_counter()
r = subprocess.run(['bash', str(root/'tools'/'test.sh'), *sys.argv[1:]], capture_output=True, text=True)
dt = time.perf_counter() - t
print('\n'.join(l for l in r.stdout.splitlines() if 'passed' in l or 'notebooks' in l or l.startswith('  ')))
print(f'nbdev-test wall time: {dt:.1f}')
sys.exit(r.returncode)
