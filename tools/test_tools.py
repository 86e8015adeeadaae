#!/usr/bin/env python
"""Tests of the tools/ scripts, and of the slider figures' JavaScript in Node: `python tools/test_tools.py` (.ci/run).

`run_slider_js(sf, moves)` runs a slider figure's JavaScript (`fastlesson.figures.slider_figure`) in Node with a
stand-in for the page and for Plotly, moves the sliders, and returns the last `Plotly.update` call: the quick check,
without a browser, that the browser computes what Python computes (tools/browser_test.py then clicks every slider of
the built site in Chromium). Needs `node` (apt-get install nodejs). Prints one line per test; exits 1 on a failure."""
import json, re, shutil, subprocess, sys, tempfile, traceback
from pathlib import Path
import torch
from fastcore.test import test_eq, test_close
from fastlesson.figures import slider_figure, PlotlyFigure
from fastlesson.losses import mse, mae
from notebooks import notebooks, read_nb, write_nb, src, directives, shown, page_code, page_name, local_page
from site_fix import page_plotlyjs, line_spans, drop_widgets, output_files, title_rest, keep_title_rest
from check_site import lesson_top, nav_links, sidebar

ROOT = Path(__file__).resolve().parents[1]

def run_slider_js(sf:PlotlyFigure, # a figure from `slider_figure`
                  moves:dict, # slider name -> value to move it to
                 ) -> dict:
    "Run `sf`'s JavaScript in Node, move the sliders, and return the last `Plotly.update` call's data and layout."
    node = shutil.which('node')
    if node is None: raise RuntimeError("`node` is needed to run the figure's JavaScript: apt-get install nodejs")
    layout = json.dumps({'sliders': [{'name': s.name, 'active': s.active, 'steps': [{'value': st.value} for st in s.steps]}
                                     for s in sf.fig.layout.sliders]})
    stub = f"""var handlers = {{}}, last = null;
var gd = {{layout: {layout}, on: function(e, f) {{ handlers[e] = f; }}}};
var document = {{getElementById: function() {{ return gd; }}}};
var Plotly = {{update: function(g, d, l, idx) {{ last = {{data: d, layout: l}}; }}}};
{sf.post_script.replace('{plot_id}', 'plot')}
var moves = {json.dumps({k: str(v) for k, v in moves.items()})};
Object.keys(moves).forEach(function(k) {{ handlers['plotly_sliderchange']({{slider: {{name: k}}, step: {{value: moves[k]}}}}); }});
console.log(JSON.stringify(last));"""
    with tempfile.TemporaryDirectory() as d:
        f = Path(d)/'slider.js'; f.write_text(stub)
        out = subprocess.run([node, str(f)], capture_output=True, text=True)
    if out.returncode: raise RuntimeError(f"the figure's JavaScript failed in Node:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout)

# ---------------------------------------------------------------- the tests

def test_slider_js_quadratic():
    "The quadratic of the figures page: curve and MSE in the title after moving all three sliders."
    pts = (torch.tensor([-1., 0., 1.]), torch.tensor([2., 1., 6.]))
    sf = slider_figure('a*x**2 + b*x + c', dict(a=(-1, 5, 0.1, 3), b=(-2, 4, 0.1, 2), c=(-2, 4, 0.1, 1)),
                       data=pts, loss=mse, ylim=(-3, 13), title='A quadratic')
    res = run_slider_js(sf, dict(a=1, b=0.5, c=-1))
    xs = torch.linspace(-2.1, 2.1, 100, dtype=torch.float64)
    test_close(torch.tensor(res['data']['y'][0], dtype=torch.float64), xs**2 + 0.5*xs - 1, eps=1e-9)
    test_eq(res['layout']['title.text'], f"A quadratic — MSE: {((pts[0]**2 + 0.5*pts[0] - 1 - pts[1])**2).mean():.2f}")

def test_slider_js_relu():
    "The ReLU pages' figures (relu, a sum of two with MAE): what the browser draws is Python's."
    xs = torch.linspace(-2.1, 2.1, 100, dtype=torch.float64)
    sf = slider_figure('relu(m*x+b)', dict(m=(-3., 3., 0.1, 1.5), b=(-3., 3., 0.1, 1.5)), title='relu(m·x + b)')
    res = run_slider_js(sf, dict(m=-2, b=1))
    test_close(torch.tensor(res['data']['y'][0], dtype=torch.float64), (-2*xs + 1).clip(min=0), eps=1e-9)
    test_eq(res['layout']['title.text'], 'relu(m·x + b)')
    x, y = torch.linspace(-2, 2, 9), torch.linspace(-2, 2, 9)**2
    sf = slider_figure('relu(m1*x+b1) + relu(m2*x+b2)', {k: (-3., 3., 0.1, 0.) for k in ('m1', 'b1', 'm2', 'b2')},
                       data=(x, y), loss=mae, title='two ReLUs')
    res = run_slider_js(sf, dict(m1=1, b1=0.5, m2=-0.5, b2=-0.2))
    pred = (x.double() + 0.5).clip(min=0) + (-0.5*x.double() - 0.2).clip(min=0)
    test_eq(res['layout']['title.text'], f"two ReLUs — MAE: {(pred - y.double()).abs().mean():.2f}")

def test_notebooks():
    "One page-name rule (nbdev's), one reader; writing back what was read changes nothing."
    test_eq([page_name(n) for n in ('21_gd.ipynb', 'nbs/96a_model_names.ipynb', 'index.ipynb', '99_questions.ipynb')],
            ['gd.html', 'model_names.html', 'index.html', 'questions.html'])
    test_eq(local_page('nbs/21_gd.ipynb'), '21_gd.html')
    nbs = notebooks(ROOT/'nbs')
    assert len(nbs) > 10 and not any(p.name.startswith(('_', '.')) for p in nbs)
    with tempfile.TemporaryDirectory() as d:
        for name in ('index.ipynb', '95_figures.ipynb'):
            out = Path(d)/name
            write_nb(out, read_nb(ROOT/'nbs'/name))
            test_eq(out.read_text(encoding='utf-8'), (ROOT/'nbs'/name).read_text(encoding='utf-8'))
    nb = {'cells': [dict(cell_type='markdown', source='# T'), dict(cell_type='code', source='#| hide\nimport os', outputs=[]),
                    dict(cell_type='code', source='import json', outputs=[]), dict(cell_type='code', source=['#| export\n', 'x = 1'], outputs=[]),
                    dict(cell_type='code', source='import re', outputs=[])]}
    test_eq(directives(nb['cells'][3]), {'export'}); test_eq(src(nb['cells'][3]), '#| export\nx = 1')
    test_eq([shown(c) for c in nb['cells']], [True, False, True, True, True])
    test_eq([code for _, code in page_code(nb)], [None, 'import json\nx = 1', 'import re'])

def test_site_fix():
    "plotly.js once per page; line spans that keep the text; widget outputs dropped; output-file mapped to the local page."
    old = '<html><head></head><body><script charset="utf-8" src="plotly.min.js"></script><script>Plotly.newPlot()</script>' * 2
    new = page_plotlyjs(old)
    test_eq(new.count('src="plotly.min.js"'), 1)
    assert new.index('src="plotly.min.js"') < new.index('</head>') < new.index('Plotly.newPlot')
    test_eq(page_plotlyjs(new), new)
    test_eq(page_plotlyjs('<html><head></head><body>no figures</body></html>'), '<html><head></head><body>no figures</body></html>')
    text = lambda h: re.sub(r'<[^>]+>', '', h)
    code = ('<pre class="sourceCode"><code class="sourceCode python"><span class="kw">def</span> f(x):\n    <span class="st">"""a\n'
            'b"""</span>\n    <a href="x">ret</a>\n</code></pre><pre><code>out &amp; 1\n  two</code></pre>')
    spans = line_spans(code)
    test_eq(text(spans).replace('\n', ''), text(code).replace('\n', ''))   # the same characters, in the same order
    test_eq(spans.count('<span class="line"'), 6)
    assert '<span class="line" style="--indent: 4ch">    <span class="st">"""a</span></span>\n<span class="line"><span class="st">b"""</span></span>' in spans
    assert '<span class="line" style="--indent: 4ch">    <a href="x">ret</a></span></code>' in spans   # no empty last line
    test_eq(line_spans(spans), spans)
    quarto = ('<pre class="sourceCode python"><code class="sourceCode python"><span id="cb1-1"><a href="#cb1-1"></a>x = 1</span>\n'
              '<span id="cb1-2"><a href="#cb1-2"></a>    y</span></code></pre>')
    test_eq(line_spans(quarto), quarto.replace('<span id="cb1-2">', '<span id="cb1-2" style="--indent: 4ch">'))
    nb = {'cells': [dict(cell_type='code', source='', outputs=[
        dict(output_type='display_data', data={'application/vnd.jupyter.widget-view+json': {}, 'text/plain': ['interactive(children=…']}),
        dict(output_type='execute_result', data={'text/plain': ['interactive(children=(FloatSlider(']}),
        dict(output_type='stream', name='stdout', text=['kept'])])]}
    test_eq(drop_widgets(nb), 2); test_eq(len(nb['cells'][0]['outputs']), 1)
    with tempfile.TemporaryDirectory() as d:
        write_nb(Path(d)/'21_gd.ipynb', {'cells': [dict(cell_type='raw', source='---\noutput-file: gd.html\n---')], 'metadata': {}})
        write_nb(Path(d)/'index.ipynb', {'cells': [dict(cell_type='markdown', source='# Home')], 'metadata': {}})
        test_eq(output_files(d), {'gd.html': '21_gd.html', 'index.html': 'index.html'})

def test_header_paragraph():
    "A header paragraph written in the title cell, which nbdev-proc-nbs drops, comes back after the front matter, once."
    head = '▶ **Watch:** [Lesson 3 at 42:55](https://www.youtube.com/watch?v=hBBOjCiFcuo&t=2575s) · **Read:** [fastbook](x)'
    src_nb = {'cells': [dict(cell_type='markdown', source=f'# ReLUs\n\n> Why a quadratic is not enough.\n\n{head}\n'),
                        dict(cell_type='code', source='#| default_exp relu', outputs=[])]}
    test_eq(title_rest(src_nb), head)
    test_eq(title_rest({'cells': [dict(cell_type='markdown', source='# T\n\n> d')]}), '')
    test_eq(title_rest({'cells': [dict(cell_type='markdown', source='# T\n> d\n> more d\n\nA\n\nB')]}), 'A\n\nB')
    proc = {'cells': [dict(cell_type='raw', source='---\ntitle: ReLUs\n---\n\n'), dict(cell_type='markdown', source='<!-- WARNING -->'),
                      dict(cell_type='code', source='', outputs=[])]}
    assert keep_title_rest(proc, head)
    test_eq([c['cell_type'] for c in proc['cells']], ['raw', 'markdown', 'markdown', 'code']); test_eq(proc['cells'][1]['source'], head)
    assert not keep_title_rest(proc, head) and not keep_title_rest(proc, '')   # once; nothing to keep

def test_check_site():
    "Lesson pages: a video link before the first section; run links to the page's own notebook; Previous/Next read."
    vid = '<a href="https://www.youtube.com/watch?v=hBBOjCiFcuo&amp;t=2575s">Lesson 3 at 42:55</a>'
    run = '<a href="https://colab.research.google.com/github/fastlesson/fastlesson/blob/main/nbs/30_relu.ipynb">Colab</a>'
    test_eq(lesson_top(f'<main><p>{vid} · {run}</p><h2>One</h2></main>', '30_relu.ipynb'), [])
    assert 'no link to the lesson' in lesson_top(f'<main><p>intro</p><h2>One</h2><p>{vid}</p></main>', '30_relu.ipynb')[0]
    assert 'opens 30_relu.ipynb, not its own notebook 31_matmul.ipynb' in lesson_top(f'<main><p>{vid} {run}</p></main>', '31_matmul.ipynb')[0]
    nav = ('<nav class="page-navigation"><div class="nav-page nav-page-previous"><a href="41_spreadsheet.html" class="pagination-link">'
           '</a></div><div class="nav-page nav-page-next"><a href="99_questions.html" class="pagination-link"></a></div></nav>')
    test_eq(nav_links(nav), ('41_spreadsheet.html', '99_questions.html'))
    test_eq(nav_links('<main></main>'), (None, None))
    side = sidebar(ROOT/'nbs'/'sidebar.yml')
    names = [n for n, _ in side]
    assert names[0] == 'index.ipynb' and names.index('99_questions.ipynb') == names.index('50_nlp.ipynb') + 1, names
    ref = [n for n, sec in side if sec == 'Reference']
    assert '90_data.ipynb' in ref and '99_questions.ipynb' not in ref

if __name__ == '__main__':
    tests = [(k, v) for k, v in list(globals().items()) if k.startswith('test_') and callable(v) and k not in ('test_eq', 'test_close')]
    bad = 0
    for name, f in tests:
        try: f(); print(f"ok   {name}: {f.__doc__}")
        except Exception: bad += 1; print(f"FAIL {name}: {f.__doc__}\n{traceback.format_exc()}")
    print(f"test_tools: {len(tests) - bad} passed, {bad} failed")
    sys.exit(1 if bad else 0)
