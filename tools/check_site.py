"""Check the rendered docs site against the notebooks.

For every notebook in nbs/: its page exists; its saved outputs hold no errors; every picture it saved (PNG/SVG) and
every plotly figure appears in the page; and no page links to a missing local file."""
import json, re, sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

def page_name(nb): return re.sub(r'^\d+[a-zA-Z0-9]*_', '', nb.stem.lower()) + '.html'

class Links(HTMLParser):
    def __init__(self): super().__init__(); self.links, self.imgs, self.plotly = [], 0, 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'a' and a.get('href'): self.links.append(a['href'])
        if tag == 'img': self.imgs += 1
        if tag == 'div' and 'plotly-graph-div' in (a.get('class') or ''): self.plotly += 1

_ids = {}
def ids(path):
    "The element ids in the HTML file at `path`."
    if path not in _ids: _ids[path] = set(re.findall(r'\bid="([^"]+)"', Path(path).read_text(encoding='utf-8')))
    return _ids[path]

def nb_expect(nb):
    imgs = plots = 0; errors = []
    for i, c in enumerate(nb['cells']):
        for o in c.get('outputs', []):
            if o['output_type'] == 'error': errors.append(f"cell {i}: {o.get('ename')}: {o.get('evalue')}")
            if o['output_type'] == 'stream' and 'Traceback (most recent call last)' in ''.join(o.get('text', '')):
                errors.append(f"cell {i}: traceback in {o['name']}")
            d = o.get('data', {})
            if 'image/png' in d or 'image/svg+xml' in d: imgs += 1
            plots += ''.join(d.get('text/html', '')).count('plotly-graph-div')
    return imgs, plots, errors

def main(site='_proc/_docs', nbs='nbs'):
    site, problems = Path(site), []
    for nbp in sorted(Path(nbs).glob('*.ipynb')):
        if nbp.name.startswith(('_', '.')): continue
        page = site/page_name(nbp)                       # Quarto honours nbdev's output-file ...
        if not page.exists(): page = site/(nbp.stem + '.html')  # ... smalldocs names pages after the notebook
        imgs, plots, errors = nb_expect(json.loads(nbp.read_text()))
        problems += [f"{nbp.name}: saved output has an error: {e}" for e in errors]
        if not page.exists(): problems.append(f"{nbp.name}: no page {page}"); continue
        p = Links(); p.feed(page.read_text(encoding='utf-8'))
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
    for pr in problems: print('PROBLEM', pr)
    return 1 if problems else 0

if __name__ == '__main__': sys.exit(main(*sys.argv[1:]))
