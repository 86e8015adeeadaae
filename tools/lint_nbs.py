"""Fail on notebook cells that mix imports with other code.

nbdev-proc-nbs executes every cell that contains an import (to render docs), without the cells before it that are
not imports or exports: a cell like `import pandas as pd; df = make(x)` then fails at docs time, or runs slow code.
Keep imports in cells of their own (or in `#| export` cells)."""
import ast, json, sys
from pathlib import Path

def mixed_cells(nb_path):
    nb = json.loads(Path(nb_path).read_text())
    for i, c in enumerate(nb['cells']):
        if c['cell_type'] != 'code': continue
        src = ''.join(c['source'])
        if any(l.strip().startswith('#| export') or l.strip().startswith('#|export') for l in src.splitlines()): continue
        code = '\n'.join(l for l in src.splitlines() if not l.lstrip().startswith(('%', '!')))
        try: tree = ast.parse(code)
        except SyntaxError: continue
        if not any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(tree)): continue
        if any(not isinstance(n, (ast.Import, ast.ImportFrom)) for n in tree.body): yield i, src.splitlines()[:3]

if __name__ == '__main__':
    bad = [(p, i, s) for p in sorted(Path(sys.argv[1] if len(sys.argv) > 1 else 'nbs').glob('*.ipynb')) for i, s in mixed_cells(p)]
    for p, i, s in bad: print(f"{p}: cell {i} mixes imports with other code: {s}")
    sys.exit(1 if bad else 0)
