"""CI check of the pet detector's Space folder (issue 23), offline: create a fresh virtual environment from the Space
folder's `requirements.txt` only, then for a cat-or-dog model and a breed model: `fastlesson-pets train` (tiny: small
photos, one epoch), `fastlesson-pets export-space`, start the folder's `app.py` with that environment's Python (it
cannot import fastai, timm or fastlesson there), classify a photo through `gradio_client` and by uploading it in
headless Chromium, and compare the answer with the package's `classify_image` (probabilities within 1e-4: the same
arithmetic, in another PyTorch version).

Run: `python tools/ci_space.py [--install-only] [--screenshot PATH] [--no-browser] [--keep DIR]`, from the project's
environment (fastlesson[all], gradio_client, websockets, Debian's chromium). `--install-only` measures the install
(packages, size on disk, seconds) against the packages the lesson's stack (fastai, timm, gradio) takes in this
environment, and stops. Prints each check; exits non-zero on the first failure."""
import argparse, asyncio, json, os, shutil, subprocess, sys, tempfile, time, warnings
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from cdp import browser_check, free_port, wait_http  # noqa: E402  (Chromium and HTTP helpers)

TOL = 1e-4  # |probability difference| allowed between the Space's app (its own torch) and the package (the project's)
SPACE_FILES = ['.gitattributes', 'README.md', 'app.py', 'pets.safetensors', 'requirements.txt']

def fail(msg): raise SystemExit(f"FAIL: {msg}")

def folder_bytes(path) -> int:
    return sum(p.lstat().st_size for p in Path(path).rglob('*') if p.is_file() or p.is_symlink())

def make_venv(reqs:Path, venv:Path):
    "A fresh venv with `reqs` installed and nothing else: (packages, bytes on disk, bytes of torch, seconds)."
    t = time.time()
    subprocess.run([sys.executable, '-m', 'venv', venv], check=True)
    r = subprocess.run([venv/'bin'/'python', '-m', 'pip', 'install', '-q', '--disable-pip-version-check', '-r', reqs],
                       capture_output=True, text=True)
    if r.returncode: fail(f"pip install -r {reqs}: {r.stderr.strip()[-800:]}")
    secs = time.time() - t
    pkgs = json.loads(subprocess.run([venv/'bin'/'python', '-m', 'pip', 'list', '--format=json'], capture_output=True,
                                     text=True, check=True).stdout)
    site = next((venv/'lib').glob('python3*/site-packages'))
    return len([p for p in pkgs if p['name'] not in ('pip', 'setuptools')]), folder_bytes(venv), folder_bytes(site/'torch'), secs

def closure(names) -> list:
    "The installed distributions `names` need, with their dependencies (markers evaluated, no extras), in this environment."
    from packaging.requirements import Requirement
    seen, todo = {}, list(names)
    while todo:
        n = todo.pop().lower().replace('_', '-')
        if n in seen: continue
        try: d = metadata.distribution(n)
        except metadata.PackageNotFoundError: continue
        seen[n] = d
        for r in d.requires or []:
            req = Requirement(r)
            if req.marker is None or req.marker.evaluate({'extra': ''}): todo.append(req.name)
    return list(seen.values())

def dist_bytes(d) -> int:
    return sum(os.path.getsize(d.locate_file(f)) for f in d.files or [] if os.path.isfile(d.locate_file(f)))

def measure(venv:Path):
    n, size, torch_size, secs = make_venv(ROOT/'app'/'requirements.txt', venv)
    reqs = [l for l in (ROOT/'app'/'requirements.txt').read_text().splitlines() if l.strip() and not l.startswith('#')]
    print(f"ok: the Space's requirements.txt ({len(reqs)} lines) in a fresh venv: {n} packages, "
          f"{size/1e9:.2f} GB on disk (torch {torch_size/1e9:.2f} GB), installed in {secs:.0f} s")
    lesson = closure(['fastai', 'timm', 'gradio'])
    heavy = sum(dist_bytes(d) for d in lesson if d.metadata['Name'].lower().startswith(('torch', 'nvidia', 'triton', 'cuda')))
    print(f"ok: fastai + timm + gradio in this project's environment: {len(lesson)} packages, "
          f"{sum(map(dist_bytes, lesson))/1e9:.2f} GB on disk (torch, torchvision, triton and CUDA libraries {heavy/1e9:.2f} GB)")

def pets_cli(*args):
    r = subprocess.run([sys.executable, '-c', 'import sys; from fastlesson.cli import pets; sys.exit(pets())', *map(str, args)],
                       capture_output=True, text=True)
    if r.returncode: fail(f"fastlesson-pets {' '.join(map(str, args))}: {r.stderr.strip()}")
    return r.stdout.strip()

def check_space(task, photos, photo, work, venv, browser, shot):
    "Train, export, serve from the folder with the venv's Python, and compare the answers with the package's."
    from fastlesson.petsave import load_model
    from fastlesson.pets import classify_image
    from fastlesson.images import open_image
    model, space = work/f'{task}_model', work/f'{task}_space'
    t = time.time()
    out = pets_cli('train', photos, '--task', task, '--size', 64, '--epochs', 1, '--out', model)
    print(f"ok: fastlesson-pets train --task {task} ({time.time() - t:.0f} s): {out}")
    pets_cli('export-space', model, space)
    files = sorted(p.name for p in space.iterdir())
    if files != SPACE_FILES: fail(f"export-space wrote {files}, expected {SPACE_FILES}")
    if (space/'requirements.txt').read_text() != (ROOT/'app'/'requirements.txt').read_text():
        fail(f"{space.name}/requirements.txt is not app/requirements.txt, which the venv was made from")
    print(f"ok: fastlesson-pets export-space wrote {', '.join(files)}")
    want = classify_image(load_model(model), open_image(photo))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ('PYTHONPATH', 'FASTLESSON_PETS_MODEL', 'VIRTUAL_ENV')}
    env.update(HOST='127.0.0.1', PORT=str(port), GRADIO_ANALYTICS_ENABLED='False', HF_HUB_OFFLINE='1',
               PATH=f"{venv/'bin'}:{env.get('PATH', '')}")
    app = subprocess.Popen([venv/'bin'/'python', '-I', 'app.py'], cwd=space, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
    url = f'http://127.0.0.1:{port}/'
    try:
        t = time.time()
        try: wait_http(url, 180, app)
        except SystemExit:
            app.kill(); fail(f"the Space's app did not start: {app.stdout.read()[-1500:]}")
        print(f"ok: {space.name}/app.py serves {url} from the fresh venv ({time.time() - t:.0f} s to start)")
        from gradio_client import Client, handle_file
        client = Client(url, verbose=False)
        endpoints = list(client.view_api(print_info=False, return_format='dict')['named_endpoints'])
        if len(endpoints) != 1: fail(f"expected one API endpoint, found {endpoints}")
        res = client.predict(handle_file(str(photo)), api_name=endpoints[0])
        got = {c['label']: c['confidence'] for c in res['confidences']}
        best = max(want, key=want.get)
        top3 = sorted(want, key=want.get, reverse=True)[:3]
        diff = max(abs(got[k] - want[k]) for k in top3) if set(got) == set(top3) else float('inf')
        if res['label'] != best or diff > TOL: fail(f"gradio_client got {res}, the package says {best} {want[best]:.6f}")
        print(f"ok: gradio_client {endpoints[0]} {photo.name}: {res['label']} ({got[best]:.4f}); the package: "
              f"{best} ({want[best]:.4f}); largest difference {diff:.1e} (<= {TOL:g}) over the top {len(top3)}")
        if browser:
            label = asyncio.run(browser_check(url, photo, shot))
            if label != best: fail(f"the browser shows {label!r}, the package says {best!r}")
            print(f"ok: chromium uploaded {photo.name}, the page shows {label!r}")
    finally:
        app.terminate()
        try: app.wait(10)
        except subprocess.TimeoutExpired: app.kill()

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--install-only', action='store_true', help='measure the install and stop')
    ap.add_argument('--screenshot', help='save the browser screenshot of the cat-or-dog app here (PNG)')
    ap.add_argument('--no-browser', action='store_true', help='skip the Chromium checks')
    ap.add_argument('--keep', help='work in this folder and keep it (venv, models, Space folders) instead of a temporary one')
    a = ap.parse_args()
    t0 = time.time()
    os.environ.setdefault('HF_HUB_OFFLINE', '1')
    warnings.filterwarnings('ignore', message=r'.*torch\.jit\.script.*', category=FutureWarning)  # importing fastai/timm
    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix='ci_space_'))
    work.mkdir(parents=True, exist_ok=True)
    try:
        venv = work/'venv'
        measure(venv)
        if a.install_only: return
        r = subprocess.run([venv/'bin'/'python', '-I', '-c', 'import importlib.util as u; print([m for m in '
                            '("fastai", "timm", "torchvision", "fastlesson") if u.find_spec(m)])'], capture_output=True, text=True)
        if r.stdout.strip() != '[]': fail(f"the Space's venv can import {r.stdout.strip()} {r.stderr.strip()}")
        print("ok: the Space's venv has no fastai, timm, torchvision or fastlesson")
        from fastlesson.data import get_folder
        photos = get_folder('pets/images')
        photo = photos/'Abyssinian_1.jpg' if (photos/'Abyssinian_1.jpg').exists() else sorted(photos.glob('[A-Z]*.jpg'))[0]
        for task in ('cat-dog', 'breed'):
            shot = a.screenshot if a.screenshot and task == 'cat-dog' else str(work/f'{task}.png')
            check_space(task, photos, photo, work, venv, not a.no_browser, shot)
    finally:
        if not a.keep: shutil.rmtree(work, ignore_errors=True)
    print(f"ci_space: all checks passed ({time.time() - t0:.0f} s)")

if __name__ == '__main__': main()
