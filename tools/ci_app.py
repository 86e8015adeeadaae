"""CI check of the pets app as a user meets it (issue 12): train a small model with `fastlesson-pets`, start
`app/app.py` on 127.0.0.1, classify a sample photo through `gradio_client`, then open the page in headless Chromium
(driven over the DevTools protocol with `websockets`), upload a photo, read the label and take a screenshot.

Run: `python tools/ci_app.py [--screenshot PATH] [--no-browser]`. Needs fastlesson[all], gradio_client, websockets
and Debian's `chromium` (apt-get install -y chromium). Offline: HF_HUB_OFFLINE=1, weights from pip packages.
Prints each check and exits non-zero on the first failure."""
import argparse, asyncio, base64, os, shutil, socket, subprocess, sys, tempfile, time, urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from cdp import ChromiumError, PollTimeout, chromium as launch  # noqa: E402

def free_port():
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def wait_http(url, timeout, proc=None):
    t = time.time()
    while time.time() - t < timeout:
        if proc is not None and proc.poll() is not None: raise SystemExit(f"FAIL: {proc.args} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200: return r.read()
        except Exception: time.sleep(1)
    raise SystemExit(f"FAIL: {url} did not answer within {timeout} s")

def pets_cli(*args):
    exe = shutil.which('fastlesson-pets')
    cmd = [exe] if exe else [sys.executable, '-c', 'import sys; from fastlesson.cli import pets; sys.exit(pets())']
    r = subprocess.run(cmd + list(map(str, args)), capture_output=True, text=True)
    if r.returncode: raise SystemExit(f"FAIL: fastlesson-pets {' '.join(map(str, args))}: {r.stderr.strip()}")
    return r.stdout.strip()

async def browser_check(url, photo, shot, timeout=120):
    "Open `url` in headless Chromium, upload `photo`, press Submit; return the label shown and save a screenshot."
    try:
        async with launch(window=(1000, 800), timeout=timeout, max_size=2**26) as cdp:
            async def poll(expr, what): return await cdp.poll(expr, what, timeout)
            await cdp('Emulation.setDeviceMetricsOverride', width=1000, height=800, deviceScaleFactor=1, mobile=False)
            await cdp('Page.enable'); await cdp('DOM.enable')
            await cdp('Page.navigate', url=url)
            await poll("!!document.querySelector('input[type=file]')", 'the upload field')
            doc = await cdp('DOM.getDocument', depth=-1, pierce=True)
            node = await cdp('DOM.querySelector', nodeId=doc['root']['nodeId'], selector='input[type=file]')
            await cdp('DOM.setFileInputFiles', files=[str(photo)], nodeId=node['nodeId'])
            await poll("!!document.querySelector('img') && [...document.querySelectorAll('img')].some(i => i.complete && i.naturalWidth > 0)", 'the uploaded photo')
            await poll("(() => { const b = [...document.querySelectorAll('button')].find(b => b.innerText.trim() === 'Submit');"
                       " if (b && !b.disabled) { b.click(); return true; } return false; })()", 'the Submit button')
            label = await poll("(() => { const e = document.querySelector('[data-testid=\"label-output-value\"]');"
                               " return e && e.innerText.trim(); })()", 'the predicted label')
            await asyncio.sleep(1)  # let the confidence bars finish drawing
            png = base64.b64decode((await cdp('Page.captureScreenshot', format='png'))['data'])
            Path(shot).parent.mkdir(parents=True, exist_ok=True)
            Path(shot).write_bytes(png)
            return label
    except ChromiumError as e: raise SystemExit(f"FAIL: {e}")
    except PollTimeout as e: raise SystemExit(f"FAIL: browser: {e}")

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--screenshot', help='where to save the browser screenshot (PNG); default: a temporary file')
    ap.add_argument('--no-browser', action='store_true', help='skip the Chromium check')
    ap.add_argument('--model', help='use this fastlesson-pets export instead of training one')
    a = ap.parse_args()
    os.environ.setdefault('HF_HUB_OFFLINE', '1')
    from fastlesson.data import get_folder
    photos = get_folder('pets/images')
    work = Path(tempfile.mkdtemp(prefix='ci_app_'))
    model = Path(a.model) if a.model else work/'model'
    if not a.model:
        t = time.time()
        out = pets_cli('train', photos, '--task', 'cat-dog', '--size', 128, '--epochs', 1, '--out', model)
        print(f"ok: fastlesson-pets train ({time.time() - t:.0f} s): {out}")
    photo = photos/'Abyssinian_1.jpg' if (photos/'Abyssinian_1.jpg').exists() else sorted(photos.glob('[A-Z]*.jpg'))[0]
    cli_label = pets_cli('predict', model, photo).rsplit(': ', 1)[1].split()[0]
    print(f"ok: fastlesson-pets predict {photo.name}: {cli_label}")

    port = free_port()
    env = dict(os.environ, FASTLESSON_PETS_MODEL=str(model), HOST='127.0.0.1', PORT=str(port),
               GRADIO_ANALYTICS_ENABLED='False')
    app = subprocess.Popen([sys.executable, str(ROOT/'app'/'app.py')], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
    url = f'http://127.0.0.1:{port}/'
    try:
        t = time.time()
        wait_http(url, 180, app)
        print(f"ok: app/app.py serves {url} ({time.time() - t:.0f} s to start)")
        from gradio_client import Client, handle_file
        client = Client(url, verbose=False)
        endpoints = list(client.view_api(print_info=False, return_format='dict')['named_endpoints'])
        if len(endpoints) != 1: raise SystemExit(f"FAIL: expected one API endpoint, found {endpoints}")
        res = client.predict(handle_file(str(photo)), api_name=endpoints[0])
        conf = {c['label']: c['confidence'] for c in res['confidences']}
        if res['label'] != cli_label or abs(sum(conf.values()) - 1) > 1e-3 or set(conf) != {'cat', 'dog'}:
            raise SystemExit(f"FAIL: gradio_client got {res}, the package says {cli_label}")
        print(f"ok: gradio_client /predict {photo.name}: {res['label']} ({conf[res['label']]:.3f}), same as the package")
        if not a.no_browser:
            shot = a.screenshot or str(work/'app.png')
            label = asyncio.run(browser_check(url, photo, shot))
            if label != cli_label: raise SystemExit(f"FAIL: the browser shows {label!r}, the package says {cli_label!r}")
            print(f"ok: chromium uploaded {photo.name}, the page shows {label!r}" +
                  (f"; screenshot {shot}" if a.screenshot else " (screenshot not kept: pass --screenshot PATH)"))
    finally:
        app.terminate()
        try: app.wait(10)
        except subprocess.TimeoutExpired: app.kill()
        shutil.rmtree(work, ignore_errors=True)
    print("ci_app: all checks passed")

if __name__ == '__main__': main()
