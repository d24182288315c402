#!/usr/bin/env bash
# Installs the real n8n used by the end-to-end tests, the editor check and the demo, and proves it runs.
# Idempotent: a cached install is used when its marker matches and its native modules work; a cached
# install that does not (e.g. made by an npm that skipped the builds) is named and installed again.
# The cache sits outside the clone (~/.cache/n8n-nodes-huawei-ocr/n8n-<version>[-node<major>], or
# N8N_CACHE_DIR / N8N_INSTALL_DIR) so every clone on the machine reuses it; a lock keeps two clones
# from installing into it at once.
# The version (N8N_VERSION, default: "default" in n8n-versions.json) must be listed in
# test/e2e/n8n-versions.json, which says for each one the Node it runs on ("system" or a version that
# install-node.sh fetches into the cache), the native modules it needs, and why.
# How: `npm install --ignore-scripts`, then `npm rebuild` of exactly those native modules, whatever
# the calling npm's settings (docs: test/e2e/README.md, "How n8n is installed").
# Usage: test/e2e/install-n8n.sh            (n8n only; chromium only with --with-chromium)
#        test/e2e/install-n8n.sh --with-chromium
#        N8N_VERSION=1.123.81 test/e2e/install-n8n.sh
set -euo pipefail

E2E_DIR="$(cd "$(dirname "$0")" && pwd)"
REPO_DIR="$(cd "$E2E_DIR/../.." && pwd)"
VERSIONS_FILE="$E2E_DIR/n8n-versions.json"

# npm hands its settings to the scripts it runs as npm_config_* variables, and every npm those scripts
# start reads them: this project's .npmrc (ignore-scripts=true) would reach n8n's install and leave
# sqlite3 unbuilt. n8n's install gets none of them; the user's and the machine's npmrc still apply
# (the nested npm reads those files itself), and the flags below decide what runs.
while read -r name; do unset "$name"; done < <(compgen -e | grep -i '^npm_config_' || true)

# One field of this version's entry in n8n-versions.json ("" for a missing field).
version_field() {
	node -e '
		const [file, version, field] = process.argv.slice(1);
		const matrix = require(file);
		const entry = matrix.versions[version];
		if (!entry) {
			console.error(`n8n ${version} is not in ${file} (listed: ${Object.keys(matrix.versions).join(", ")})`);
			process.exit(1);
		}
		const value = entry[field] ?? "";
		console.log(Array.isArray(value) ? value.join(" ") : value);
	' "$VERSIONS_FILE" "$N8N_VERSION" "$1"
}

N8N_VERSION="${N8N_VERSION:-$(node -p "require('$VERSIONS_FILE').default")}"
CACHE_DIR="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-huawei-ocr}"
NODE_FOR_N8N="$(version_field node)"
NATIVE="$(version_field nativeModules)"
if [ -z "$NATIVE" ]; then
	echo "n8n-versions.json: $N8N_VERSION lists no nativeModules (n8n needs at least sqlite3)" >&2
	exit 1
fi
# Native modules are built for one Node major (ABI): a cached Node gives its own folder per major
# (n8n-1.123.81-node22), so clones whose matrix names another Node never share a build. Keep in
# sync with N8N_INSTALL_DIR in lib/paths.ts.
if [ "$NODE_FOR_N8N" = system ]; then
	TARGET="${N8N_INSTALL_DIR:-$CACHE_DIR/n8n-$N8N_VERSION}"
else
	TARGET="${N8N_INSTALL_DIR:-$CACHE_DIR/n8n-$N8N_VERSION-node${NODE_FOR_N8N%%.*}}"
	# npm itself and every native build run on that Node, against its own headers (not the system's).
	NODE_HOME="$("$E2E_DIR/install-node.sh" "$NODE_FOR_N8N")"
	export PATH="$NODE_HOME/bin:$PATH"
	export npm_config_nodedir="$NODE_HOME"
fi
INSTALLED_PKG="$TARGET/node_modules/n8n/package.json"
MARKER="$TARGET/.installed-by-install-n8n"
# The marker records how the install was made; a change of the matrix entry or of this recipe redoes it.
RECIPE="n8n=$N8N_VERSION node=$NODE_FOR_N8N native=$NATIVE recipe=2"

installed_version() {
	[ -f "$INSTALLED_PKG" ] && node -p "require('$INSTALLED_PKG').version" 2>/dev/null || true
}

# Runs check-n8n-install.cjs on n8n's Node; prints the problems, exit 0 when there are none.
check_install() {
	node "$E2E_DIR/check-n8n-install.cjs" "$TARGET" "${NATIVE// /,}" "$@"
}

install_chromium() {
	# CHROMIUM_PATH (also read by the editor check) may name another Chromium/Chrome binary.
	local browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
	if [ ! -x "$browser" ]; then
		if ! command -v apt-get >/dev/null; then
			echo "chromium missing and apt-get unavailable: install Chromium, or set CHROMIUM_PATH" >&2
			return 1
		fi
		local sudo=''
		[ "$(id -u)" = 0 ] || sudo='sudo'
		$sudo apt-get update
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
	fi
	"$E2E_DIR/check-chromium.sh" "$browser"
}

if [ "${1:-}" = "--with-chromium" ]; then
	install_chromium
fi

mkdir -p "$TARGET"
exec 9>"$TARGET.lock"
flock 9
if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$RECIPE" ] && [ "$(installed_version)" = "$N8N_VERSION" ]; then
	if problems="$(check_install 2>&1)"; then
		echo "n8n $N8N_VERSION already installed in $TARGET"
		exit 0
	fi
	echo "n8n $N8N_VERSION in $TARGET was marked installed, but it cannot run:" >&2
	echo "$problems" >&2
	echo "installing it again ..." >&2
elif [ -f "$MARKER" ]; then
	echo "n8n in $TARGET was installed as '$(cat "$MARKER")'; this clone needs '$RECIPE': installing again ..."
fi
rm -f "$MARKER"

# An own package.json: n8n's dependency tree stays out of the project's, and the xlsx override
# replaces a CDN tarball dependency that the npm registry cannot serve. allowScripts names the
# builds npm's install-script policy may run (npm >= 11.10 warns about, or with
# strict-allow-scripts refuses, every unreviewed one): exactly the native modules rebuilt below.
node -e '
	const [version, native] = process.argv.slice(1);
	const manifest = {
		name: "n8n-e2e-runtime",
		private: true,
		description: "Pinned n8n for the end-to-end tests (generated by test/e2e/install-n8n.sh)",
		dependencies: { n8n: version },
		overrides: { xlsx: "0.18.5" },
		allowScripts: Object.fromEntries(native.split(" ").map((name) => [name, true])),
	};
	process.stdout.write(JSON.stringify(manifest, null, "\t") + "\n");
' "$N8N_VERSION" "$NATIVE" >"$TARGET/package.json"

echo "installing n8n $N8N_VERSION into $TARGET on node $(node --version) (3-10 minutes, ~1.7 GB) ..."
start=$(date +%s)
# No install script of n8n's ~2 000 dependencies runs (some download from outside the registry,
# e.g. the Kafka node's); the native modules n8n needs are then built explicitly, on n8n's Node.
(cd "$TARGET" && npm install --no-audit --no-fund --loglevel=error --ignore-scripts)
echo "building native modules: $NATIVE"
# shellcheck disable=SC2086 # the module names are words
(cd "$TARGET" && npm rebuild --loglevel=error --ignore-scripts=false $NATIVE)
echo "checking the install: $NATIVE load and work, n8n opens a new database ..."
if ! check_install --cli; then
	echo "n8n $N8N_VERSION in $TARGET does not run (above); not marked installed" >&2
	exit 1
fi
echo "$RECIPE" >"$MARKER"
echo "n8n $(installed_version) installed and checked in $(($(date +%s) - start))s"
