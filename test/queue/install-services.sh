#!/usr/bin/env bash
# Installs what the queue-mode test needs from Debian when it is missing: Redis (redis-server) and
# PostgreSQL (initdb/postgres under /usr/lib/postgresql/*/bin). Idempotent; runs apt-get update once.
# Nothing is started here, and the Debian services are not used: the test runs its own throw-away
# instances on free loopback ports.
set -euo pipefail

missing=()
command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)

if [ "${#missing[@]}" -eq 0 ]; then
	echo "redis-server and postgresql already installed"
	exit 0
fi
if ! command -v apt-get >/dev/null; then
	echo "missing ${missing[*]} and apt-get is unavailable: install them, then rerun" >&2
	exit 1
fi
sudo=''
[ "$(id -u)" = 0 ] || sudo='sudo'
echo "installing ${missing[*]} with apt-get ..."
$sudo apt-get update
# policy-rc.d-less containers may try to start the packaged services; their failure is harmless.
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
