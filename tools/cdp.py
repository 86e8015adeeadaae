"""Headless Chromium driven over the DevTools protocol (with `websockets`), for the CI browser checks
(`tools/browser_test.py`, the docs site; `tools/ci_space.py`, the pets app in its Space folder).

`find_chromium()` finds the browser, `chromium(...)` is an async context manager that launches it with a fresh profile,
connects to a page and yields a `CDP` client, and cleans up afterwards. Needs Debian's `chromium`
(apt-get install -y chromium) and the `websockets` package."""
import asyncio, base64, contextlib, json, os, shutil, socket, subprocess, tempfile, time, urllib.request
from pathlib import Path

FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run', '--no-default-browser-check', '--disable-dev-shm-usage', '--mute-audio',
         '--remote-debugging-port=0', '--remote-allow-origins=*']   # the window size and any extra flags: `chromium(...)`


class ChromiumError(RuntimeError): "No chromium, or it did not start."
class JSError(RuntimeError): "JavaScript evaluated in the page threw."
class PollTimeout(Exception): "What `CDP.poll` waited for did not come."


def find_chromium():
    "The chromium binary: $CHROMIUM, else `chromium` or `chromium-browser` on the PATH; None if there is none."
    return os.environ.get('CHROMIUM') or shutil.which('chromium') or shutil.which('chromium-browser')


class CDP:
    """A minimal DevTools-protocol client over one websocket: commands, and the events that arrive meanwhile (in `events`).
    `timeout`: seconds to wait for each message (None: no limit)."""
    def __init__(self, ws, timeout=None): self.ws, self.timeout, self.n, self.events = ws, timeout, 0, []

    async def __call__(self, method, **params):
        self.n += 1; i = self.n
        await self.ws.send(json.dumps(dict(id=i, method=method, params=params)))
        while True:
            msg = json.loads(await asyncio.wait_for(self.ws.recv(), self.timeout))
            if msg.get('id') == i:
                if 'error' in msg: raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get('result', {})
            self.events.append(msg)

    async def js(self, expr, *args):
        "The value of `expr` in the page (called with `args`, as JSON, when given); raises `JSError` if it throws."
        if args: expr = f"({expr})({', '.join(json.dumps(a) for a in args)})"
        r = await self('Runtime.evaluate', expression=expr, returnByValue=True, awaitPromise=True)
        if 'exceptionDetails' in r: raise JSError(f"JavaScript failed: {r['exceptionDetails'].get('exception', {}).get('description', r['exceptionDetails'])}")
        return r['result'].get('value')

    async def click(self, x, y):
        "A left click with real mouse events at (`x`, `y`) in the viewport."
        for t in ('mouseMoved', 'mousePressed', 'mouseReleased'):
            await self('Input.dispatchMouseEvent', type=t, x=x, y=y, button='left', clickCount=1)

    async def poll(self, expr, what, timeout, interval=0.5):
        "Evaluate `expr` every `interval` s until it is truthy (a throw counts as not yet) and return it; `PollTimeout` after `timeout` s."
        t = time.time()
        while time.time() - t < timeout:
            try: v = await self.js(expr)
            except JSError: v = None
            if v: return v
            await asyncio.sleep(interval)
        raise PollTimeout(f"{what} did not appear within {timeout} s")


@contextlib.asynccontextmanager
async def chromium(binary=None, window=(1280, 900), flags=(), timeout=None, max_size=None, start_timeout=30):
    """Launch headless `binary` (default `find_chromium()`) with a fresh --user-data-dir, open a page and yield a `CDP`
    on it (`timeout` for each message, `max_size` for the websocket); terminate the browser and remove the profile on exit.
    Raises `ChromiumError` when there is no chromium or it does not start within `start_timeout` s."""
    import websockets
    binary = binary or find_chromium()
    if not binary: raise ChromiumError("no chromium (apt-get install -y chromium)")
    prof = tempfile.mkdtemp(prefix='fastlesson-chromium-')
    proc = subprocess.Popen([binary, *FLAGS, f'--window-size={window[0]},{window[1]}', *flags, f'--user-data-dir={prof}',
                             'about:blank'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file, t0 = Path(prof)/'DevToolsActivePort', time.time()
        while not port_file.exists() or len(port_file.read_text().split()) < 2:
            if proc.poll() is not None or time.time() - t0 > start_timeout: raise ChromiumError(f"{binary} did not start")
            await asyncio.sleep(0.1)
        port, path = port_file.read_text().split()[:2]
        async with websockets.connect(f'ws://127.0.0.1:{port}{path}', max_size=max_size) as bws:
            target = (await CDP(bws, timeout)('Target.createTarget', url='about:blank'))['targetId']
        async with websockets.connect(f'ws://127.0.0.1:{port}/devtools/page/{target}', max_size=max_size) as ws:
            yield CDP(ws, timeout)
    finally:
        proc.terminate()
        try: proc.wait(10)
        except subprocess.TimeoutExpired: proc.kill(); proc.wait()
        for _ in range(10):   # its helper processes may still write to the profile for a moment
            shutil.rmtree(prof, ignore_errors=True)
            if not os.path.exists(prof): break
            await asyncio.sleep(0.2)


# The app checks: a free port, waiting for a server, and a Gradio page used as a person would.
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

async def browser_check(url, photo, shot, timeout=120):
    "Open `url` in headless Chromium, upload `photo`, press Submit; return the label shown and save a screenshot."
    try:
        async with chromium(window=(1000, 800), timeout=timeout, max_size=2**26) as cdp:
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
