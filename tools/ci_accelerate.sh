#!/usr/bin/env bash
# CI step (issue 15): fastlesson-nlp under `accelerate launch --cpu` with 1, 2 and 3 processes (see tools/ci_accelerate.py).
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
python tools/ci_accelerate.py "$@"
