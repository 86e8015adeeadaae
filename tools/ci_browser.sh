#!/usr/bin/env bash
# Read the built site (tools/docs.sh first) in headless Chromium: every page loads offline, maths renders, and every
# slider figure redraws to what Python computes. Needs Debian's `chromium`. Screenshots go to ${SHOTS:-_proc/shots}.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
command -v chromium >/dev/null || { echo "tools/ci_browser.sh needs chromium: apt-get install -y --no-install-recommends chromium" >&2; exit 1; }
python tools/browser_test.py _proc/_docs --self-test --shots "${SHOTS:-_proc/shots}"
