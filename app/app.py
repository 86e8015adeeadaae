"""The lesson's pets app with the current Gradio API (`gr.Image`, `gr.Label`; `gr.inputs`/`gr.outputs` are gone).

Start it with `FASTLESSON_PETS_MODEL=pets_model python app/app.py` and open http://127.0.0.1:7860. The model is the
folder (or `.safetensors` file) that `fastlesson-pets train ... --out pets_model` wrote: weights and recipe in the
safetensors format, loaded by `fastlesson.pets.load_model` without running any code from the file.
Set HOST / PORT to serve elsewhere (default 127.0.0.1:7860).
"""
import os
from pathlib import Path
from fastlesson.pets import load_model, classify_image

MODEL = Path(os.environ.get('FASTLESSON_PETS_MODEL', Path(__file__).parent/'pets_model'))
_learn = None

def get_learner():
    "Load the model once, on first use."
    global _learn
    if _learn is None: _learn = load_model(MODEL)
    return _learn

def classify(img):
    "What the app shows: {category: probability} for one photo (Gradio passes a PIL image)."
    return classify_image(get_learner(), img)

def make_demo():
    "The Gradio interface (built, not launched)."
    import gradio as gr
    return gr.Interface(fn=classify, inputs=gr.Image(type='pil', label='Your pet'),
                        outputs=gr.Label(num_top_classes=3, label='Prediction'), title='Cat or dog?',
                        description='Upload a photo of a cat or a dog.', flagging_mode='never')

if __name__ == '__main__':
    get_learner()  # fail now, with a clear message, if the model is missing
    make_demo().launch(server_name=os.environ.get('HOST', '127.0.0.1'), server_port=int(os.environ.get('PORT', 7860)))
