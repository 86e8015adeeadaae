"""Regenerate the questions table in nbs/99_questions.ipynb from nbs/questions.tsv."""
import json
from pathlib import Path
from fastlesson.questions import load_questions, questions_markdown, check_questions

START, END = '<!-- questions table: generated -->', '<!-- end of questions table -->'
nbs = Path(__file__).resolve().parent.parent/'nbs'
rows = load_questions(nbs/'questions.tsv')
for p in check_questions(rows, nbs): print('PROBLEM', p)
nbp = nbs/'99_questions.ipynb'
nb = json.loads(nbp.read_text(encoding='utf-8'))
cell = next(c for c in nb['cells'] if c['cell_type'] == 'markdown' and START in ''.join(c['source']))
txt = f"{START}\n{questions_markdown(rows, nbs)}{END}"
lines = txt.split('\n'); cell['source'] = [l + '\n' for l in lines[:-1]] + [lines[-1]]
nbp.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n', encoding='utf-8')
print(f'{len(rows)} questions written to {nbp.name}')
