"""Write README.md from nbs/index.ipynb (what `nbdev-readme` does with Quarto, which CI cannot run).

`python tools/make_readme.py` writes it; `--check` fails if README.md differs from what index.ipynb gives.
Local page links (`21_gd.ipynb`, `gd.html`) become links to the published docs site."""
import json, re, sys
from pathlib import Path

DOCS = 'https://fastlesson.github.io/fastlesson/'
root = Path(__file__).resolve().parent.parent

def _src(c): return ''.join(c['source']) if isinstance(c['source'], list) else c['source']

def _text_out(c):
    res = []
    for o in c.get('outputs', []):
        if o['output_type'] == 'stream' and o['name'] == 'stdout': res.append(''.join(o['text']))
        elif o['output_type'] == 'execute_result' and 'text/plain' in o.get('data', {}): res.append(''.join(o['data']['text/plain']))
    return ''.join(r if r.endswith('\n') else r + '\n' for r in res)

def readme(nb_path=root/'nbs'/'index.ipynb'):
    nb, parts = json.loads(Path(nb_path).read_text()), []
    for c in nb['cells']:
        src = _src(c).strip('\n')
        if c['cell_type'] == 'markdown':
            parts.append(re.sub(r'\]\((?!https?:|#)(?:\d+[a-zA-Z0-9]*_)?([\w-]+)\.(?:ipynb|html)(#[\w-]+)?\)',
                                lambda m: f']({DOCS}{m[1]}.html{m[2] or ""})', src))
        elif c['cell_type'] == 'code':
            if any(l.strip() in ('#| hide', '#|hide') for l in src.splitlines()): continue
            code = '\n'.join(l for l in src.splitlines() if not l.startswith('#|'))
            parts.append(f'```python\n{code}\n```')
            out = _text_out(c)
            if out: parts.append(f'```\n{out.rstrip()}\n```')
    txt = '\n\n'.join(parts) + '\n'
    return ('<!-- Generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file. -->\n\n' + txt)

if __name__ == '__main__':
    want, have = readme(), (root/'README.md').read_text() if (root/'README.md').exists() else ''
    if '--check' in sys.argv:
        if want != have: sys.exit("README.md is out of date with nbs/index.ipynb: run `python tools/make_readme.py`.")
        print('README.md matches nbs/index.ipynb')
    else: (root/'README.md').write_text(want); print('wrote README.md')
