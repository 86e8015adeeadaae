"""Check the rendered docs site against the notebooks.

For every notebook in nbs/: its page exists; its saved outputs hold no errors; every picture it saved (PNG/SVG) and
every plotly figure appears in the page; no page links to a missing local file, script, stylesheet or anchor; and no
page shows what a learner should never see: a raw ipywidgets repr (`interactive(children=…`), a raw markdown link
(`[x](y.ipynb)`) or raw TeX in its prose, maths that needs a CDN, plotly.js loaded more than once.
Against nbs/sidebar.yml: every notebook is listed, and each page's Previous/Next links follow the sidebar's order (the
lesson's order). Each lesson page (those listed before the "Reference" section) has a link to the lesson's video near
its top (before its first section), and its "Run this page" links open its own notebook.
With `--local` (the smalldocs build), links to the published site's function docs count as defects too.
(Maths rendering itself is checked in a browser by tools/browser_test.py.)

Usage: python tools/check_site.py [SITE=_proc/_docs] [NBS=nbs] [--local]"""
import re, sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse
import yaml
from notebooks import notebooks, read_nb, directives, page_name, local_page

VIDEO = re.compile(r'https://(?:www\.youtube\.com/watch\?v=|youtu\.be/)hBBOjCiFcuo')   # Lesson 3 on YouTube
RUN_LINK = re.compile(r'https://(?:github\.com|colab\.research\.google\.com/github)/fastlesson/fastlesson/blob/main/nbs/([\w.-]+\.ipynb)')
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
    "What the page of notebook `nb` must show: (pictures, plotly figures, errors in saved outputs)."
    imgs = plots = 0; errors = []
    for i, c in enumerate(nb['cells']):
        shown = not directives(c) & {'hide', 'output:false', 'include:false'}   # outputs the page does not show
        for o in c.get('outputs', []):
            if o['output_type'] == 'error': errors.append(f"cell {i}: {o.get('ename')}: {o.get('evalue')}")
            if o['output_type'] == 'stream' and 'Traceback (most recent call last)' in ''.join(o.get('text', '')):
                errors.append(f"cell {i}: traceback in {o['name']}")
            d = o.get('data', {})
            if shown and ('image/png' in d or 'image/svg+xml' in d): imgs += 1
            if shown: plots += len(re.findall(r'class="plotly-graph-div"', ''.join(d.get('text/html', ''))))
    return imgs, plots, errors

def page_of(site, nb):
    "The built page of notebook `nb` in `site`: Quarto honours nbdev's output-file (`gd.html`), smalldocs names it after the notebook."
    return next((q for q in (site/page_name(nb), site/local_page(nb)) if q.exists()), None)

def sidebar(path):
    "The notebooks nbs/sidebar.yml lists, in order, as (notebook, section title or None)."
    def walk(items, sec):
        for it in items or []:
            if isinstance(it, str): yield it.split('#')[0].strip(), sec
            elif isinstance(it, dict) and 'section' in it: yield from walk(it.get('contents'), it['section'])
            elif isinstance(it, dict) and 'href' in it: yield it['href'], sec
    return list(walk(yaml.safe_load(Path(path).read_text())['website']['sidebar']['contents'], None))

def nav_links(html):
    "The page's Previous and Next links (href or None)."
    return tuple((m.group(1) if (m := re.search(rf'class="nav-page nav-page-{k}">\s*<a href="([^"]+)"', html)) else None)
                 for k in ('previous', 'next'))

def lesson_top(html, nb_name):
    "Problems with the top of a lesson page (before its first section): no link to the video, run links to another notebook."
    body = html[html.find('<main'):]
    top = body[:m.start()] if (m := re.search(r'<h2\b', body)) else body
    res = [] if VIDEO.search(top) else ["no link to the lesson's video near the top (the header paragraph: ▶ **Watch:** …, OWNER.md §1)"]
    res += [f"its 'Run this page' link opens {n}, not its own notebook {nb_name}" for n in sorted(set(RUN_LINK.findall(top))) if n != nb_name]
    return res

def main(site='_proc/_docs', nbs='nbs', local=False):
    site, problems = Path(site), []
    for nbp in notebooks(nbs):
        page = page_of(site, nbp)
        imgs, plots, errors = nb_expect(read_nb(nbp))
        problems += [f"{nbp.name}: saved output has an error: {e}" for e in errors]
        if page is None: problems.append(f"{nbp.name}: no page {site/page_name(nbp)} or {site/local_page(nbp)}"); continue
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
        entries = sidebar(side)
        listed = [n for n, _ in entries]
        problems += [f"{nbp.name}: not in {side} (no sidebar entry, no previous/next links to it)" for nbp in notebooks(nbs) if nbp.name not in listed]
        problems += [f"{side}: lists {n}, which is not in {nbs}/" for n in listed if not (Path(nbs)/n).exists()]
        pages = [page_of(site, Path(n)) for n in listed]
        built = [pg for pg in pages if pg is not None]    # a listed page without a page is reported above
        for i, pg in enumerate(built):                     # Previous/Next follow the sidebar: the lesson's order
            prev, nxt = nav_links(pg.read_text(encoding='utf-8'))
            want_prev, want_next = (built[i-1].name if i > 0 else None), (built[i+1].name if i+1 < len(built) else None)
            if nxt != want_next: problems.append(f"{pg.name}: 'Next' goes to {nxt}, but the sidebar's next page is {want_next}; is page-navigation on in _quarto.yml?")
            if prev != want_prev: problems.append(f"{pg.name}: 'Previous' goes to {prev}, but the sidebar's previous page is {want_prev}")
        ref = next((i for i, (_, sec) in enumerate(entries) if sec and sec.startswith('Reference')), len(entries))
        for (n, _), pg in zip(entries[:ref], pages[:ref]):   # the lesson pages
            if pg is not None: problems += [f"{pg.name}: {d}" for d in lesson_top(pg.read_text(encoding='utf-8'), n)]
    for pr in problems: print('PROBLEM', pr)
    return 1 if problems else 0

if __name__ == '__main__':
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    sys.exit(main(*args, local='--local' in sys.argv))
