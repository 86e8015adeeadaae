#!/usr/bin/env bash
# Run a fastlesson command in the project's environment (tools/env.sh), e.g. `bash tools/run.sh fastlesson-titanic`.
set -euo pipefail
source "$(dirname "$0")/env.sh"
exec "$@"
