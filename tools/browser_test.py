#!/usr/bin/env python
"""Read the built docs site as a learner would, in headless Chromium driven through the DevTools protocol.

On every page: it loads with no script errors and no failed requests (everything is served by the site itself:
plotly.js, KaTeX); every plotly figure draws; maths is rendered by KaTeX, with no raw TeX left in the prose.
On every slider figure (`fastlesson.figures.slider_figure`): each slider is clicked with real mouse events at two
positions, and after each click the curve and the loss in the title must be what Python computes
(`fastlesson.figures.eval_expr` on the figure's own expression and data, at the values the slider labels show).
After all the figures of a page have been used, the first one is moved again: it must still redraw (two copies of
plotly.js on one page used to freeze every figure but the last).
No code or output block may scroll sideways (styles.css wraps long lines). Then every page again at a phone's width
(390 px): no code scrolls sideways, every figure's title stays inside the figure and clear of plotly's toolbar, and a
slider figure's title still shows its loss, as drawn and after a slider moves.

Screenshots of each page's top and of each figure (after its moves; at 1280 px and at 390 px) go to --shots.

Usage: python tools/browser_test.py [SITE=_proc/_docs] [--shots DIR] [--chromium PATH] [--page NAME.html ...] [--self-test]
Needs: Debian's `chromium` (apt-get install chromium) and the `websockets` package. Exits non-zero on any failure.
"""
import argparse, asyncio, base64, functools, http.server, math, re, sys, tempfile, threading, time
from pathlib import Path

import torch
from fastlesson.figures import eval_expr, slider_title
from cdp import ChromiumError, chromium as launch, find_chromium
from site_fix import copy_plotlyjs, page_plotlyjs

READY_JS = """(() => {
  if (document.readyState !== 'complete') return false;
  const figs = [...document.querySelectorAll('.plotly-graph-div')];
  if (!figs.every(g => g._fullLayout && g.querySelector('.main-svg'))) return false;
  return !document.querySelector('.math') || !!document.querySelector('.katex');
})()"""
RAW_TEX_JS = r"""(() => {
  const out = [], skip = new Set(['PRE', 'CODE', 'SCRIPT', 'STYLE', 'TEXTAREA']);
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {acceptNode(n) {
    for (let e = n.parentElement; e; e = e.parentElement)
      if (skip.has(e.tagName) || e.classList.contains('katex') || e.classList.contains('plotly-graph-div')) return NodeFilter.FILTER_REJECT;
    return NodeFilter.FILTER_ACCEPT; }});
  for (let n; (n = walk.nextNode());) {
    const m = n.textContent.match(/\\\[|\\\(|\$\$|\\(frac|sum|mathrm|partial)\{/);
    if (m) out.push(n.textContent.slice(Math.max(0, m.index - 20), m.index + 40));
  }
  return {raw: out, katex: document.querySelectorAll('.katex').length, errors: document.querySelectorAll('.katex-error').length};
})()"""
FIGS_JS = """(() => [...document.querySelectorAll('.plotly-graph-div')].map((g, i) => ({
  i, id: g.id, sliders: (g.layout.sliders || []).length, spec: g.fastlessonSlider || null,
  native: (g.layout.sliders || []).some(s => s.steps.some(st => st.method && st.method !== 'skip'))})))()"""
RAIL_JS = """((i, s) => {
  const g = document.querySelectorAll('.plotly-graph-div')[i];
  g.scrollIntoView({block: 'center', behavior: 'instant'});
  const grp = g.querySelectorAll('.slider-group')[s], rail = grp.querySelector('.slider-rail-rect').getBoundingClientRect();
  const ticks = [...grp.querySelectorAll('.slider-tick-rect')].map(t => { const r = t.getBoundingClientRect(); return r.left + r.width/2; });
  return {x: rail.left, y: rail.top + rail.height/2, w: rail.width, ticks, active: g._fullLayout.sliders[s].active};
})"""
STATE_JS = """(i => {
  const g = document.querySelectorAll('.plotly-graph-div')[i];
  const title = g.querySelector('.gtitle');
  return {y: [...g.data[0].y], all: JSON.stringify(g.data.map(t => [t.x, t.y, t.visible])), title: title ? title.textContent : '',
          labels: [...g.querySelectorAll('.slider-group')].map(s => s.querySelector(':scope > .slider-label').textContent)};
})"""


def serve(site):
    "Serve `site` over HTTP on a free port, quietly; returns the base URL."
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a): pass
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{srv.server_address[1]}/"


def expected(spec, vals):
    "The curve and the title that Python computes for the slider values `vals`."
    x = torch.tensor(spec['x'], dtype=torch.float64)
    y = eval_expr(spec['expr'], x, **vals)
    value = None
    if spec['loss']:
        dx, dy = (torch.tensor(spec[k], dtype=torch.float64) for k in ('dx', 'dy'))
        e = eval_expr(spec['expr'], dx, **vals) - dy
        value = float((e**2).mean() if spec['loss'] == 'mse' else e.abs().mean())
    return y, value


def check_state(st, spec, where):
    "Compare what the browser shows with Python; a list of problems."
    vals = {}
    for lab in st['labels']:
        k, _, v = lab.partition('=')
        vals[k.strip()] = float(v.strip().replace('\u2212', '-'))
    if sorted(vals) != sorted(spec['names']): return [f"{where}: slider labels {st['labels']} do not name {spec['names']}"]
    y, value = expected(spec, vals)
    got = torch.tensor([math.nan if v is None else v for v in st['y']], dtype=torch.float64)
    probs = []
    if got.shape != y.shape or not torch.allclose(got, y, rtol=1e-9, atol=1e-9):
        probs.append(f"{where}: curve is not Python's at {vals} (max diff {(got - y).abs().max().item() if got.shape == y.shape else 'shape'})")
    want = slider_title(spec['title'], spec['loss'], value) if spec['loss'] else (spec['title'] or '')
    if spec['loss']:
        m = re.search(r'(MSE|MAE): (-?[\d.]+)$', st['title'])
        same = lambda a, b: re.sub(r'[\s—]', '', a) == re.sub(r'[\s—]', '', b)   # a title may wrap onto lines on a phone
        if not m or abs(float(m.group(2)) - value) > 0.0051 or not same(st['title'].split(m.group(1))[0], want.split(m.group(1))[0]):
            probs.append(f"{where}: title {st['title']!r}, Python says {want!r} at {vals}")
    elif re.sub(r'\s', '', st['title']) != re.sub(r'\s', '', want): probs.append(f"{where}: title {st['title']!r}, expected {want!r}")
    return probs


def page_events(cdp, name, url, stats):
    "Problems among the events of a page's load: script errors, console errors, requests off the site."
    probs = []
    for ev in cdp.events:
        if ev.get('method') == 'Runtime.exceptionThrown':
            d = ev['params']['exceptionDetails']
            probs.append(f"{name}: script error: {d.get('exception', {}).get('description', d.get('text'))[:200]}")
        if ev.get('method') == 'Log.entryAdded' and ev['params']['entry']['level'] == 'error':
            e = ev['params']['entry']
            if e.get('url', '').endswith('/favicon.ico'): continue   # browsers ask for one; the site has none
            probs.append(f"{name}: console error: {e.get('text')} {e.get('url', '')}")
        if ev.get('method') == 'Network.requestWillBeSent':
            u = ev['params']['request']['url']
            if u.startswith(('http:', 'https:')) and not u.startswith(url):
                probs.append(f"{name}: asks the network for {u[:120]} (the site should be self-contained)")
    return probs


async def settle(cdp, i, before, timeout=2.0):
    "The figure's state once it has changed from `before` and stopped changing (transitions), or after `timeout` s."
    t0, last = time.time(), None
    while time.time() - t0 < timeout:
        await asyncio.sleep(0.1)
        st = await cdp.js(STATE_JS, i)
        if st != before and st == last: return st
        last = st
    return last


async def check_page(cdp, url, name, shots, stats):
    probs = []
    cdp.events.clear()
    await cdp('Page.navigate', url=url + name)
    t0 = time.time()
    while not await cdp.js(READY_JS):
        if time.time() - t0 > 30:
            return [f"{name}: not ready after 30 s (figures not drawn or KaTeX not run)"] + page_events(cdp, name, url, stats)
        await asyncio.sleep(0.2)
    await asyncio.sleep(0.3)
    tex = await cdp.js(RAW_TEX_JS)
    probs += [f"{name}: raw TeX in the page: {t!r}" for t in tex['raw']]
    if tex['errors']: probs.append(f"{name}: {tex['errors']} KaTeX errors")
    if shots:
        await cdp.js('window.scrollTo(0, 0)')
        (shots/f"{name[:-5]}-top.png").write_bytes(base64.b64decode((await cdp('Page.captureScreenshot'))['data']))
    shrunk = await cdp.js("""[...document.querySelectorAll('main img')].filter(i => i.naturalWidth && i.clientWidth
        && i.clientWidth / i.naturalWidth < 0.3).map(i => `${(i.getAttribute('src') || '').slice(0, 40)} ${i.naturalWidth}px shown at ${i.clientWidth}px`)""")
    stats['shrunk'] += [f"{name}: {s}" for s in shrunk]
    probs += [f"{name}: a code or output block scrolls sideways at 1280 px: {s!r}" for s in await cdp.js(SCROLL_JS)]
    figs = await cdp.js(FIGS_JS)
    stats['pages'] += 1; stats['figures'] += len(figs); stats['math'] += tex['katex']
    sliders = [f for f in figs if f['sliders']]
    for f in sliders:
        where, spec = f"{name} figure {f['i']+1}", f['spec']
        chk = check_state
        if spec is None:   # still check that it moves and redraws
            if not f['native']:
                probs.append(f"{where}: a slider figure from older outputs, without the values to check: re-execute its notebook")
            else: stats['native'] += 1   # plotly's own slider steps (restyle/update): no Python values to compare
            chk = lambda st, spec, where: []   # noqa: E731
        before = await cdp.js(STATE_JS, f['i'])
        probs += chk(before, spec, where + ' as drawn')
        for s in range(f['sliders']):
            rail = await cdp.js(RAIL_JS, f['i'], s)
            n = len(rail['ticks'])
            if n < 2: probs.append(f"{where}: slider {s+1} has {n} steps"); continue
            t1 = round(0.2*(n-1)) if round(0.2*(n-1)) != rail['active'] else (rail['active'] + 1) % n   # two positions,
            t2 = round(0.8*(n-1)) if round(0.8*(n-1)) != t1 else (t1 + 1) % n                          # each a move
            for frac, t in ((t1/(n-1), t1), (t2/(n-1), t2)):
                rail = await cdp.js(RAIL_JS, f['i'], s)
                await cdp.click(rail['ticks'][t], rail['y'])
                st = await settle(cdp, f['i'], before)
                stats['clicks'] += 1
                if st['labels'] == before['labels']: probs.append(f"{where}: slider {s+1} did not move when clicked at {frac:.0%}")
                if st['all'] == before['all'] and st['title'] == before['title'] and st['labels'] != before['labels']: probs.append(f"{where}: slider {s+1} moved, curve did not redraw")
                probs += chk(st, spec, f"{where}, slider {s+1} at {frac:.0%}")
                before = st
        if shots:
            await cdp.js(RAIL_JS, f['i'], 0)
            box = await cdp.js(f"(() => {{ const r = document.querySelectorAll('.plotly-graph-div')[{f['i']}].getBoundingClientRect(); "
                               "return {x: r.left, y: r.top + window.scrollY, width: r.width, height: r.height}; })()")
            shot = await cdp('Page.captureScreenshot', clip=dict(box, scale=1), captureBeyondViewport=True)
            (shots/f"{name[:-5]}-fig{f['i']+1}.png").write_bytes(base64.b64decode(shot['data']))
    if shots:   # the other figures as drawn
        for f in figs:
            if f['sliders']: continue
            box = await cdp.js(f"(() => {{ const g = document.querySelectorAll('.plotly-graph-div')[{f['i']}]; g.scrollIntoView({{block: 'center', behavior: 'instant'}}); "
                               "const r = g.getBoundingClientRect(); return {x: r.left, y: r.top + window.scrollY, width: r.width, height: r.height}; })()")
            shot = await cdp('Page.captureScreenshot', clip=dict(box, scale=1), captureBeyondViewport=True)
            (shots/f"{name[:-5]}-fig{f['i']+1}.png").write_bytes(base64.b64decode(shot['data']))
    if len(sliders) > 1:   # back to the first figure, after using the others
        f = sliders[0]; before = await cdp.js(STATE_JS, f['i'])
        rail = await cdp.js(RAIL_JS, f['i'], 0)
        t = (rail['active'] + len(rail['ticks'])//2) % len(rail['ticks'])
        await cdp.click(rail['ticks'][t], rail['y'])
        st = await settle(cdp, f['i'], before); stats['clicks'] += 1
        if st['all'] == before['all']: probs.append(f"{name} figure {f['i']+1}: no longer redraws after the other figures were used")
        if f['spec']: probs += check_state(st, f['spec'], f"{name} figure {f['i']+1}, again after the others")
    stats['slider_figures'] += len(sliders)
    probs += page_events(cdp, name, url, stats)
    print(f"{name}: {len(figs)} figures ({len(sliders)} with sliders), {tex['katex']} maths rendered"
          + (f" — {len(probs)} problem(s)" if probs else " — ok"), flush=True)
    return probs


SCROLL_JS = """[...document.querySelectorAll('main pre')].filter(p => p.scrollWidth > p.clientWidth + 1)
  .map(p => p.textContent.slice(0, 50))"""   # styles.css wraps long lines (tables may still scroll inside their output)
PHONE_JS = """(() => [...document.querySelectorAll('.plotly-graph-div')].map((g, i) => {
  const f = g.getBoundingClientRect(), t = g.querySelector('.gtitle'), m = g.querySelector('.modebar');
  const tr = t && t.textContent ? t.getBoundingClientRect() : null, mr = m ? m.getBoundingClientRect() : null;
  return {i, width: f.width, title: tr ? t.textContent : '', loss: !!(g.fastlessonSlider && g.fastlessonSlider.loss),
          sliders: (g.layout.sliders || []).length, t: tr && {l: tr.left - f.left, r: tr.right - f.left, top: tr.top - f.top},
          m: mr && mr.width ? {l: mr.left - f.left, r: mr.right - f.left, bottom: mr.bottom - f.top} : null};
}))()"""


def phone_problems(fig, where):
    "A figure on a phone: its title inside the figure, clear of plotly's toolbar, and a slider figure's loss in it."
    probs, t, m = [], fig['t'], fig['m']
    if t is None: return [f"{where}: a slider figure with a loss shows no title"] if fig['loss'] else []
    if t['l'] < -1 or t['r'] > fig['width'] + 1:
        probs.append(f"{where}: title {fig['title'][:60]!r} runs out of the figure ({t['l']:.0f}..{t['r']:.0f} px of {fig['width']:.0f})")
    if m and t['top'] < m['bottom'] - 1 and t['r'] > m['l'] and t['l'] < m['r']:
        probs.append(f"{where}: plotly's toolbar covers the title {fig['title'][:60]!r}")
    if fig['loss'] and not re.search(r'(MSE|MAE): -?[\d.]+$', fig['title']):
        probs.append(f"{where}: the title {fig['title']!r} lost its loss")
    return probs


async def check_phone(cdp, url, name, shots, width):
    "Every figure of a page at a phone's `width`, as drawn and, for slider figures, after a slider moves."
    await cdp('Page.navigate', url=url + name)
    t0 = time.time()
    while not await cdp.js(READY_JS):
        if time.time() - t0 > 30: return [f"{name} at {width} px: not ready after 30 s"]
        await asyncio.sleep(0.2)
    await asyncio.sleep(0.5)   # the titles are fitted once drawn
    probs = [f"{name}: a code or output block scrolls sideways at {width} px: {s!r}" for s in await cdp.js(SCROLL_JS)]
    for fig in await cdp.js(PHONE_JS):
        where = f"{name} figure {fig['i']+1} at {width} px"
        probs += phone_problems(fig, where)
        if fig['sliders']:
            before = await cdp.js(STATE_JS, fig['i'])
            rail = await cdp.js(RAIL_JS, fig['i'], 0)
            await cdp.click(rail['ticks'][(rail['active'] + len(rail['ticks'])//3) % len(rail['ticks'])], rail['y'])
            await settle(cdp, fig['i'], before)
            await asyncio.sleep(0.3)
            probs += phone_problems((await cdp.js(PHONE_JS))[fig['i']], where + ' after a slider moved')
        if shots:
            box = await cdp.js(f"(() => {{ const r = document.querySelectorAll('.plotly-graph-div')[{fig['i']}].getBoundingClientRect(); "
                               "return {x: r.left, y: r.top + window.scrollY, width: r.width, height: r.height}; })()")
            shot = await cdp('Page.captureScreenshot', clip=dict(box, scale=1), captureBeyondViewport=True)
            (shots/f"{name[:-5]}-fig{fig['i']+1}-{width}.png").write_bytes(base64.b64decode(shot['data']))
    return probs


async def run_phone(site, pages, shots, chromium, width=390):
    "Every page at a phone's width: no code scrolls sideways; figure titles fit, keep the loss, and the toolbar covers none."
    url = serve(site)
    probs, n = [], 0
    async with launch(chromium, window=(width, 844), flags=['--hide-scrollbars']) as cdp:
        for m in ('Page.enable', 'Runtime.enable'): await cdp(m)
        await cdp('Emulation.setDeviceMetricsOverride', width=width, height=844, deviceScaleFactor=1, mobile=True)
        for name in pages:
            n += 1; p = await check_phone(cdp, url, name, shots, width); probs += p
            print(f"{name} at {width} px: " + (f"{len(p)} problem(s)" if p else "no code scrolls sideways; every figure title fits, clear of the toolbar"), flush=True)
    return probs, n


async def run(site, pages, shots, chromium):
    url = serve(site)
    try:
        async with launch(chromium, window=(1280, 900), flags=['--hide-scrollbars']) as cdp:
            for m in ('Page.enable', 'Runtime.enable', 'Log.enable', 'Network.enable'): await cdp(m)
            stats = dict(pages=0, figures=0, slider_figures=0, native=0, clicks=0, math=0, shrunk=[])
            probs = []
            for name in pages: probs += await check_page(cdp, url, name, shots, stats)
    except ChromiumError as e: sys.exit(f"browser_test: {e}")
    return probs, stats


def self_test(chromium):
    """The test must catch the bug it is for: two slider figures that each load plotly.js (older outputs) fail, the same
    figures from `plotly_html` pass, and so do the old ones after `page_plotlyjs` (tools/site_fix.py)."""
    from fastlesson.figures import slider_figure
    pts = (torch.tensor([-1., 0., 1.]), torch.tensor([2., 1., 6.]))
    figs = [slider_figure('a*x**2 + b*x + c', dict(a=(-1, 5, 0.1, 3), b=(-2, 4, 0.1, 2), c=(-2, 4, 0.1, 1)), data=pts, loss='mse', title='Q'),
            slider_figure('relu(m*x+b)', dict(m=(-3, 3, 0.1, 1), b=(-3, 3, 0.1, 0)), title='R')]
    page = '<html><head><meta charset="utf-8"></head><body>{}</body></html>'
    old = page.format(''.join(f.fig.to_html(full_html=False, include_plotlyjs='directory', post_script=f.post_script) for f in figs))
    with tempfile.TemporaryDirectory() as d:
        d = Path(d); copy_plotlyjs(d)
        (d/'old.html').write_text(old)
        (d/'new.html').write_text(page.format(''.join(f._repr_html_() for f in figs)))
        (d/'fixed.html').write_text(page_plotlyjs(old))
        probs, _ = asyncio.run(run(d, ['old.html', 'new.html', 'fixed.html'], None, chromium))
    bad = {p.split(':')[0].split(' ')[0] for p in probs}
    ok = 'old.html' in bad and any('no longer redraws' in p for p in probs) and not bad & {'new.html', 'fixed.html'}
    print(f"self-test: two copies of plotly.js {'caught' if 'old.html' in bad else 'NOT caught'}; "
          f"one copy per page {'passes' if not bad & {'new.html', 'fixed.html'} else 'FAILS: ' + '; '.join(probs)}")
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('site', nargs='?', default='_proc/_docs', type=Path)
    ap.add_argument('--shots', type=Path, help='folder for screenshots')
    ap.add_argument('--chromium', default=find_chromium())
    ap.add_argument('--page', action='append', help='only these pages (e.g. 20_quadratic.html)')
    ap.add_argument('--self-test', action='store_true', help='first check that the test catches two copies of plotly.js')
    a = ap.parse_args()
    if not a.chromium: sys.exit("browser_test: no chromium: apt-get install chromium")
    if a.self_test and not self_test(a.chromium): sys.exit("browser_test: the self-test failed")
    pages = a.page or sorted(p.name for p in a.site.glob('*.html'))
    if not pages: sys.exit(f"browser_test: no pages in {a.site}: run tools/docs.sh first")
    if a.shots: a.shots.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    probs, st = asyncio.run(run(a.site, pages, a.shots, a.chromium))
    try: phone, n_phone = asyncio.run(run_phone(a.site, pages, a.shots, a.chromium))
    except ChromiumError as e: sys.exit(f"browser_test: {e}")
    probs += phone
    for p in probs: print('PROBLEM', p)
    for m in st['shrunk']: print(f"note: picture shown at under 30% of its size (its labels may be hard to read): {m}")
    print(f"browser_test: {st['pages']} pages, {st['figures']} plotly figures, {st['slider_figures']} slider figures ({st['native']} with plotly's own steps, checked to move and redraw), "
          f"{st['clicks']} slider clicks checked against Python, {st['math']} maths rendered, {n_phone} pages read at a phone's width; "
          f"{len(probs)} problem(s) in {time.time()-t0:.0f} s")
    sys.exit(1 if probs else 0)


if __name__ == '__main__': main()
