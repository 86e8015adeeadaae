#!/usr/bin/env bash
# CI step (issue 22): fastlesson-pets train under `accelerate launch`, 1 vs 2 CPU processes, predict, bad launches.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
python tools/ci_pets_accelerate.py "$@"
