#!/usr/bin/env bash
# CI step: fastlesson-nlp under `accelerate launch` with 1, 2 and 3 CPU processes (see tools/ci_accelerate.py).
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
python tools/ci_accelerate.py "$@"
