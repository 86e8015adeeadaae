"""The one notebook reader and the one page-name rule that the tools/ scripts share.

A script imports it as `from notebooks import ...` (Python puts the script's own folder, tools/, on the path).
- `notebooks(folder)`: the notebooks that become pages (not `_…` or `.…`), sorted by name;
- `read_nb(path)` / `write_nb(path, nb)`: a notebook as a dict, each cell's `source` one string / written back as
  nbdev-clean leaves it (one-space indent, a list of lines, a final newline);
- `directives(cell)`, `shown(cell)`: a cell's `#|` options; whether the page shows it;
- `imports_only(code)`, `page_code(nb)`: the code a reader of the page (or the README) sees, imports-only cells joined
  to the next cell, so each piece runs alone;
- `page_name(nb)`: the published page of a notebook (`21_gd.ipynb` -> `gd.html`): nbdev's own rule, `nbpath2html`,
  which nbdev writes as each page's `output-file` and Quarto follows. smalldocs names the page after the notebook
  (`21_gd.html`): `local_page(nb)`."""
import ast, json
from pathlib import Path
from nbdev.config import nbpath2html

def notebooks(folder='nbs') -> list[Path]:
    "The notebooks in `folder` that become pages, sorted by name."
    return sorted(p for p in Path(folder).glob('*.ipynb') if not p.name.startswith(('_', '.')))

def src(cell) -> str:
    "A cell's source as one string."
    s = cell.get('source', '')
    return ''.join(s) if isinstance(s, list) else s

def read_nb(path) -> dict:
    "The notebook at `path`, each cell's `source` joined into one string."
    nb = json.loads(Path(path).read_text(encoding='utf-8'))
    for c in nb['cells']: c['source'] = src(c)
    return nb

def write_nb(path, nb):
    "Write `nb` as nbdev-clean leaves a notebook: sources as lists of lines, one-space indent, a final newline."
    for c in nb['cells']:
        lines = src(c).split('\n')
        c['source'] = [l + '\n' for l in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    Path(path).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n', encoding='utf-8')

def directives(cell) -> set[str]:
    "A cell's `#|` options without spaces: {'hide', 'export', 'output:false', ...}."
    return {l[2:].replace(' ', '') for l in src(cell).splitlines() if l.startswith('#|')}

def shown(cell) -> bool:
    "Whether the page shows the cell (its outputs, and for code its source unless `echo: false`)."
    return not directives(cell) & {'hide', 'include:false'}

def imports_only(code:str) -> bool:
    "True if `code` parses and holds only import statements."
    try: tree = ast.parse(code)
    except SyntaxError: return False
    return bool(tree.body) and all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in tree.body)

def page_code(nb:dict) -> list[tuple[dict, str]]:
    """The shown code cells of `nb` with their code (the `#|` lines dropped), as (cell, code): an imports-only cell
    without output is joined to the next code cell, so that each piece runs on its own; markdown cells come as
    (cell, None) in their place."""
    res, pending = [], ''
    for c in nb['cells']:
        if c['cell_type'] == 'markdown': res.append((c, None)); continue
        if c['cell_type'] != 'code' or not shown(c): continue
        code = pending + '\n'.join(l for l in src(c).splitlines() if not l.startswith('#|')).strip('\n')
        if imports_only(code) and not c.get('outputs'): pending = code + '\n'; continue
        pending = ''; res.append((c, code))
    if pending: res.append(({'cell_type': 'code', 'source': pending, 'outputs': []}, pending.rstrip()))
    return res

def page_name(nb) -> str:
    "The published page of notebook `nb` (`21_gd.ipynb` -> `gd.html`), by nbdev's rule."
    return nbpath2html(Path(nb)).name

def local_page(nb) -> str:
    "The page smalldocs writes for notebook `nb` (`21_gd.ipynb` -> `21_gd.html`)."
    return Path(nb).stem + '.html'
