#!/usr/bin/env bash
# Read the built site (tools/docs.sh first) in headless Chromium: every page loads offline, maths renders, every
# slider figure redraws to what Python computes, and at a phone's width every figure title fits and keeps its loss.
# Needs Debian's `chromium`, or CHROMIUM naming another Chromium-based browser (GitHub's runners: google-chrome).
# Screenshots go to ${SHOTS:-_proc/shots}.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
browser=${CHROMIUM:-$(command -v chromium || true)}
[ -n "$browser" ] || { echo "tools/ci_browser.sh needs chromium: apt-get install -y --no-install-recommends chromium (or set CHROMIUM)" >&2; exit 1; }
python tools/browser_test.py _proc/_docs --self-test --chromium "$browser" --shots "${SHOTS:-_proc/shots}"
