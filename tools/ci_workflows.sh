#!/usr/bin/env bash
# Validate the GitHub workflows against GitHub's workflow schema, offline (check-jsonschema ships the schema).
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yaml
echo "workflows valid: $(ls .github/workflows/*.yaml | xargs -n1 basename | tr '\n' ' ')"
