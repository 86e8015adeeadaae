#!/usr/bin/env python
"""Post-process a built docs site (smalldocs' `_proc/_docs` or Quarto's `_docs`) so it works offline as a lesson:

- plotly.js loads once per page (`fastlesson.figures.page_plotlyjs`): pages built from older saved outputs have one
  `<script src="plotly.min.js">` per figure, and a second copy of plotly.js freezes the sliders of the figures before it;
- `--katex TGZ`: KaTeX comes from the site itself (`site_libs/katex/`, unpacked from npm's `katex` tarball) instead of
  a CDN, so maths renders without a network;
- `--katex` also drops the theme's `@import` of Google's web fonts (the page falls back to the system font instead of
  waiting for a network that an offline build does not have);
- `--local-links PROC`: links to the published site's function docs (`https://fastlesson.github.io/fastlesson/gd.html#…`)
  point at the local page that documents them (`21_gd.html#…`), using each processed notebook's `output-file`.

Usage: python tools/site_fix.py SITE [--katex .cache/katex-0.16.11.tgz] [--local-links _proc]
Prints what it changed; exits non-zero if a page it needs is missing.
"""
import argparse, json, re, shutil, sys, tarfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fastlesson.figures import page_plotlyjs  # noqa: E402

KATEX_CDN = re.compile(r'https://cdn\.jsdelivr\.net/npm/katex@[\w.\-]+/dist')


def site_url(root: Path) -> str:
    "The published site's URL, from nbs/nbdev.yml (`site-url`)."
    m = re.search(r'site-url:\s*"?([^"\s]+)', (root/'nbs'/'nbdev.yml').read_text())
    return m.group(1).rstrip('/')


def output_files(proc: Path) -> dict:
    "Map each processed notebook's `output-file` (e.g. `gd.html`) to the page smalldocs writes (`21_gd.html`)."
    res = {}
    for nb in sorted(proc.glob('*.ipynb')):
        cells = json.loads(nb.read_text())['cells']
        src = ''.join(cells[0]['source']) if cells else ''
        m = re.search(r'^output-file:\s*(\S+)', src, re.M)
        if m: res[m.group(1)] = nb.stem + '.html'
    return res


def unpack_katex(tgz: Path, site: Path) -> Path:
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('site', type=Path)
    ap.add_argument('--katex', type=Path, help="npm's katex-X.tgz: serve KaTeX from the site")
    ap.add_argument('--local-links', type=Path, metavar='PROC', help='the processed notebooks (_proc): make doc links local')
    a = ap.parse_args()
    root = Path(__file__).resolve().parents[1]
    pages = sorted(a.site.rglob('*.html'))
    if not pages: sys.exit(f"site_fix: no pages in {a.site}")
    links, url = (output_files(a.local_links), site_url(root)) if a.local_links else ({}, '')
    if a.katex:
        unpack_katex(a.katex, a.site)
        for css in (a.site/'site_libs').rglob('*.css'):
            t = css.read_text(encoding='utf-8')
            t2 = re.sub(r'@import url\(https://fonts\.googleapis\.com/[^)]*\);?', '', t)
            if t2 != t: css.write_text(t2, encoding='utf-8'); print(f"site_fix: {css.name}: web-font import dropped (offline build)")
    n_plotly = n_katex = n_links = 0
    unknown = set()
    for p in pages:
        html = p.read_text(encoding='utf-8')
        new = page_plotlyjs(html)
        n_plotly += new != html
        if a.katex and KATEX_CDN.search(new):
            offset = '../' * (len(p.relative_to(a.site).parts) - 1)
            new = KATEX_CDN.sub(f'{offset}site_libs/katex', new); n_katex += 1
        if links:
            def local(m):
                nonlocal n_links
                page = links.get(m.group(1))
                if page is None: unknown.add(m.group(1)); return m.group(0)
                n_links += 1
                return '../' * (len(p.relative_to(a.site).parts) - 1) + page
            new = re.sub(re.escape(url) + r'/([\w\-]+\.html)', local, new)
        if new != html: p.write_text(new, encoding='utf-8')
    print(f"site_fix: {len(pages)} pages; plotly.js once per page on {n_plotly}; local KaTeX on {n_katex}; "
          f"{n_links} function links made local")
    if unknown: sys.exit(f"site_fix: links to {url}/ pages that no notebook builds: {sorted(unknown)}")


if __name__ == '__main__': main()
