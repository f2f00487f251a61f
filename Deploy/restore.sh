#!/usr/bin/env bash
# Restore a SMEPilot backup made by backup.sh.
#
#   PostgreSQL (DATABASE_URL set): restores a .dump into the database named with
#   --into, on the server (and with the credentials) of DATABASE_URL. The safe
#   habit: restore into a NEW name, check it (smepilot audit verify), then point
#   DATABASE_URL at it.
#
#   SQLite (DATABASE_URL unset): restores a .sqlite.gz into the file named with
#   --into (default ./data/smepilot.sqlite). Stop smepilot first.
#
# Nothing is changed without --yes. Passwords are never printed and never put on a
# command line.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: restore.sh --into TARGET [--replace] [--yes] BACKUP_FILE

PostgreSQL (DATABASE_URL set; its host, port, user and password are used):
  BACKUP_FILE        a smepilot-pg-*.dump from backup.sh
  --into NAME        database to restore into; created if absent
  --replace          NAME exists: drop it first (DROP DATABASE … WITH (FORCE),
                     which disconnects its clients); without it an existing
                     database is refused
  --maintenance-db D database to connect to for CREATE/DROP (default postgres)

SQLite (DATABASE_URL unset):
  BACKUP_FILE        a smepilot-sqlite-*.sqlite.gz (or a plain .sqlite)
  --into FILE        database file to write
                     (default: $SMEPILOT_SQLITE or ./data/smepilot.sqlite)
  --replace          FILE exists: overwrite it (a copy is kept as
                     FILE.pre-restore-TIMESTAMP); stop smepilot first

Both:
  --yes              really do it; without it, only say what would be done
  -h, --help         this help

Other environment: PG_BIN (directory holding psql/pg_restore).
After restoring: run `smepilot migrate` (a backup may predate migrations) and
`smepilot audit verify` against the restored database.
EOF
}

die() { echo "restore.sh: $*" >&2; exit 1; }
log() { echo "restore.sh: $*" >&2; }

target=""
replace=false
confirmed=false
maintenance_db="postgres"
file=""

while [[ $# -gt 0 ]]; do
    case "$1" in
        --into) [[ $# -ge 2 ]] || die "--into needs a value"; target="$2"; shift 2 ;;
        --into=*) target="${1#--into=}"; shift ;;
        --replace) replace=true; shift ;;
        --yes) confirmed=true; shift ;;
        --maintenance-db) [[ $# -ge 2 ]] || die "--maintenance-db needs a value"; maintenance_db="$2"; shift 2 ;;
        --maintenance-db=*) maintenance_db="${1#--maintenance-db=}"; shift ;;
        -h | --help) usage; exit 0 ;;
        --) shift; break ;;
        -*) usage >&2; die "unknown option $1" ;;
        *) [[ -z "$file" ]] || { usage >&2; die "only one backup file, please"; }; file="$1"; shift ;;
    esac
done
if [[ $# -gt 0 ]]; then
    [[ -z "$file" && $# -eq 1 ]] || { usage >&2; die "only one backup file, please"; }
    file="$1"
fi
[[ -n "$file" ]] || { usage >&2; die "no backup file given"; }
[[ -f "$file" ]] || die "backup file $file not found"

umask 077

tmp_files=()
cleanup() { local f; for f in "${tmp_files[@]}"; do rm -f -- "$f"; done; }
trap cleanup EXIT

# --- DATABASE_URL → libpq environment (same as backup.sh) --------------------
urldecode() {
    local s="${1//\\/\\\\}"
    printf '%b' "${s//%/\\x}"
}

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

    export PGHOST="${host:-localhost}" PGPORT="${port:-5432}" PGDATABASE
    PGDATABASE="$(urldecode "$path")"
    [[ -n "$user" ]] && export PGUSER="$user"
    export PGAPPNAME="smepilot-restore"

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
        unset PGPASSWORD
    fi
}

pg_tool() {
    local name="$1"
    if [[ -n "${PG_BIN:-}" ]]; then
        [[ -x "$PG_BIN/$name" ]] || die "$PG_BIN/$name not found (PG_BIN)"
        echo "$PG_BIN/$name"
    else
        command -v "$name" >/dev/null 2>&1 || die "$name not found: install postgresql-client or set PG_BIN"
        command -v "$name"
    fi
}

# --- PostgreSQL -----------------------------------------------------------------
restore_pg() {
    pg_env_from_url "$DATABASE_URL"
    local psql pg_restore exists
    psql="$(pg_tool psql)"
    pg_restore="$(pg_tool pg_restore)"

    [[ -n "$target" ]] || die "name the database to restore into: --into NAME (e.g. --into smepilot_restored)"
    # Only plain identifiers: they are spliced into CREATE/DROP DATABASE.
    [[ "$target" =~ ^[A-Za-z_][A-Za-z0-9_]{0,62}$ ]] \
        || die "--into NAME must be letters, digits and underscores (at most 63), starting with a letter or underscore"
    [[ "$maintenance_db" =~ ^[A-Za-z_][A-Za-z0-9_]{0,62}$ ]] || die "bad --maintenance-db name"
    [[ "$target" != "$maintenance_db" ]] || die "cannot restore into the maintenance database $maintenance_db"

    "$pg_restore" --list "$file" >/dev/null 2>&1 || die "$file is not a pg_dump custom-format archive"

    local where="$PGHOST:$PGPORT${PGUSER:+ as $PGUSER}"
    run_psql() { "$psql" -X -q -At --no-password -v ON_ERROR_STOP=1 -d "$maintenance_db" "$@"; }
    exists="$(run_psql -c "SELECT 1 FROM pg_database WHERE datname = '$target'")" \
        || die "cannot connect to $maintenance_db on $where"

    if [[ "$exists" == "1" && "$replace" != true ]]; then
        die "database $target already exists on $where; add --replace to drop and recreate it, or choose another --into name"
    fi

    local action="restore $file into NEW database $target on $where"
    [[ "$exists" == "1" ]] && action="DROP database $target on $where (disconnecting its clients), recreate it and restore $file into it"
    if [[ "$confirmed" != true ]]; then
        echo "Would $action."
        echo "Nothing changed. Add --yes to proceed."
        exit 2
    fi

    if [[ "$exists" == "1" ]]; then
        log "dropping database $target"
        run_psql -c "DROP DATABASE \"$target\" WITH (FORCE)"
    fi
    log "creating database $target"
    run_psql -c "CREATE DATABASE \"$target\" TEMPLATE template0 ENCODING 'UTF8'"
    log "restoring $file into $target"
    # --no-owner/--no-privileges: objects belong to the restoring user, so a dump
    # from one environment restores into another.
    "$pg_restore" --dbname="$target" --no-password --no-owner --no-privileges \
        --exit-on-error --single-transaction "$file"
    log "done: $target on $where. Next: point DATABASE_URL at it (…/$target), run 'smepilot migrate' and 'smepilot audit verify'."
}

# --- SQLite ---------------------------------------------------------------------
restore_sqlite() {
    command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 not found (apt-get install sqlite3)"
    [[ -n "$target" ]] || target="${SMEPILOT_SQLITE:-./data/smepilot.sqlite}"

    local ts work check
    ts="$(date -u +%Y%m%dT%H%M%SZ)"
    work="$(mktemp "${TMPDIR:-/tmp}/smepilot-restore.XXXXXX")"
    tmp_files+=("$work")
    [[ "$work" != *"'"* ]] || die "TMPDIR must not contain a single quote"

    case "$file" in
        *.gz) gzip -dc -- "$file" >"$work" || die "$file is not a readable gzip file" ;;
        *) cat -- "$file" >"$work" ;;
    esac
    check="$(sqlite3 -bail "$work" 'PRAGMA integrity_check;' 2>&1)" || die "$file does not hold an SQLite database"
    [[ "$check" == "ok" ]] || die "integrity check of $file failed: $check"

    if [[ -e "$target" && "$replace" != true ]]; then
        die "$target already exists; add --replace to overwrite it (a copy is kept), or choose another --into file"
    fi
    local action="restore $file into NEW SQLite file $target"
    [[ -e "$target" ]] && action="OVERWRITE SQLite file $target with $file (the current one is copied to $target.pre-restore-$ts)"
    if [[ "$confirmed" != true ]]; then
        echo "Would $action."
        echo "Nothing changed. Add --yes to proceed (stop smepilot first)."
        exit 2
    fi

    mkdir -p -- "$(dirname -- "$target")"
    if [[ -e "$target" ]]; then
        [[ "$target" != *"'"* ]] || die "the target path must not contain a single quote"
        log "keeping a copy of the current database as $target.pre-restore-$ts"
        sqlite3 -bail -cmd ".timeout 30000" "$target" ".backup '$target.pre-restore-$ts'"
    fi
    # .restore goes through SQLite's backup API, so a -wal/-shm left beside the
    # target is handled correctly (copying the file over it would not be).
    log "restoring into $target"
    sqlite3 -bail -cmd ".timeout 30000" "$target" ".restore '$work'"
    check="$(sqlite3 -bail "$target" 'PRAGMA integrity_check;')"
    [[ "$check" == "ok" ]] || die "integrity check of the restored $target failed: $check"
    log "done: $target. Next: 'smepilot migrate' and 'smepilot audit verify', then start smepilot."
}

if [[ -n "${DATABASE_URL:-}" ]]; then
    restore_pg
else
    restore_sqlite
fi
