"""The lesson's pets app with the current Gradio API (`gr.Image`, `gr.Label`; `gr.inputs`/`gr.outputs` are gone).

Run `python app/app.py` and open the printed URL. The model is `FASTLESSON_PETS_MODEL` if set, else `model.pkl` next to
this file: a folder written by `fastlesson.anatomy.save_safe` (safetensors + JSON, no pickle) or a `model.pkl` that
YOU exported with `fastlesson.pets.export_pets` (a pickle: only load your own or trusted files).
"""
import os
from pathlib import Path

MODEL = Path(os.environ.get('FASTLESSON_PETS_MODEL', Path(__file__).parent/'model.pkl'))
_learn = None

def get_learner():
    "Load the model once, on first use."
    global _learn
    if _learn is None:
        if MODEL.is_dir():
            from fastlesson.anatomy import load_safe
            _learn = load_safe(MODEL)
        else:
            from fastlesson.pets import load_pets
            _learn = load_pets(MODEL, trusted=True)  # this app's own export; never point it at a stranger's pickle
    return _learn

def classify_image(img):
    "What the app shows: {category: probability} for one image (path, PIL image or array)."
    from fastlesson.pets import predict
    return predict(get_learner(), img)

def make_demo():
    "The Gradio interface (built, not launched)."
    import gradio as gr
    return gr.Interface(fn=classify_image, inputs=gr.Image(type='pil', label='Your pet'),
                        outputs=gr.Label(num_top_classes=3), title='Pet breed classifier',
                        description='Upload a photo of a cat or a dog.', flagging_mode='never')

if __name__ == '__main__': make_demo().launch()
