#!/usr/bin/env bash
# Run every notebook as a test (nbdev-test) offline, with the lesson data, and print `N passed, M failed`.
# Extra arguments go to nbdev-test, e.g. `tools/test.sh --flags slow` or `tools/test.sh nbs/20_quadratic.ipynb`.
set -uo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
export MPLBACKEND=Agg
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}   # nbdev-test runs notebooks in parallel: one thread each, no oversubscription
path=nbs; args=()
for a in "$@"; do case "$a" in *.ipynb) path="$a";; *) args+=("$a");; esac; done
if [ -f "$path" ]; then nbs=("$path"); else mapfile -t nbs < <(ls "$path"/*.ipynb | grep -v '/[_.][^/]*$'); fi
log=$(mktemp)
start=$(date +%s)
nbdev-test --timing "${args[@]}" "$path" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
failed=$(awk '/Tests Failed On The Following Notebooks/{f=1; next} f && /^\t/{n++} END{print n+0}' "$log")
[ "$rc" -ne 0 ] && [ "$failed" -eq 0 ] && failed=${#nbs[@]}   # crashed before listing: count all as failed
echo "nbdev-test wall time: $(( $(date +%s) - start )) s"
echo "${#nbs[@]} notebooks"
echo "$(( ${#nbs[@]} - failed )) passed, $failed failed"
rm -f "$log"
exit "$rc"
