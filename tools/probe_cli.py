"""Bad-input probe of the console scripts (issue 21's method): each case runs a command with one bad argument or file
in a scratch folder and records the exit status, stderr and the files it left. A case is `clear` when the command
exits non-zero with one stderr line and no traceback, `unclear` when it shows a traceback or several lines, `exit 0`
when it succeeded: read those (and every message) by hand, since a success can be the right answer.
Usage: source tools/env.sh && python tools/probe_cli.py [--json OUT]   (about 2 minutes on 2 cores)"""
import subprocess, sys, os, shutil, tempfile, json, pathlib
D = pathlib.Path(os.environ['FASTLESSON_DATA']); V = pathlib.Path(sys.executable).parent  # the lesson data; the venv's scripts
W = pathlib.Path(tempfile.mkdtemp(prefix='probe'))
env = dict(os.environ, HF_HUB_OFFLINE='1', TRANSFORMERS_OFFLINE='1', FASTLESSON_DATA=str(D))
def mk(name, text): p = W/name; p.write_text(text); return str(p)
tr = (D/'titanic/train.csv').read_text().splitlines()
pets = sorted((D/'pets/images').glob('*.jpg'))
def folder(name, files, rename=None):
    p = W/name; p.mkdir(exist_ok=True)
    for f in files: shutil.copy(f, p/(rename(f.name) if rename else f.name))
    return str(p)
few = folder('few', [f for f in pets if f.name[0].isupper()][:4] + [f for f in pets if f.name[0].islower()][:4])
onecls = folder('onecls', [f for f in pets if f.name[0].islower()][:6])
lower = folder('lower', pets[:8], rename=lambda n: n.lower())
bad = W/'badimgs'; bad.mkdir(); (bad/'cat_1.jpg').write_bytes(b'not a jpeg'); shutil.copy(pets[0], bad/'Abyssinian_1.jpg'); shutil.copy(pets[-1], bad/'yorkshire_1.jpg')
corrupt = W/'corrupt'; corrupt.mkdir(); (corrupt/'pets.safetensors').write_bytes(b'\x08' + bytes(7) + b'{}')   # a header that lies
corrupt = str(corrupt)
ro = W/'ro'; ro.mkdir(); os.chmod(ro, 0o555)
cases = {} if os.getuid() == 0 else {   # root writes anywhere: read-only folders cannot be probed as root
 'titanic: submission read-only':     ['fastlesson-titanic', '--submission', str(ro/'sub.csv')],
 'pets: out read-only':               ['fastlesson-pets', 'train', few, '--bs', '4', '--out', str(ro/'m')],
}
cases |= {
 'titanic: unknown model':            ['fastlesson-titanic', '--model', 'cnn'],
 'titanic: epochs 0':                 ['fastlesson-titanic', '--epochs', '0'],
 'titanic: lr negative':              ['fastlesson-titanic', '--lr', '-1'],
 'titanic: lr nan':                   ['fastlesson-titanic', '--lr', 'nan'],
 'titanic: missing csv':              ['fastlesson-titanic', '--csv', str(W/'nope.csv')],
 'titanic: empty csv':                ['fastlesson-titanic', '--csv', mk('empty.csv', '')],
 'titanic: header only':              ['fastlesson-titanic', '--csv', mk('hdr.csv', tr[0]+'\n')],
 'titanic: unknown target':           ['fastlesson-titanic', '--csv', str(D/'titanic/train.csv'), '--target', 'Alive'],
 'titanic: one-class target':         ['fastlesson-titanic', '--csv', mk('one.csv', 'a,y\n'+''.join(f'{i},1\n' for i in range(50))), '--target', 'y'],
 'titanic: text target':              ['fastlesson-titanic', '--csv', str(D/'titanic/train.csv'), '--target', 'Name'],
 'titanic: unknown cont':             ['fastlesson-titanic', '--conts', 'Agee'],
 'titanic: cont is text':             ['fastlesson-titanic', '--conts', 'Name'],
 'titanic: cat and cont overlap':     ['fastlesson-titanic', '--conts', 'Age', '--cats', 'Age,Sex'],
 'titanic: huge cat':                 ['fastlesson-titanic', '--cats', 'Name'],
 'titanic: log of negative':          ['fastlesson-titanic', '--csv', mk('neg.csv', 'x,y\n'+''.join(f'{i-25},{i%2}\n' for i in range(50))), '--target', 'y', '--logs', 'x'],
 'titanic: valid-pct 1':              ['fastlesson-titanic', '--valid-pct', '1'],
 'titanic: valid-pct 0':              ['fastlesson-titanic', '--valid-pct', '0'],
 'titanic: patience 0':               ['fastlesson-titanic', '--patience', '0'],
 'titanic: unknown loss':             ['fastlesson-titanic', '--loss', 'huber'],
 'titanic: submission in missing dir':['fastlesson-titanic', '--submission', str(W/'nodir/sub.csv')],
 'titanic: id col missing':           ['fastlesson-titanic', '--id-col', 'Id'],
 'titanic: test lacks a column':      ['fastlesson-titanic', '--test', mk('t.csv', 'PassengerId,Pclass\n1,3\n')],
 'titanic: unknown flag':             ['fastlesson-titanic', '--epoks', '3'],
 'titanic: test lacks features':      ['fastlesson-titanic', '--test', mk('t2.csv', 'PassengerId,Age\n1,3\n')],
 'titanic: header-only csv, target':  ['fastlesson-titanic', '--csv', mk('h2.csv', 'a,Survived\n'), '--target', 'Survived'],
 'pets: missing folder':              ['fastlesson-pets', 'train', str(W/'nope')],
 'pets: empty folder':                ['fastlesson-pets', 'train', str(W/'emptydir')],
 'pets: one category':                ['fastlesson-pets', 'train', onecls, '--out', str(W/'m1')],
 'pets: all lowercase names':         ['fastlesson-pets', 'train', lower, '--out', str(W/'m2')],
 'pets: corrupt jpeg':                ['fastlesson-pets', 'train', str(bad), '--out', str(W/'m3')],
 'pets: unknown arch':                ['fastlesson-pets', 'train', few, '--arch', 'resnet_999', '--out', str(W/'m4')],
 'pets: arch typo':                   ['fastlesson-pets', 'train', few, '--arch', 'tf_efficientnet_lite9', '--out', str(W/'m5')],
 'pets: epochs 0':                    ['fastlesson-pets', 'train', few, '--epochs', '0'],
 'pets: size 0':                      ['fastlesson-pets', 'train', few, '--size', '0'],
 'pets: bs larger than photos':       ['fastlesson-pets', 'train', few, '--bs', '1000', '--out', str(W/'m6')],
 'pets: lr 0':                        ['fastlesson-pets', 'train', few, '--lr', '0'],
 'pets: out is a file':               ['fastlesson-pets', 'train', few, '--out', mk('afile', 'x')],
 'pets: predict missing model':       ['fastlesson-pets', 'predict', str(W/'nomodel'), str(pets[0])],
 'pets: predict corrupt model':       ['fastlesson-pets', 'predict', corrupt, str(pets[0])],
 'pets: predict missing image':       ['fastlesson-pets', 'predict', '--imagenet', 'tf_efficientnet_lite0', str(W/'none.jpg')],
 'pets: predict non-image':           ['fastlesson-pets', 'predict', '--imagenet', 'tf_efficientnet_lite0', mk('x.jpg', 'hello')],
 'pets: imagenet unknown arch':       ['fastlesson-pets', 'predict', '--imagenet', 'convnxt_tiny', str(pets[0])],
 'pets: export-space missing model':  ['fastlesson-pets', 'export-space', str(W/'nomodel'), str(W/'space')],
 'pets: export-space onto a file':    ['fastlesson-pets', 'export-space', str(W/'nomodel'), mk('sp', 'x')],
 'nlp: missing csv':                  ['fastlesson-nlp', 'train', '--csv', str(W/'nope.csv')],
 'nlp: csv lacks columns':            ['fastlesson-nlp', 'train', '--csv', mk('p.csv', 'a,b,s\nx,y,0.5\n')],
 'nlp: scores out of range':          ['fastlesson-nlp', 'train', '--csv', mk('q.csv', 'anchor,target,score\n'+''.join(f'a{i},b{i},{i}\n' for i in range(40)))],
 'nlp: text scores':                  ['fastlesson-nlp', 'train', '--csv', mk('r.csv', 'anchor,target,score\n'+''.join(f'a{i},b{i},high\n' for i in range(40)))],
 'nlp: max-length 0':                 ['fastlesson-nlp', 'train', '--max-length', '0'],
 'nlp: bs 0':                         ['fastlesson-nlp', 'train', '--bs', '0'],
 'nlp: dropout 2':                    ['fastlesson-nlp', 'train', '--dropout', '2'],
 'nlp: lr nan':                       ['fastlesson-nlp', 'train', '--lr', 'nan'],
 'nlp: unknown model folder':         ['fastlesson-nlp', 'train', '--model', str(W/'nomodel'), '--max-steps', '1'],
 'nlp: fp16 on CPU':                  ['fastlesson-nlp', 'train', '--precision', 'fp16', '--max-steps', '1', '--out', str(W/'n1')],
 'nlp: predict missing dir':          ['fastlesson-nlp', 'predict', str(W/'nomodel'), '--a', 'x', '--b', 'y'],
 'nlp: predict empty text':           ['fastlesson-nlp', 'predict', str(W/'nomodel'), '--a', '', '--b', 'y'],
 'models: no match':                  ['fastlesson-models', 'zzz*'],
 'models: bad era':                   ['fastlesson-models', '--era', '2021'],
 'models: top 0':                     ['fastlesson-models', '--top', '0'],
 'models: out in missing dir':        ['fastlesson-models', '--out', str(W/'nodir/c.html')],
 'inspect: missing model':            ['fastlesson-inspect', str(W/'nomodel')],
}
(W/'emptydir').mkdir()
res = {}
for name, cmd in cases.items():
    before = set(W.rglob('*'))
    try: r = subprocess.run([str(V/cmd[0])] + cmd[1:], capture_output=True, text=True, cwd=W, env=env, timeout=600)
    except subprocess.TimeoutExpired: res[name] = dict(rc='timeout', kind='timeout'); print(name, 'TIMEOUT', flush=True); continue
    err = [l for l in r.stderr.splitlines() if l.strip()]
    new = sorted(str(p.relative_to(W)) for p in set(W.rglob('*')) - before)
    tb = 'Traceback' in r.stderr
    kind = 'exit 0' if r.returncode == 0 else ('unclear' if tb or len(err) != 1 else 'clear')
    res[name] = dict(rc=r.returncode, kind=kind, err=err[-3:], out=r.stdout.strip().splitlines()[-2:], new=new[:5])
    print(f"{kind:8} rc={r.returncode} {name}: {err[-1] if err else r.stdout.strip()[-200:]}", flush=True)
if '--json' in sys.argv: json.dump(res, open(sys.argv[sys.argv.index('--json') + 1], 'w'), indent=1)
shutil.rmtree(W, ignore_errors=True)
from collections import Counter; print(dict(Counter(v['kind'] for v in res.values())), len(res), 'cases')
