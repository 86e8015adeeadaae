"""Check the rendered docs site against the notebooks.

For every notebook in nbs/: its page exists; its saved outputs hold no errors; every picture it saved (PNG/SVG) and
every plotly figure appears in the page; no page links to a missing local file, script, stylesheet or anchor; and no
page shows what a learner should never see: a raw ipywidgets repr (`interactive(children=…`), a raw markdown link
(`[x](y.ipynb)`) or raw TeX in its prose, maths that needs a CDN, plotly.js loaded more than once.
With `--local` (the smalldocs build), links to the published site's function docs count as defects too.
(Maths rendering itself is checked in a browser by tools/browser_test.py.)"""
import json, re, sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

def page_name(nb): return re.sub(r'^\d+[a-zA-Z0-9]*_', '', nb.stem.lower()) + '.html'

RAW_LINK = re.compile(r'\[[^\]\n]{1,80}\]\((?:[\w\-./#]+)\)')   # [text](target) left as text
RAW_TEX = re.compile(r'\$\$|(?<![\w$])\$[^$\s][^$]{0,80}\\[a-zA-Z]+[^$]*\$|\\(?:frac|sum|mathrm|partial)\{')

class Links(HTMLParser):
    "Collect a page's links, pictures, plotly figures, scripts and the prose outside code, outputs and maths."
    SKIP = {'script', 'style', 'pre', 'code', 'textarea'}
    def __init__(self):
        super().__init__(); self.links, self.srcs, self.imgs, self.plotly, self.prose, self.stack = [], [], 0, 0, [], []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'a' and a.get('href'): self.links.append(a['href'])
        if tag == 'img': self.imgs += 1
        if tag in ('script', 'img') and a.get('src'): self.srcs.append(a['src'])
        if tag == 'link' and a.get('href') and 'stylesheet' in (a.get('rel') or ''): self.srcs.append(a['href'])
        if tag == 'div' and 'plotly-graph-div' in (a.get('class') or ''): self.plotly += 1
        if tag in self.SKIP or 'math' in (a.get('class') or '').split(): self.stack.append(tag)
    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag: self.stack.pop()
    def handle_data(self, data):
        if not self.stack: self.prose.append(data)

def defects(html, p, local=False):
    "What a learner should never see on the page whose HTML is `html` (parsed by `p`)."
    res, prose = [], ' '.join(p.prose)
    text = re.sub(r'<script\b.*?</script>', '', html, flags=re.S)
    if 'interactive(children=' in text: res.append("raw ipywidgets repr 'interactive(children=…' (show the plotly figure instead)")
    for m in RAW_LINK.finditer(prose): res.append(f"raw markdown link {m.group(0)!r} in the prose")
    for m in RAW_TEX.finditer(prose): res.append(f"raw TeX {m.group(0)[:60]!r} in the prose (not inside \\( \\) or \\[ \\])")
    if re.search(r'<(script|link)[^>]+(src|href)="https?://[^"]*katex', html): res.append("KaTeX loads from a CDN (the page's maths needs a network)")
    n = len(re.findall(r'<script[^>]*src="[^"]*plotly(\.min)?\.js"', html))
    if n > 1: res.append(f"plotly.js loaded {n} times (a second copy freezes the sliders of the figures before it)")
    if local:
        n = len(re.findall(r'href="https://fastlesson\.github\.io', html))
        if n: res.append(f"{n} links to fastlesson.github.io in the local build (make them local: tools/site_fix.py --local-links)")
    return res

_ids = {}
def ids(path):
    "The element ids in the HTML file at `path`."
    if path not in _ids: _ids[path] = set(re.findall(r'\bid="([^"]+)"', Path(path).read_text(encoding='utf-8')))
    return _ids[path]

def nb_expect(nb):
    imgs = plots = 0; errors = []
    for i, c in enumerate(nb['cells']):
        opts = {l.replace(' ', '') for l in ''.join(c.get('source', '')).splitlines() if l.startswith('#|')}
        shown = not opts & {'#|hide', '#|output:false', '#|include:false'}   # outputs the page does not show
        for o in c.get('outputs', []):
            if o['output_type'] == 'error': errors.append(f"cell {i}: {o.get('ename')}: {o.get('evalue')}")
            if o['output_type'] == 'stream' and 'Traceback (most recent call last)' in ''.join(o.get('text', '')):
                errors.append(f"cell {i}: traceback in {o['name']}")
            d = o.get('data', {})
            if shown and ('image/png' in d or 'image/svg+xml' in d): imgs += 1
            if shown: plots += ''.join(d.get('text/html', '')).count('plotly-graph-div')
    return imgs, plots, errors

def main(site='_proc/_docs', nbs='nbs', local=False):
    site, problems = Path(site), []
    for nbp in sorted(Path(nbs).glob('*.ipynb')):
        if nbp.name.startswith(('_', '.')): continue
        page = site/page_name(nbp)                       # Quarto honours nbdev's output-file ...
        if not page.exists(): page = site/(nbp.stem + '.html')  # ... smalldocs names pages after the notebook
        imgs, plots, errors = nb_expect(json.loads(nbp.read_text()))
        problems += [f"{nbp.name}: saved output has an error: {e}" for e in errors]
        if not page.exists(): problems.append(f"{nbp.name}: no page {page}"); continue
        html = page.read_text(encoding='utf-8')
        p = Links(); p.feed(html)
        problems += [f"{page.name}: {d}" for d in defects(html, p, local)]
        for src in p.srcs:
            u = urlparse(src)
            if not (u.scheme or u.netloc) and u.path and not (page.parent/u.path).exists():
                problems.append(f"{page.name}: missing script, picture or stylesheet {src}")
        if p.imgs < imgs: problems.append(f"{page.name}: {p.imgs} images, but the notebook saved {imgs}")
        if p.plotly < plots: problems.append(f"{page.name}: {p.plotly} plotly figures, but the notebook saved {plots}")
        for href in p.links:
            u = urlparse(href)
            if u.scheme or u.netloc or not u.path or href.startswith('#'): continue
            target = (page.parent/u.path).resolve()
            if not target.exists(): problems.append(f"{page.name}: broken link {href}"); continue
            if u.fragment and target.suffix == '.html' and u.fragment not in ids(target):
                problems.append(f"{page.name}: link {href}: no id {u.fragment!r} in {target.name}")
        print(f"{page.name}: {p.imgs} images, {p.plotly} plotly figures, {len(p.links)} links")
    side = Path(nbs)/'sidebar.yml'
    if side.exists():
        listed = set(re.findall(r'([\w.-]+\.ipynb)', side.read_text()))
        for nbp in sorted(Path(nbs).glob('*.ipynb')):
            if not nbp.name.startswith(('_', '.')) and nbp.name not in listed:
                problems.append(f"{nbp.name}: not in {side} (no sidebar entry, no previous/next links to it)")
        problems += [f"{side}: lists {n}, which is not in {nbs}/" for n in sorted(listed) if not (Path(nbs)/n).exists()]
        order = re.findall(r'([\w.-]+)\.ipynb', side.read_text())   # each page but the last links to the next one
        for a, b in zip(order, order[1:]):
            pa = next((q for q in (site/f'{a}.html', site/page_name(Path(a + '.ipynb'))) if q.exists()), None)
            if pa is None: continue
            nxt = re.search(r'class="nav-page nav-page-next">\s*<a href="([^"]+)"', pa.read_text(encoding='utf-8'))
            if not nxt: problems.append(f"{pa.name}: no 'Next' link (to {b}); is page-navigation on in _quarto.yml?")
    for pr in problems: print('PROBLEM', pr)
    return 1 if problems else 0

if __name__ == '__main__':
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    sys.exit(main(*args, local='--local' in sys.argv))
