#!/usr/bin/env bash
# Build the docs site locally: nbdev-proc-nbs (what Quarto would read) -> smalldocs (a Quarto-like renderer in Python).
# Quarto itself renders the published site in GitHub Actions (.github/workflows/deploy.yaml).
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
python -c "from fastlesson.figures import copy_plotlyjs; copy_plotlyjs('nbs')"
rm -rf _proc
# nbdev-proc-nbs looks for Quarto and, not finding it, tries to install it; that attempt fails harmlessly offline.
log=$(mktemp)
nbdev-proc-nbs >"$log" 2>&1 || { cat "$log" >&2; echo "nbdev-proc-nbs failed" >&2; exit 1; }
if grep -q 'Traceback' "$log"; then cat "$log" >&2; echo "nbdev-proc-nbs raised while processing a notebook" >&2; exit 1; fi
rm -f "$log"
n_in=$(ls nbs/*.ipynb | grep -vc '/[_.][^/]*$'); n_out=$(ls _proc/*.ipynb | wc -l)
[ "$n_in" -eq "$n_out" ] || { echo "nbdev-proc-nbs processed $n_out of $n_in notebooks" >&2; exit 1; }
smalldocs render _proc
echo "Docs site: $(pwd)/_proc/_docs/index.html"
