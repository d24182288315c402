#!/usr/bin/env bash
# Installs what the queue-mode test needs from Debian when it is missing: Redis (redis-server) and
# PostgreSQL (initdb/postgres under /usr/lib/postgresql/*/bin). Idempotent; runs apt-get update once.
# Installed now or before, each must then run (print its version), or this fails naming it.
# Nothing is started here, and the Debian services are not used: the test runs its own throw-away
# instances on free loopback ports.
set -euo pipefail

missing=()
command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)

# Each binary the test starts answers --version; prints the problems, nothing when all run.
service_problems() {
	local redis postgres_bin
	redis="$(command -v redis-server || echo /usr/bin/redis-server)"
	"$redis" --version >/dev/null 2>&1 || echo "redis-server ($redis) does not run"
	postgres_bin="$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -n 1)"
	for tool in initdb postgres psql; do
		"$postgres_bin/$tool" --version >/dev/null 2>&1 || echo "PostgreSQL's $tool ($postgres_bin/$tool) does not run"
	done
}

check_services() {
	local problems
	problems="$(service_problems)"
	if [ -n "$problems" ]; then
		echo "$problems" >&2
		echo "reinstall them: apt-get install --reinstall redis-server postgresql" >&2
		exit 1
	fi
	echo "$(redis-server --version | cut -d' ' -f1-3) and $("$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -n 1)/postgres" --version) run"
}

if [ "${#missing[@]}" -eq 0 ]; then
	check_services
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
check_services
