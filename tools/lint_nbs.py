"""Fail on notebook cells that mix imports with other code.

nbdev-proc-nbs executes every cell that contains an import (to render docs), without the cells before it that are
not imports or exports: a cell like `import pandas as pd; df = make(x)` then fails at docs time, or runs slow code.
Keep imports in cells of their own (or in `#| export` cells).

Also lists (and with --strict, fails on) visible cells that hold only `test_fail` calls: bad-input tests are for the
test suite, not for learners; mark them `#| hide` (they still run). Tests that read as examples stay visible; a cell
whose error messages are the point (a reference page showing what an error says) can say so with a `# shown:` comment."""
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

def visible_fail_cells(nb_path):
    "Cells shown on the page whose statements are all `test_fail(...)` calls (or a `with` block of them)."
    nb = json.loads(Path(nb_path).read_text())
    for i, c in enumerate(nb['cells']):
        src = ''.join(c['source'])
        if c['cell_type'] != 'code' or any(l.strip().replace(' ', '') in ('#|hide', '#|export', '#|exporti') or l.startswith('# shown:')
                                           for l in src.splitlines()): continue
        try: tree = ast.parse('\n'.join(l for l in src.splitlines() if not l.lstrip().startswith(('%', '!'))))
        except SyntaxError: continue
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, 'id', None) == 'test_fail']
        stmts = [n for n in tree.body if not isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.With))]
        inner = [m for n in tree.body if isinstance(n, ast.With) for m in n.body]
        def is_fail(n): return isinstance(n, ast.Expr) and isinstance(n.value, ast.Call) and getattr(n.value.func, 'id', None) == 'test_fail'
        if calls and all(is_fail(n) for n in stmts + inner if not isinstance(n, (ast.Assign, ast.FunctionDef))):
            yield i, src.splitlines()[:2]

if __name__ == '__main__':
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    nbs = sorted(Path(args[0] if args else 'nbs').glob('*.ipynb'))
    bad = [(p, i, s) for p in nbs for i, s in mixed_cells(p)]
    for p, i, s in bad: print(f"{p}: cell {i} mixes imports with other code: {s}")
    shown = [(p, i, s) for p in nbs for i, s in visible_fail_cells(p)]
    for p, i, s in shown: print(f"{p}: cell {i} shows only bad-input tests to learners (add `#| hide`): {s}")
    sys.exit(1 if bad or ('--strict' in sys.argv and shown) else 0)
