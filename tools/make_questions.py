"""Regenerate the questions table in nbs/99_questions.ipynb from nbs/questions.tsv (run it after editing the TSV).
`--check` only says whether the notebook's table is up to date (exit 1 if not)."""
import sys
from pathlib import Path
from fastlesson.questions import load_questions, questions_markdown, check_questions
from notebooks import read_nb, write_nb

START, END = '<!-- questions table: generated -->', '<!-- end of questions table -->'
nbs = Path(__file__).resolve().parent.parent/'nbs'

if __name__ == '__main__':
    rows = load_questions(nbs/'questions.tsv')
    for p in check_questions(rows, nbs): print('PROBLEM', p)
    nbp = nbs/'99_questions.ipynb'
    nb = read_nb(nbp)
    cell = next(c for c in nb['cells'] if c['cell_type'] == 'markdown' and START in c['source'])
    want = f"{START}\n{questions_markdown(rows, nbs)}{END}"
    if '--check' in sys.argv:
        if cell['source'] != want: sys.exit(f"{nbp.name}: the questions table is out of date with questions.tsv: run `python tools/make_questions.py`.")
        print(f'{nbp.name}: the questions table matches questions.tsv'); sys.exit(0)
    cell['source'] = want
    write_nb(nbp, nb)
    print(f'{len(rows)} questions written to {nbp.name}')
