"""Write README.md from nbs/index.ipynb (what `nbdev-readme` does with Quarto, which CI cannot run).

`python tools/make_readme.py` writes it; `--check` fails if README.md differs from what index.ipynb gives.
Local page links (`21_gd.ipynb`, `gd.html`) become links to the published docs site."""
import re, sys
from pathlib import Path
from notebooks import read_nb, page_code, page_name

DOCS = 'https://fastlesson.github.io/fastlesson/'
root = Path(__file__).resolve().parent.parent

def _text_out(c):
    res = []
    for o in c.get('outputs', []):
        if o['output_type'] == 'stream' and o['name'] == 'stdout': res.append(''.join(o['text']))
        elif o['output_type'] == 'execute_result' and 'text/plain' in o.get('data', {}): res.append(''.join(o['data']['text/plain']))
    return ''.join(r if r.endswith('\n') else r + '\n' for r in res)

def readme(nb_path=root/'nbs'/'index.ipynb'):
    "README.md's text: the page's markdown with local links made absolute, its code (imports joined to the next cell, so each snippet runs alone) and text outputs."
    parts = []
    for c, code in page_code(read_nb(nb_path)):
        if code is None:
            parts.append(re.sub(r'\]\((?!https?:|#)([\w-]+)\.(?:ipynb|html)(#[\w-]+)?\)',   # a page: its published address
                                lambda m: f']({DOCS}{page_name(m[1] + ".ipynb")}{m[2] or ""})', c['source'].strip('\n')))
            continue
        parts.append(f'```python\n{code}\n```')
        if out := _text_out(c): parts.append(f'```\n{out.rstrip()}\n```')
    txt = '\n\n'.join(parts) + '\n'
    return ('<!-- Generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file. -->\n\n' + txt)

if __name__ == '__main__':
    want, have = readme(), (root/'README.md').read_text() if (root/'README.md').exists() else ''
    if '--check' in sys.argv:
        if want != have: sys.exit("README.md is out of date with nbs/index.ipynb: run `python tools/make_readme.py`.")
        print('README.md matches nbs/index.ipynb')
    else: (root/'README.md').write_text(want); print('wrote README.md')
