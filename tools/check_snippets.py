"""Run every Python snippet of README.md and nbs/index.ipynb in a clean interpreter, as a newcomer pasting it would.

Each snippet runs on its own in a fresh `python` process (working directory: an empty temporary folder, so nothing
from the clone is importable by accident); then all snippets of each file run together, in order, in one fresh
process, as a whole page pasted into one session. Snippets are the ```python blocks of README.md, and for the index
notebook its visible code cells (an imports-only cell is joined to the code cell after it, as the README does) plus
the ```python blocks of its markdown. `bash` blocks are listed but not run (they install things).

Usage: python tools/check_snippets.py [--timeout SECONDS] [FILE ...]   (default: README.md nbs/index.ipynb)
Exit status 1 if any snippet fails; prints one line per snippet. Offline: the snippets need only the installed
package and FASTLESSON_DATA (passed through from the environment)."""
import os, re, subprocess, sys, tempfile, time
from pathlib import Path
from notebooks import read_nb, page_code

root = Path(__file__).resolve().parent.parent
FENCE = re.compile(r'^```(\w*)[^\n]*\n(.*?)^```', re.M | re.S)

def md_blocks(text, lang='python'):
    "The code of the fenced blocks of `text` in language `lang`."
    return [m[2].rstrip('\n') for m in FENCE.finditer(text) if m[1] == lang]

def nb_snippets(path):
    "The code a reader of the notebook's page sees (imports-only cells joined to the next), then the python blocks of its markdown."
    parts = page_code(read_nb(path))
    return [code for _, code in parts if code is not None] + md_blocks('\n\n'.join(c['source'] for c, code in parts if code is None))

def snippets(path):
    path = Path(path)
    return nb_snippets(path) if path.suffix == '.ipynb' else md_blocks(path.read_text(encoding='utf-8'))

def run(code, timeout):
    "Run `code` in a fresh interpreter in an empty folder; (ok, seconds, last lines of output)."
    env = {**os.environ, 'MPLBACKEND': 'Agg', 'PYTHONDONTWRITEBYTECODE': '1'}
    env.pop('PYTHONPATH', None); env.pop('PYTHONSTARTUP', None)
    t = time.time()
    with tempfile.TemporaryDirectory() as d:
        try: r = subprocess.run([sys.executable, '-c', code], cwd=d, env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired: return False, time.time() - t, f'timed out after {timeout} s'
    return r.returncode == 0, time.time() - t, (r.stdout + r.stderr).strip()

def main(argv):
    timeout = 300
    if '--timeout' in argv: i = argv.index('--timeout'); timeout = int(argv[i+1]); del argv[i:i+2]
    files = [Path(a) for a in argv] or [root/'README.md', root/'nbs'/'index.ipynb']
    n = bad = 0; done = {}
    for f in files:
        if not f.exists(): print(f'MISSING {f}'); bad += 1; continue
        snips = snippets(f)
        rel = f.relative_to(root) if f.is_relative_to(root) else f
        if f.suffix == '.md':
            nb_bash = len(md_blocks(f.read_text(encoding='utf-8'), 'bash'))
            if nb_bash: print(f'{rel}: {nb_bash} bash block(s) not run')
        runs = [(f'{rel} snippet {i}', s) for i, s in enumerate(snips, 1)]
        if len(snips) > 1: runs.append((f'{rel} all {len(snips)} snippets in one session', '\n\n'.join(snips)))
        for name, code in runs:
            first = code.strip().splitlines()[0][:60] if code.strip() else ''
            if code in done: ok, secs, out, same = *done[code][:3], done[code][3]   # README repeats the index: run once
            else: ok, secs, out = run(code, timeout); same = name; done[code] = (ok, secs, out, name)
            n += 1
            print(f"{'ok  ' if ok else 'FAIL'} {name} ({secs:.1f} s{'' if same == name else ', same code as ' + same}): {first}")
            if not ok: bad += 1; print('     ' + '\n     '.join(out.splitlines()[-12:]))
    print(f'{n - bad} of {n} snippet runs passed')
    return 1 if bad else 0

if __name__ == '__main__': sys.exit(main(sys.argv[1:]))
