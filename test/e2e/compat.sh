#!/usr/bin/env bash
# `npm run test:compat`: the end-to-end scenarios (scenarios.e2e.ts), the burst at the QPS limit
# (burst.e2e.ts), the file references (fileReferences.e2e.ts) and the three-file form upload
# (formUpload.e2e.ts) in every n8n version of test/e2e/n8n-versions.json, each installed into the
# cache by install-n8n.sh and run on its own Node.
# Usage: npm run test:compat                       every version of the matrix
#        npm run test:compat -- 1.123.81           only the named versions
#        npm run test:compat -- --except-default   all but the default one (npm test already ran it)
# Every version runs even when one fails; the exit code is non-zero if any failed.
set -euo pipefail
cd "$(dirname "$0")/../.."

matrix() { node -p "const m = require('./test/e2e/n8n-versions.json'); $1"; }
if [ "${1:-}" = "--except-default" ]; then
	read -r -a versions <<<"$(matrix 'Object.keys(m.versions).filter((v) => v !== m.default).join(" ")')"
elif [ $# -gt 0 ]; then
	versions=("$@")
else
	read -r -a versions <<<"$(matrix 'Object.keys(m.versions).join(" ")')"
fi

failed=()
summary=()
for version in "${versions[@]}"; do
	echo "== n8n $version: $(matrix "m.versions['$version']?.reason ?? 'NOT IN THE MATRIX'")"
	start=$(date +%s)
	if N8N_VERSION="$version" test/e2e/install-n8n.sh &&
		N8N_VERSION="$version" npx jest -c test/e2e/jest.config.js --runInBand test/e2e/scenarios.e2e.ts test/e2e/burst.e2e.ts test/e2e/fileReferences.e2e.ts test/e2e/formUpload.e2e.ts; then
		summary+=("n8n $version: passed in $(($(date +%s) - start))s")
	else
		failed+=("$version")
		summary+=("n8n $version: FAILED after $(($(date +%s) - start))s")
	fi
done
printf '== %s\n' "${summary[@]}"
[ ${#failed[@]} -eq 0 ]
