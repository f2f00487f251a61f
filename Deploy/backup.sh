#!/usr/bin/env bash
# Back up the SMEPilot database.
#
#   PostgreSQL (DATABASE_URL set):  pg_dump custom format
#                                    DIR/smepilot-pg-DBNAME-YYYYMMDDTHHMMSSZ.dump
#   SQLite (DATABASE_URL unset):    sqlite3 .backup (online, consistent), gzipped
#                                    DIR/smepilot-sqlite-YYYYMMDDTHHMMSSZ.sqlite.gz
#
# After a successful backup, backups of the same kind older than the retention
# period are deleted, always keeping the newest few. Passwords are never printed
# and never put on a command line (a temporary 0600 passfile is used).
#
# Cron example (as the smepilot user, nightly at 02:30):
#   30 2 * * *  set -a; . /etc/smepilot/env; set +a; /opt/smepilot/Deploy/backup.sh -d /var/backups/smepilot
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: backup.sh [-d DIR] [-k DAYS] [-n COUNT] [-s SQLITE_FILE]

Backs up the database named by DATABASE_URL (postgres://user:pass@host:port/db?tlsmode=…),
or, when DATABASE_URL is unset, the SQLite file (default ./data/smepilot.sqlite).

Options (environment variable in brackets):
  -d DIR     where backups go                         [BACKUP_DIR, default /var/backups/smepilot]
  -k DAYS    delete backups older than DAYS days       [BACKUP_KEEP_DAYS, default 14; 0 = never]
  -n COUNT   but always keep the newest COUNT backups  [BACKUP_KEEP_MIN, default 3]
  -s FILE    SQLite database file                      [SMEPILOT_SQLITE, default ./data/smepilot.sqlite]
  -h         this help

Other environment: PG_BIN (directory holding pg_dump/pg_restore, e.g. /usr/lib/postgresql/15/bin).
Prints the path of the new backup on the last line of standard output.
EOF
}

die() { echo "backup.sh: $*" >&2; exit 1; }
log() { echo "backup.sh: $*" >&2; }

backup_dir="${BACKUP_DIR:-/var/backups/smepilot}"
keep_days="${BACKUP_KEEP_DAYS:-14}"
keep_min="${BACKUP_KEEP_MIN:-3}"
sqlite_file="${SMEPILOT_SQLITE:-./data/smepilot.sqlite}"

while getopts ":d:k:n:s:h" opt; do
    case "$opt" in
        d) backup_dir="$OPTARG" ;;
        k) keep_days="$OPTARG" ;;
        n) keep_min="$OPTARG" ;;
        s) sqlite_file="$OPTARG" ;;
        h) usage; exit 0 ;;
        :) usage >&2; die "option -$OPTARG needs a value" ;;
        *) usage >&2; die "unknown option -$OPTARG" ;;
    esac
done
shift $((OPTIND - 1))
[[ $# -eq 0 ]] || { usage >&2; die "unexpected argument: $1"; }
[[ "$keep_days" =~ ^[0-9]+$ ]] || die "-k DAYS must be a whole number (got '$keep_days')"
[[ "$keep_min" =~ ^[0-9]+$ ]] || die "-n COUNT must be a whole number (got '$keep_min')"

# Files this script creates are readable by their owner only.
umask 077

tmp_files=()
cleanup() { local f; for f in "${tmp_files[@]}"; do rm -f -- "$f"; done; }
trap cleanup EXIT

# --- DATABASE_URL → libpq environment (never echoes the password) -----------
urldecode() {
    local s="${1//\\/\\\\}"
    printf '%b' "${s//%/\\x}"
}

# Sets and exports PGHOST PGPORT PGUSER PGDATABASE [PGSSLMODE], and PGPASSFILE
# pointing at a temporary 0600 file when the URL carries a password.
pg_env_from_url() {
    local url="$1" rest query="" userinfo="" hostport path="" user="" pass="" host port=""
    case "$url" in
        postgres://* | postgresql://*) ;;
        *) die "DATABASE_URL must start with postgres:// (the value is not shown)" ;;
    esac
    rest="${url#*://}"
    if [[ "$rest" == *\?* ]]; then query="${rest#*\?}"; rest="${rest%%\?*}"; fi
    if [[ "$rest" == *@* ]]; then userinfo="${rest%@*}"; rest="${rest##*@}"; fi
    if [[ "$rest" == */* ]]; then path="${rest#*/}"; hostport="${rest%%/*}"; else hostport="$rest"; fi
    if [[ "$hostport" == \[* ]]; then
        host="${hostport#\[}"; host="${host%%\]*}"
        port="${hostport##*\]}"; port="${port#:}"
    else
        host="${hostport%%:*}"
        [[ "$hostport" == *:* ]] && port="${hostport##*:}"
    fi
    if [[ -n "$userinfo" ]]; then
        user="$(urldecode "${userinfo%%:*}")"
        [[ "$userinfo" == *:* ]] && pass="$(urldecode "${userinfo#*:}")"
    fi
    [[ -n "$path" ]] || die "DATABASE_URL names no database (…/DBNAME)"

    export PGHOST="${host:-localhost}" PGPORT="${port:-5432}" PGDATABASE
    PGDATABASE="$(urldecode "$path")"
    [[ -n "$user" ]] && export PGUSER="$user"
    export PGAPPNAME="smepilot-backup"

    local kv key val
    local -a pairs=()
    [[ -n "$query" ]] && IFS='&' read -r -a pairs <<<"$query"
    for kv in "${pairs[@]}"; do
        key="${kv%%=*}"; val="${kv#*=}"
        case "$key" in
            tlsmode | sslmode)
                case "$val" in
                    disable | allow | prefer | require | verify-ca | verify-full) export PGSSLMODE="$val" ;;
                    *) die "unsupported $key=$val in DATABASE_URL" ;;
                esac ;;
        esac
    done

    if [[ -n "$pass" ]]; then
        local passfile escaped
        passfile="$(mktemp "${TMPDIR:-/tmp}/smepilot-pgpass.XXXXXX")"
        tmp_files+=("$passfile")
        escaped="${pass//\\/\\\\}"; escaped="${escaped//:/\\:}"
        printf '*:*:*:*:%s\n' "$escaped" >"$passfile"
        export PGPASSFILE="$passfile"
        # libpq would prefer PGPASSWORD over the passfile.
        unset PGPASSWORD
    fi
}

pg_tool() {
    local name="$1"
    if [[ -n "${PG_BIN:-}" ]]; then
        [[ -x "$PG_BIN/$name" ]] || die "$PG_BIN/$name not found (PG_BIN)"
        echo "$PG_BIN/$name"
    else
        command -v "$name" >/dev/null 2>&1 || die "$name not found: install postgresql-client (same major version as the server or newer) or set PG_BIN"
        command -v "$name"
    fi
}

# --- retention ------------------------------------------------------------------
# Deletes files matching GLOB in the backup dir that are older than keep_days,
# never touching the newest keep_min of them (names sort by their timestamp).
prune() {
    local glob="$1" f i=0
    [[ "$keep_days" -eq 0 ]] && return 0
    local -a files=()
    mapfile -t files < <(find "$backup_dir" -maxdepth 1 -type f -name "$glob" -printf '%f\n' | sort -r)
    for f in "${files[@]}"; do
        i=$((i + 1))
        [[ $i -le $keep_min ]] && continue
        if [[ -n "$(find "$backup_dir/$f" -maxdepth 0 -mtime +"$keep_days" -print)" ]]; then
            rm -f -- "${backup_dir:?}/$f"
            log "removed old backup $backup_dir/$f"
        fi
    done
    # Leftovers of interrupted runs.
    find "$backup_dir" -maxdepth 1 -type f -name '*.partial' -mtime +1 -delete
}

# --- main -----------------------------------------------------------------------
mkdir -p -- "$backup_dir"
[[ -w "$backup_dir" ]] || die "cannot write to $backup_dir"
backup_dir="$(cd "$backup_dir" && pwd)"

# One backup at a time per directory (cron overlap).
if command -v flock >/dev/null 2>&1; then
    exec 9>"$backup_dir/.backup.lock"
    flock -n 9 || die "another backup is running in $backup_dir"
fi

ts="$(date -u +%Y%m%dT%H%M%SZ)"

if [[ -n "${DATABASE_URL:-}" ]]; then
    pg_env_from_url "$DATABASE_URL"
    pg_dump="$(pg_tool pg_dump)"
    pg_restore="$(pg_tool pg_restore)"
    [[ "$PGDATABASE" =~ ^[A-Za-z0-9_.-]+$ ]] || die "database name '$PGDATABASE' has characters unsafe in a file name"

    out="$backup_dir/smepilot-pg-$PGDATABASE-$ts.dump"
    tmp="$out.partial"
    tmp_files+=("$tmp")
    log "dumping database $PGDATABASE on $PGHOST:$PGPORT${PGUSER:+ as $PGUSER}"
    "$pg_dump" --format=custom --compress=6 --no-password --file="$tmp"
    # A readable archive, or it does not count as a backup.
    "$pg_restore" --list "$tmp" >/dev/null || die "pg_restore cannot read the new archive"
    mv -- "$tmp" "$out"
    prune "smepilot-pg-$PGDATABASE-*.dump"
else
    command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 not found (apt-get install sqlite3)"
    command -v gzip >/dev/null 2>&1 || die "gzip not found"
    [[ -f "$sqlite_file" ]] || die "DATABASE_URL is unset and the SQLite file $sqlite_file does not exist (use -s FILE)"
    [[ "$backup_dir" != *"'"* ]] || die "the backup directory path must not contain a single quote"

    out="$backup_dir/smepilot-sqlite-$ts.sqlite.gz"
    tmp="$backup_dir/.smepilot-sqlite-$ts.sqlite.partial"
    tmp_files+=("$tmp" "$tmp.gz")
    log "backing up SQLite file $sqlite_file"
    # Online backup API: consistent even while the server is writing (WAL or not).
    sqlite3 -bail -cmd ".timeout 30000" "$sqlite_file" ".backup '$tmp'"
    check="$(sqlite3 -bail "$tmp" 'PRAGMA integrity_check;')"
    [[ "$check" == "ok" ]] || die "integrity check of the copy failed: $check"
    gzip -6 -- "$tmp"
    mv -- "$tmp.gz" "$out"
    prune "smepilot-sqlite-*.sqlite.gz"
fi

log "backup written ($(du -h -- "$out" | cut -f1))"
echo "$out"
