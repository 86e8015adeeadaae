#!/usr/bin/env bash
# Build the docs site locally: nbdev-proc-nbs (what Quarto would read) -> smalldocs (a Quarto-like renderer in Python).
# Quarto itself renders the published site in GitHub Actions (.github/workflows/deploy.yaml).
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
rm -rf _proc
# nbdev-proc-nbs looks for Quarto and, not finding it, tries to install it; that attempt fails harmlessly offline.
log=$(mktemp)
nbdev-proc-nbs >"$log" 2>&1 || { cat "$log" >&2; echo "nbdev-proc-nbs failed" >&2; exit 1; }
if grep -q 'Traceback' "$log"; then cat "$log" >&2; echo "nbdev-proc-nbs raised while processing a notebook" >&2; exit 1; fi
rm -f "$log"
n_in=$(ls nbs/*.ipynb | grep -vc '/[_.][^/]*$'); n_out=$(ls _proc/*.ipynb | wc -l)
[ "$n_in" -eq "$n_out" ] || { echo "nbdev-proc-nbs processed $n_out of $n_in notebooks" >&2; exit 1; }
python tools/site_fix.py proc _proc   # plotly.min.js in; widget outputs (shown as `interactive(children=…` text) out
smalldocs render _proc
# Offline and once-per-page: KaTeX from the site (npm's katex tarball, cached in .cache/), plotly.js loaded once per
# page, function links to the local pages, code lines that wrap. KATEX_TGZ may name a tarball fetched beforehand.
katex_version=0.16.11   # the version smalldocs' pages ask for
katex_sha256=8c5494c5f7d8e8bf73ff3fe64d4bd09a340e4878b7eec9bbd9ef8d8f3e24193f
katex=${KATEX_TGZ:-.cache/katex-$katex_version.tgz}
if [ ! -f "$katex" ]; then
  command -v npm >/dev/null || { echo "tools/docs.sh needs npm to fetch KaTeX (apt-get install npm), or KATEX_TGZ" >&2; exit 1; }
  mkdir -p .cache
  (cd .cache && npm pack --silent "katex@$katex_version" >/dev/null) || { echo "could not fetch katex@$katex_version with npm (set KATEX_TGZ)" >&2; exit 1; }
fi
echo "$katex_sha256  $katex" | sha256sum -c --quiet - || { echo "$katex is not katex@$katex_version (sha256 differs)" >&2; exit 1; }
python tools/site_fix.py site _proc/_docs --katex "$katex" --local-links _proc
echo "Docs site: $(pwd)/_proc/_docs/index.html"
