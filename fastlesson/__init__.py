"""Modules:

- `fastlesson.nlp`: Tokens and numericalisation, a fine-tuned sentence-pair scorer measured against a zero-shot baseline, validation sets and Pearson's r, and fastai vs Hugging Face side by side — all offline."""

__version__ = "0.1.0"
