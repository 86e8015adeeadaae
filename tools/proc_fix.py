#!/usr/bin/env python
"""Prepare processed notebooks (`_proc/*.ipynb`, from nbdev-proc-nbs) for a static site.

An ipywidgets output (`interact(...)`) saved without its widget state cannot render on a static page: renderers fall
back to its text form, `interactive(children=(FloatSlider(…` — noise for a learner. Those outputs are dropped here;
each page's plotly slider figure (`fastlesson.figures.slider_figure`) is the static-site form of the same sliders.

Usage: python tools/proc_fix.py _proc
"""
import json, sys
from pathlib import Path

WIDGET = 'application/vnd.jupyter.widget-view+json'


def drop_widgets(nb: dict) -> int:
    "Remove widget outputs (and bare `interactive(children=…` text reprs) from `nb`; return how many."
    n = 0
    for c in nb['cells']:
        outs = c.get('outputs', [])
        keep = [o for o in outs if not (WIDGET in o.get('data', {})
                                        or ''.join(o.get('data', {}).get('text/plain', '')).startswith('interactive(children='))]
        n += len(outs) - len(keep)
        if outs: c['outputs'] = keep
    return n


def main(proc='_proc'):
    total = 0
    for p in sorted(Path(proc).glob('*.ipynb')):
        nb = json.loads(p.read_text(encoding='utf-8'))
        n = drop_widgets(nb)
        if n: p.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding='utf-8'); print(f"proc_fix: {p.name}: {n} widget output(s) dropped")
        total += n
    print(f"proc_fix: {total} widget output(s) dropped")


if __name__ == '__main__': main(*sys.argv[1:])
