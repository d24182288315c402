#!/usr/bin/env bash
# Proves a Chromium binary runs headless on this machine: it renders a page and prints its DOM.
# Usage: test/e2e/check-chromium.sh [/usr/bin/chromium]
set -euo pipefail
browser="${1:-/usr/bin/chromium}"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# The flags of the editor check (lib/editor.ts): no sandbox as root, no calls to Google's services.
if dom="$(timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync --user-data-dir="$profile" \
	--dump-dom 'data:text/html,<p id=check>chromium-runs</p>' 2>/dev/null)" && [[ "$dom" == *chromium-runs* ]]; then
	echo "chromium: $("$browser" --version 2>/dev/null) renders a page headless"
else
	echo "chromium at $browser does not render a page headless (reinstall it: apt-get install --reinstall chromium, or set CHROMIUM_PATH)" >&2
	exit 1
fi
