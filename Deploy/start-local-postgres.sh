#!/usr/bin/env bash
# Start a throwaway local PostgreSQL for development and tests.
#
#   Deploy/start-local-postgres.sh [PORT]          # default port 54329
#   eval "$(Deploy/start-local-postgres.sh)"       # also sets DATABASE_URL here
#
# Standard output is shell (export lines and comments), so it can be eval'd;
# progress goes to standard error. Trust authentication on 127.0.0.1 only: never
# use this for anything but development.
#
# Environment:
#   PG_FAST=1   -c fsync=off -c synchronous_commit=off (functional tests only;
#               benchmarks must keep fsync on)
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: start-local-postgres.sh [PORT]

Starts a throwaway PostgreSQL on 127.0.0.1:PORT (default 54329) with its data
directory under /tmp, creates the database "smepilot", and prints the
DATABASE_URL to use and the command that stops it and removes the directory.
Installs Debian's "postgresql" package first if no server binaries are found
(needs root). Set PG_FAST=1 to turn fsync off (tests only, never benchmarks).
EOF
}

die() { echo "start-local-postgres.sh: $*" >&2; exit 1; }
log() { echo "start-local-postgres.sh: $*" >&2; }

case "${1:-}" in
    -h | --help) usage; exit 0 ;;
esac
[[ $# -le 1 ]] || { usage >&2; exit 1; }
port="${1:-54329}"
if ! [[ "$port" =~ ^[0-9]+$ ]] || ((port < 1024 || port > 65535)); then
    die "PORT must be a number from 1024 to 65535 (got '$port')"
fi

# --- find (or install) the server binaries -----------------------------------
find_bindir() {
    local d
    # Debian/Ubuntu: /usr/lib/postgresql/<major>/bin; take the newest major.
    d="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
        echo "$d"
        return 0
    fi
    # Elsewhere: initdb on PATH.
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

if ! bindir="$(find_bindir)"; then
    [[ "$(id -u)" -eq 0 ]] || die "no PostgreSQL server binaries found; as root: apt-get update && apt-get install -y postgresql"
    command -v apt-get >/dev/null 2>&1 || die "no PostgreSQL server binaries found and no apt-get to install them"
    log "PostgreSQL not found: installing Debian's postgresql package"
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
    bindir="$(find_bindir)" || die "installed postgresql but found no initdb under /usr/lib/postgresql/*/bin"
fi
log "using $bindir ($("$bindir/postgres" --version))"

# --- who runs the server --------------------------------------------------------
# initdb refuses root: as root, run the server as the postgres user.
run=()
if [[ "$(id -u)" -eq 0 ]]; then
    getent passwd postgres >/dev/null || die "running as root but there is no 'postgres' user to run the server as"
    command -v runuser >/dev/null 2>&1 || die "runuser not found (util-linux)"
    run=(runuser -u postgres --)
fi

# --- port must be free ------------------------------------------------------------
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port on 127.0.0.1 is in use; pass another: $0 PORT"
fi

# --- data directory under /tmp (readable by the postgres user) -------------------
datadir="$(mktemp -d /tmp/smepilot-pg.XXXXXX)"
cleanup_on_error() {
    local rc=$?
    if [[ $rc -ne 0 ]]; then
        if [[ -f "$datadir/server.log" ]]; then
            log "server log (last lines):"
            tail -n 20 "$datadir/server.log" >&2 || true
        fi
        "${run[@]}" "$bindir/pg_ctl" -D "$datadir" -m immediate stop >/dev/null 2>&1 || true
        rm -rf -- "$datadir"
        log "failed; removed $datadir"
    fi
}
trap cleanup_on_error EXIT
if [[ "$(id -u)" -eq 0 ]]; then
    chown postgres: "$datadir"
fi
chmod 700 "$datadir"

# The postgres user must be able to read the current directory.
cd /

log "initdb in $datadir"
"${run[@]}" "$bindir/initdb" -D "$datadir" -A trust -U postgres -E UTF8 --no-locale >/dev/null

opts="-p $port -c listen_addresses=127.0.0.1 -k $datadir"
if [[ "${PG_FAST:-0}" == "1" ]]; then
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    log "PG_FAST=1: fsync off (tests only)"
fi

log "starting on 127.0.0.1:$port"
"${run[@]}" "$bindir/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w -t 60 start -o "$opts" >/dev/null

# Client tools from the same version directory when present.
createdb="$bindir/createdb"
[[ -x "$createdb" ]] || createdb="$(command -v createdb)" || die "createdb not found"
"$createdb" -h 127.0.0.1 -p "$port" -U postgres smepilot

trap - EXIT

url="postgres://postgres@127.0.0.1:$port/smepilot?tlsmode=disable"
if [[ ${#run[@]} -gt 0 ]]; then
    stop="cd / && runuser -u postgres -- $bindir/pg_ctl -D $datadir -m fast stop && rm -rf $datadir"
else
    stop="$bindir/pg_ctl -D $datadir -m fast stop && rm -rf $datadir"
fi

log "ready: database smepilot on 127.0.0.1:$port (data in $datadir)"
cat <<EOF
# SMEPilot local PostgreSQL (throwaway, trust auth, 127.0.0.1 only)
export DATABASE_URL='$url'
export SMEPILOT_PG_DATADIR='$datadir'
# psql: psql -h 127.0.0.1 -p $port -U postgres smepilot
# stop and remove it:
#   $stop
EOF
