"""Fail on notebook cells that mix imports with other code.

nbdev-proc-nbs executes every cell that contains an import (to render docs), without the cells before it that are
not imports or exports: a cell like `import pandas as pd; df = make(x)` then fails at docs time, or runs slow code.
Keep imports in cells of their own (or in `#| export` cells).

Also lists (and with --strict, fails on) visible cells that hold only `test_fail` calls: bad-input tests are for the
test suite, not for learners; mark them `#| hide` (they still run). Tests that read as examples stay visible; a cell
whose error messages are the point (a reference page showing what an error says) can say so with a `# shown:` comment."""
import ast, sys
from notebooks import notebooks, read_nb, src as cell_src, directives

def mixed_cells(nb_path):
    "Code cells (not exports) that hold an import beside other statements: (index, first lines)."
    for i, c in enumerate(read_nb(nb_path)['cells']):
        if c['cell_type'] != 'code': continue
        src = cell_src(c)
        if any(d.startswith('export') for d in directives(c)): continue
        code = '\n'.join(l for l in src.splitlines() if not l.lstrip().startswith(('%', '!')))
        try: tree = ast.parse(code)
        except SyntaxError: continue
        if not any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(tree)): continue
        if any(not isinstance(n, (ast.Import, ast.ImportFrom)) for n in tree.body): yield i, src.splitlines()[:3]

def visible_fail_cells(nb_path):
    "Cells shown on the page whose statements are all `test_fail(...)` calls (or a `with` block of them)."
    for i, c in enumerate(read_nb(nb_path)['cells']):
        src = cell_src(c)
        if c['cell_type'] != 'code' or directives(c) & {'hide', 'export', 'exporti'} or any(l.startswith('# shown:') for l in src.splitlines()): continue
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
    nbs = notebooks(args[0] if args else 'nbs')
    bad = [(p, i, s) for p in nbs for i, s in mixed_cells(p)]
    for p, i, s in bad: print(f"{p}: cell {i} mixes imports with other code: {s}")
    shown = [(p, i, s) for p in nbs for i, s in visible_fail_cells(p)]
    for p, i, s in shown: print(f"{p}: cell {i} shows only bad-input tests to learners (add `#| hide`): {s}")
    sys.exit(1 if bad or ('--strict' in sys.argv and shown) else 0)
