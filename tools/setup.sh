#!/usr/bin/env bash
# Create .venv with the pinned stack and fastlesson installed editable, with every extra the lesson pages use.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q -U pip
# torch first and pinned: 2.14.1 + torchvision 0.29.1 (never 2.13.0: torchvision will not import beside it).
.venv/bin/pip install -q torch==2.14.1 torchvision==0.29.1
.venv/bin/pip install -q -e ".[dev]"
.venv/bin/python -c "import fastlesson, torch, torchvision; print('fastlesson', fastlesson.__version__, '| torch', torch.__version__)"
