"""The pet detector as a Hugging Face Space: a `fastlesson-pets` model served by Gradio with torch, safetensors and
Pillow (no fastai, no timm). Start it with `python app.py`; it reads `pets.safetensors` beside this file, or the
file or folder named by $FASTLESSON_PETS_MODEL. Written by `fastlesson-pets export-space` from
fastlesson/space_app.py (nbs/88a_space_app.ipynb in https://github.com/fastlesson/fastlesson)."""

__all__ = ['MODEL_FILE', 'FORMATS', 'ARCHS', 'STRIDES', 'read_model', 'preprocess', 'conv_bn', 'body', 'head', 'PetDetector',
           'detector', 'classify', 'make_demo', 'main']

import functools, json, os
from pathlib import Path
import torch
import torch.nn.functional as F
from PIL import Image

MODEL_FILE, FORMATS = 'pets.safetensors', ('fastlesson-pets-v2',)
ARCHS = tuple(f'tf_efficientnet_lite{i}' for i in range(5))  # the family this app runs without timm
STRIDES = (1, 2, 2, 2, 1, 2, 1)  # stride of the first block of EfficientNet-Lite's seven stages

def read_model(path:str|Path, # a `pets.safetensors` file, or the folder holding it
              ) -> tuple[dict, dict]:
    "`(weights, meta)` of a `fastlesson-pets` model file; a one-line error naming the file if this app cannot serve it."
    from safetensors import safe_open
    path = Path(path)
    if path.is_dir(): path = path/MODEL_FILE
    if not path.is_file():
        raise FileNotFoundError(f"No model at {str(path)!r}: put pets.safetensors beside app.py or set FASTLESSON_PETS_MODEL.")
    try:
        with safe_open(str(path), 'pt') as f:
            meta, sd = json.loads((f.metadata() or {}).get('fastlesson', 'null')), {k: f.get_tensor(k) for k in f.keys()}
    except Exception as e: raise ValueError(f"{path} is not a readable safetensors file ({' '.join(str(e).split())[:100]}).") from None
    fmt = meta.get('format') if isinstance(meta, dict) else None
    if fmt not in FORMATS: raise ValueError(f"{path} is not a fastlesson-pets model (format {fmt!r}; this app reads {', '.join(FORMATS)}).")
    if meta['arch'] not in ARCHS: raise ValueError(f"{path} holds a {meta['arch']} model; this app runs {', '.join(ARCHS)}.")
    if meta['recipe'].get('augment'): raise ValueError(f"{path} was trained with augment=True; this app runs models trained without it.")
    return sd, meta

def preprocess(img:Image.Image, # a photo
               size:int, # the recipe's size
               mean, std, # per-channel normalisation
              ) -> torch.Tensor:
    "fastai's validation transforms: `Resize(size)` (centre crop, bilinear), `IntToFloatTensor`, `Normalize`."
    img = img.convert('RGB')
    w, h = img.size
    m = w/size if w/size < h/size else h/size  # fastai's arithmetic, so the crop is the same to the pixel
    c = int(m*size)
    l, t = int(0.5*(w - c)), int(0.5*(h - c))
    img = img.crop((l, t, l + c, t + c)).resize((size, size), Image.BILINEAR)
    x = torch.frombuffer(bytearray(img.tobytes()), dtype=torch.uint8).view(size, size, 3).permute(2, 0, 1).float()/255
    return (x - torch.tensor(mean).view(3, 1, 1))/torch.tensor(std).view(3, 1, 1)

def conv_bn(x, sd, conv, bn, stride=1, act=True):
    "A TF-'same'-padded convolution, batch norm (eps 1e-3, as timm's `tf_` models) and optional ReLU6."
    w = sd[conv + '.weight']
    k, groups = w.shape[-1], x.shape[1] if w.shape[1] == 1 and w.shape[0] == x.shape[1] else 1
    ph, pw = (max((-(-n//stride) - 1)*stride + k - n, 0) for n in x.shape[-2:])
    x = F.conv2d(F.pad(x, (pw//2, pw - pw//2, ph//2, ph - ph//2)), w, stride=stride, groups=groups)
    x = F.batch_norm(x, sd[bn + '.running_mean'], sd[bn + '.running_var'], sd[bn + '.weight'], sd[bn + '.bias'], eps=1e-3)
    return F.relu6(x) if act else x

def body(x, sd, p='0.model.'):
    "timm's EfficientNet-Lite `forward_features`, read from the weights' names and shapes."
    x = conv_bn(x, sd, p + 'conv_stem', p + 'bn1', 2)
    for i, j in sorted({tuple(map(int, k.split('.')[3:5])) for k in sd if k.startswith(p + 'blocks.')}):
        b, inp, s = f'{p}blocks.{i}.{j}.', x, STRIDES[i] if j == 0 else 1
        if b + 'conv_pwl.weight' in sd:  # inverted residual: expand, depthwise, project
            x = conv_bn(conv_bn(x, sd, b + 'conv_pw', b + 'bn1'), sd, b + 'conv_dw', b + 'bn2', s)
            x = conv_bn(x, sd, b + 'conv_pwl', b + 'bn3', act=False)
        else: x = conv_bn(conv_bn(x, sd, b + 'conv_dw', b + 'bn1', s), sd, b + 'conv_pw', b + 'bn2', act=False)
        if s == 1 and x.shape == inp.shape: x = x + inp  # the residual connection
    return conv_bn(x, sd, p + 'conv_head', p + 'bn2')

def head(x, sd, p='1.'):
    "fastai's `create_head`: max and average pooling side by side, then batch norms and linear layers, ReLU between."
    x = torch.cat([x.amax((2, 3)), x.mean((2, 3))], 1)
    layers = sorted({int(k.split('.')[1]) for k in sd if k.startswith(p)})
    last = max(i for i in layers if f'{p}{i}.running_mean' not in sd)
    for i in layers:
        n = f'{p}{i}.'
        if n + 'running_mean' in sd:
            x = F.batch_norm(x, sd[n + 'running_mean'], sd[n + 'running_var'], sd[n + 'weight'], sd[n + 'bias'])
        else: x = F.linear(x, sd[n + 'weight'], sd.get(n + 'bias'))
        if i != last and n + 'running_mean' not in sd: x = F.relu(x)
    return x

class PetDetector:
    "A `fastlesson-pets` model file, ready to serve: call it on a photo for `{category: probability}`."
    def __init__(self, path:str|Path): # a `pets.safetensors` file or its folder
        self.sd, self.meta = read_model(path)
        self.vocab, self.size = self.meta['vocab'], self.meta['recipe']['size']
        try: n = len(self.probs(Image.new('RGB', (self.size, self.size))))
        except (KeyError, RuntimeError, ValueError) as e: n = ' '.join(str(e).split())[:100]
        if n != len(self.vocab):
            raise ValueError(f"{path}: the weights do not fit {self.meta['arch']} with {len(self.vocab)} categories "
                             f"({f'{n} outputs' if isinstance(n, int) else n}).")

    @torch.inference_mode()
    def probs(self, img:Image.Image) -> torch.Tensor:
        "The model's probability for each category of `self.vocab`."
        x = preprocess(img, self.size, self.meta['mean'], self.meta['std'])[None]
        return head(body(x, self.sd), self.sd).softmax(1)[0]

    def __call__(self, img) -> dict[str, float]: # a PIL image (what Gradio passes) or an image file
        if not isinstance(img, Image.Image):
            with Image.open(img) as im: img = im.convert('RGB')
        return dict(zip(self.vocab, map(float, self.probs(img))))

@functools.cache
def detector(path:str|Path|None=None) -> 'PetDetector':
    "The app's model, loaded once: `path`, else $FASTLESSON_PETS_MODEL, else `pets.safetensors` beside this file."
    return PetDetector(path or os.environ.get('FASTLESSON_PETS_MODEL') or Path(__file__).parent/MODEL_FILE)

def classify(img) -> dict[str, float]:
    "The lesson's `classify_image`: `{category: probability}` for one photo, from the app's model (`detector()`)."
    return detector()(img)

def make_demo(model:PetDetector|None=None): # default: `detector()`
    "The Gradio interface (built, not launched): a photo in, the three likeliest categories out."
    import gradio as gr
    model = model or detector()
    cat_dog = sorted(model.vocab) == ['cat', 'dog']
    def classify(img): return model(img)
    return gr.Interface(fn=classify, inputs=gr.Image(type='pil', label='Your pet'),
                        outputs=gr.Label(num_top_classes=3, label='Prediction'), flagging_mode='never',
                        title='Cat or dog?' if cat_dog else 'Which pet breed?',
                        description='Upload a photo of a cat or a dog.' if cat_dog else
                                    f"Upload a photo of a pet: one of {len(model.vocab)} breeds.")

def main():
    "Serve the app: on Spaces where Gradio's settings say; locally at $HOST:$PORT if set, else 127.0.0.1:7860."
    kw = dict(server_name=os.environ.get('HOST'), server_port=int(os.environ['PORT']) if 'PORT' in os.environ else None)
    make_demo().launch(**{k: v for k, v in kw.items() if v is not None})


if __name__ == '__main__': main()
