#!/usr/bin/env python
"""The docs build's own steps around the renderer (smalldocs locally, Quarto in deploy.yaml), in two phases.

`python tools/site_fix.py proc _proc`, after nbdev-proc-nbs and before rendering:
- copies the installed plotly's `plotly.min.js` into the site's sources (the pages' figures load it from there, once);
- drops ipywidgets outputs saved without their widget state: a static page can only show their text form,
  `interactive(children=(FloatSlider(…` — noise for a learner. Each page's plotly slider figure
  (`fastlesson.figures.slider_figure`) is the static-site form of the same sliders;
- keeps a lesson page's header paragraph (▶ Watch · Read · Run this page) written in the title cell, after the
  `> description` line: nbdev-proc-nbs turns the title cell into the page's front matter and drops the rest of it.

`python tools/site_fix.py site SITE [--katex TGZ] [--local-links _proc]`, on the rendered site:
- plotly.js loads once per page (`page_plotlyjs`): outputs saved before `plotly_html` had one
  `<script src="plotly.min.js">` per figure, and a second copy of plotly.js freezes the sliders of the figures before it;
- every figure's title fits its screen (`page_fit_titles`: `fastlesson.figures.FIT_JS` run on each figure, also on
  figures saved before they did it themselves): below plotly's toolbar, wrapped on a phone;
- each line of code and of text output becomes a `<span class="line">` (Quarto already writes code lines as
  `<span id="cb1-1">`), with its indent in `--indent`, so that styles.css can wrap a long line with a hanging indent
  instead of a sideways scrollbar;
- `--katex TGZ`: KaTeX comes from the site itself (`site_libs/katex/`, unpacked from npm's `katex` tarball) instead of
  a CDN, and the theme's `@import` of Google's web fonts goes (the page falls back to the system font instead of
  waiting for a network that an offline build does not have);
- `--local-links PROC`: links to the published site's function docs (`https://fastlesson.github.io/fastlesson/gd.html#…`)
  point at the local page that documents them (`21_gd.html#…`).

Prints what it changed; exits non-zero if a page it needs is missing."""
import argparse, html as htmlmod, re, shutil, sys, tarfile
from pathlib import Path
from notebooks import notebooks, read_nb, write_nb, page_name, local_page, src

ROOT = Path(__file__).resolve().parents[1]
PLOTLY_JS = 'plotly.min.js'   # the name `fastlesson.figures.plotly_html` loads
WIDGET = 'application/vnd.jupyter.widget-view+json'
KATEX_CDN = re.compile(r'https://cdn\.jsdelivr\.net/npm/katex@[\w.\-]+/dist')

# ---------------------------------------------------------------- phase 1: the processed notebooks

def copy_plotlyjs(dest) -> Path:
    "Copy the installed plotly's `plotly.min.js` into the folder `dest` (unless an identical copy is there)."
    import plotly
    from_ = Path(plotly.__file__).parent/'package_data'/PLOTLY_JS
    out = Path(dest)/PLOTLY_JS
    if not out.exists() or out.read_bytes() != from_.read_bytes(): shutil.copyfile(from_, out)
    return out

def drop_widgets(nb:dict) -> int:
    "Remove widget outputs (and bare `interactive(children=…` text reprs) from `nb`; return how many."
    n = 0
    for c in nb['cells']:
        outs = c.get('outputs', [])
        keep = [o for o in outs if not (WIDGET in o.get('data', {})
                                        or ''.join(o.get('data', {}).get('text/plain', '')).startswith('interactive(children='))]
        n += len(outs) - len(keep)
        if outs: c['outputs'] = keep
    return n

def title_rest(nb:dict) -> str:
    "What the notebook's title cell (`# Title`, `> description`) holds after its title and description: '' if nothing."
    first = next((c for c in nb['cells'] if c['cell_type'] == 'markdown'), None)
    if first is None or not src(first).lstrip().startswith('# '): return ''
    lines, i = src(first).strip().split('\n'), 1
    while i < len(lines) and (not lines[i].strip() or lines[i].startswith('>')): i += 1
    return '\n'.join(lines[i:]).strip()

def keep_title_rest(nb:dict, rest:str) -> bool:
    "Put `rest` (see `title_rest`) back into the processed `nb`, as a markdown cell after its front matter; False if there already."
    if not rest or any(c['cell_type'] == 'markdown' and src(c).strip() == rest for c in nb['cells']): return False
    at = next((i + 1 for i, c in enumerate(nb['cells']) if c['cell_type'] == 'raw' and src(c).startswith('---')), 0)
    nb['cells'].insert(at, dict(cell_type='markdown', metadata={}, source=rest))
    return True

def proc(folder, nbs=ROOT/'nbs'):
    folder = Path(folder)
    if not any(folder.glob('*.ipynb')): sys.exit(f"site_fix: no notebooks in {folder}: run nbdev-proc-nbs first")
    copy_plotlyjs(folder)
    total = kept = 0
    for p in notebooks(folder):
        nb = read_nb(p)
        n = drop_widgets(nb)
        k = (Path(nbs)/p.name).exists() and keep_title_rest(nb, title_rest(read_nb(Path(nbs)/p.name)))
        if n or k: write_nb(p, nb)
        if n: print(f"site_fix: {p.name}: {n} widget output(s) dropped")
        total += n; kept += k
    print(f"site_fix: {PLOTLY_JS} copied into {folder}; {total} widget output(s) dropped; {kept} header paragraph(s) kept")

# ---------------------------------------------------------------- phase 2: the rendered pages

_TAG = re.compile(r'<script charset="utf-8" src="plotly\.min\.js"></script>')

def page_plotlyjs(html:str) -> str:
    "Load plotly.js once, in the page's head, for a page whose figures each have their own script tag (older outputs)."
    if not _TAG.search(html) and 'Plotly.newPlot' not in html: return html
    html = _TAG.sub('', html)
    if f'data-fastlesson="{PLOTLY_JS}"' in html: return html
    tag = (f'<script>window.fastlessonAmd = window.define; window.define = undefined;</script>'
           f'<script data-fastlesson="{PLOTLY_JS}" charset="utf-8" src="{PLOTLY_JS}"></script>'
           f'<script>window.define = window.fastlessonAmd;</script>')
    return html.replace('</head>', tag + '</head>', 1)

_FIT_ALL = """(function() {   // fit every figure's title once it is drawn, for figures saved before they did it themselves
  var n = 0, t = setInterval(function() {
    document.querySelectorAll('.plotly-graph-div').forEach(function(gd) { if (gd._fullLayout && !gd.fastlessonFit) window.fastlessonFitTitle(gd); });
    if (++n > 60) clearInterval(t);
  }, 250);
})();"""

def page_fit_titles(html:str) -> str:
    "Give a page with plotly figures `fastlesson.figures.FIT_JS`, run on each figure once drawn (titles below the toolbar, wrapped to fit)."
    if 'plotly-graph-div' not in html or 'data-fastlesson="fit-titles"' in html: return html
    from fastlesson.figures import FIT_JS
    return html.replace('</body>', f'<script data-fastlesson="fit-titles">{FIT_JS}{_FIT_ALL}</script></body>', 1)

_PRE = re.compile(r'(<pre\b[^>]*>\s*<code\b[^>]*>)(.*?)(</code>\s*</pre>)', re.S)
_VOID = re.compile(r'<(br|wbr|img|hr|input)\b', re.I)
_NAME = re.compile(r'<([\w-]+)')
_QUARTO_LINE = re.compile(r'<span id="(cb\d+-\d+)">')

def _indent(line_html:str) -> int:
    text = htmlmod.unescape(re.sub(r'<[^>]+>', '', line_html))
    return len(text) - len(text.lstrip(' '))

def _style(n): return f' style="--indent: {n}ch"' if n else ''

def _split_lines(body:str) -> str:
    "Wrap each line of `body` (highlighted code or text) in a line span, closing and reopening the spans it crosses."
    lines, cur, stack = [], '', []
    for tok in re.split(r'(<[^>]+>)', body):
        if tok.startswith('<'):
            if tok.startswith('</'): stack and stack.pop()
            elif not (tok.endswith('/>') or _VOID.match(tok)): stack.append(tok)
            cur += tok; continue
        parts = tok.split('\n')
        for p in parts[:-1]:
            close = ''.join('</' + _NAME.match(t)[1] + '>' for t in reversed(stack))
            lines.append(cur + p + close); cur = ''.join(stack)
        cur += parts[-1]
    lines.append(cur)
    if len(lines) > 1 and not re.sub(r'<[^>]+>', '', lines[-1]): last = lines.pop(); lines[-1] += last   # a final newline: no empty line
    return '\n'.join(f'<span class="line"{_style(_indent(l))}>{l}</span>' for l in lines)

def line_spans(html:str) -> str:
    "Give each line of every `<pre><code>` in `html` a line span with its indent (see the module's docstring)."
    def fix(m):
        head, body, tail = m.groups()
        if 'class="line"' in body: return m.group(0)   # done already
        if _QUARTO_LINE.search(body):                   # Quarto's own line spans: add the indent
            parts = re.split(r'(<span id="cb\d+-\d+">)', body)
            return head + parts[0] + ''.join(a[:-1] + _style(_indent(b)) + '>' + b for a, b in zip(parts[1::2], parts[2::2])) + tail
        return head + _split_lines(body) + tail
    return _PRE.sub(fix, html)

def site_url() -> str:
    "The published site's URL, from nbs/nbdev.yml (`site-url`)."
    m = re.search(r'site-url:\s*"?([^"\s]+)', (ROOT/'nbs'/'nbdev.yml').read_text())
    return m.group(1).rstrip('/')

def output_files(proc_dir) -> dict:
    "Map each processed notebook's `output-file` (`gd.html`) to the page smalldocs writes (`21_gd.html`)."
    res = {}
    for nb in notebooks(proc_dir):
        cells = read_nb(nb)['cells']
        m = re.search(r'^output-file:\s*(\S+)', src(cells[0]) if cells else '', re.M)
        res[m.group(1) if m else page_name(nb)] = local_page(nb)
    return res

def unpack_katex(tgz:Path, site:Path) -> Path:
    "Unpack KaTeX's dist folder (js, css, fonts, auto-render) into `site/site_libs/katex`."
    dest = site/'site_libs'/'katex'
    shutil.rmtree(dest, ignore_errors=True)
    with tarfile.open(tgz) as t:
        for m in t.getmembers():
            if not m.isfile() or not m.name.startswith('package/dist/'): continue
            rel = m.name[len('package/dist/'):]
            if not (rel in ('katex.min.js', 'katex.min.css', 'contrib/auto-render.min.js') or rel.startswith('fonts/')): continue
            out = dest/rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(t.extractfile(m).read())
    return dest

def site(site:Path, katex:Path|None=None, local_links:Path|None=None):
    pages = sorted(site.rglob('*.html'))
    if not pages: sys.exit(f"site_fix: no pages in {site}")
    links, url = (output_files(local_links), site_url()) if local_links else ({}, '')
    if katex:
        unpack_katex(katex, site)
        for css in (site/'site_libs').rglob('*.css'):
            t = css.read_text(encoding='utf-8')
            t2 = re.sub(r'@import url\(https://fonts\.googleapis\.com/[^)]*\);?', '', t)
            if t2 != t: css.write_text(t2, encoding='utf-8'); print(f"site_fix: {css.name}: web-font import dropped (offline build)")
    n = dict(plotly=0, katex=0, links=0, lines=0)
    unknown = set()
    for p in pages:
        html = p.read_text(encoding='utf-8')
        up = '../' * (len(p.relative_to(site).parts) - 1)
        new = page_fit_titles(page_plotlyjs(html))
        n['plotly'] += new != html
        if katex and KATEX_CDN.search(new): new = KATEX_CDN.sub(f'{up}site_libs/katex', new); n['katex'] += 1
        if links:
            def local(m):
                page = links.get(m.group(1))
                if page is None: unknown.add(m.group(1)); return m.group(0)
                n['links'] += 1
                return up + page
            new = re.sub(re.escape(url) + r'/([\w\-]+\.html)', local, new)
        lined = line_spans(new)
        n['lines'] += lined != new
        if lined != html: p.write_text(lined, encoding='utf-8')
    print(f"site_fix: {len(pages)} pages; plotly.js once per page and titles fitted on {n['plotly']}; local KaTeX on {n['katex']}; "
          f"{n['links']} function links made local; code and output lines spanned on {n['lines']}")
    if unknown: sys.exit(f"site_fix: links to {url}/ pages that no notebook builds: {sorted(unknown)}")

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest='phase', required=True)
    p1 = sub.add_parser('proc', help='after nbdev-proc-nbs: plotly.min.js in, widget outputs out')
    p1.add_argument('folder', type=Path, nargs='?', default=Path('_proc'))
    p2 = sub.add_parser('site', help='on the rendered site')
    p2.add_argument('site', type=Path)
    p2.add_argument('--katex', type=Path, help="npm's katex-X.tgz: serve KaTeX from the site")
    p2.add_argument('--local-links', type=Path, metavar='PROC', help='the processed notebooks (_proc): make doc links local')
    a = ap.parse_args(argv)
    if a.phase == 'proc': proc(a.folder)
    else: site(a.site, a.katex, a.local_links)

if __name__ == '__main__': main()
