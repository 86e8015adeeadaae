"""Write README.md from nbs/index.ipynb (what `nbdev-readme` does with Quarto, which CI cannot run).

`python tools/make_readme.py` writes it; `--check` fails if README.md differs from what index.ipynb gives.
Local page links (`21_gd.ipynb`, `gd.html`) become links to the published docs site."""
import ast, json, re, sys
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

def _imports_only(code):
    try: tree = ast.parse(code)
    except SyntaxError: return False
    return bool(tree.body) and all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in tree.body)

def readme(nb_path=root/'nbs'/'index.ipynb'):
    nb, parts, pending = json.loads(Path(nb_path).read_text()), [], ''
    for c in nb['cells']:
        src = _src(c).strip('\n')
        if c['cell_type'] == 'markdown':
            parts.append(re.sub(r'\]\((?!https?:|#)(?:\d+[a-zA-Z0-9]*_)?([\w-]+)\.(?:ipynb|html)(#[\w-]+)?\)',
                                lambda m: f']({DOCS}{m[1]}.html{m[2] or ""})', src))
        elif c['cell_type'] == 'code':
            if any(l.strip() in ('#| hide', '#|hide') for l in src.splitlines()): continue
            code = pending + '\n'.join(l for l in src.splitlines() if not l.startswith('#|'))
            out, pending = _text_out(c), ''
            # An imports-only cell (kept apart for nbdev-proc-nbs, see tools/lint_nbs.py) without output joins the
            # next code cell, so that each README snippet runs on its own (tools/check_snippets.py).
            if not out and _imports_only(code): pending = code + '\n'; continue
            parts.append(f'```python\n{code}\n```')
            if out: parts.append(f'```\n{out.rstrip()}\n```')
    if pending: parts.append(f'```python\n{pending.rstrip()}\n```')
    txt = '\n\n'.join(parts) + '\n'
    return ('<!-- Generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file. -->\n\n' + txt)

if __name__ == '__main__':
    want, have = readme(), (root/'README.md').read_text() if (root/'README.md').exists() else ''
    if '--check' in sys.argv:
        if want != have: sys.exit("README.md is out of date with nbs/index.ipynb: run `python tools/make_readme.py`.")
        print('README.md matches nbs/index.ipynb')
    else: (root/'README.md').write_text(want); print('wrote README.md')
