#!/usr/bin/env bash
# Developer set-up of p135portal, then run the site or the tests.
#
#   bash scripts/dev.sh run            set up, seed demo data, serve on 127.0.0.1:8000
#   bash scripts/dev.sh test [ARGS]    set up, then: python -m pytest ARGS
#
# Steps (each one is skipped quickly when already done):
#   1. find a Python >= 3.12 (or reuse .venv's)
#   2. .venv with requirements-dev.txt (reinstalled when a requirements file changes)
#   3. Debian libraries (WeasyPrint; for tests also chromium, poppler-utils, fonts)
#   4. PostgreSQL: $DATABASE_URL if set; else a server on 127.0.0.1:5432 (user postgres,
#      no password); else a project-local cluster in var/postgres on 127.0.0.1:5433
#   5. create the database named in DATABASE_URL if missing
#   6. development defaults (DEBUG=1)
#   7. migrate, and the cache table
#   8. run (with the background worker, manage.py db_worker) or test
#
# Environment:
#   DATABASE_URL        use this database instead of choosing one (step 4)
#   P135_LOCAL_PG_PORT  port of the project-local cluster (default 5433)
#   DEBUG               defaults to 1 here
#   P135_SETUP_ONLY=1   (for testing this script) stop after step 5 and print DATABASE_URL
#
# The project-local cluster keeps running after this script ends. Stop it with
#   pg_ctl -D var/postgres/data stop        (as root: runuser -u postgres -- pg_ctl ...)
# and delete var/postgres to start afresh.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

VENV="$ROOT/.venv"
VPY="$VENV/bin/python"
STAMP="$VENV/.requirements.sha256"
PGROOT="$ROOT/var/postgres"
PGDATA_DIR="$PGROOT/data"
PGLOG="$PGROOT/server.log"
PGRUN="$PGROOT/run"
DB_NAME="p135portal"

say() { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

usage() {
    cat >&2 <<'EOF'
usage: bash scripts/dev.sh run
       bash scripts/dev.sh test [pytest arguments]
(or: make run, make test ARGS="-k login -x")
EOF
    exit 2
}

# Microseconds since the epoch (whole seconds on bash < 5, which lacks EPOCHREALTIME).
now() {
    if [[ -n "${EPOCHREALTIME:-}" ]]; then
        echo "${EPOCHREALTIME/[.,]/}"
    else
        echo "$((SECONDS * 1000000))"
    fi
}
T0="$(now)"

MODE="${1:-}"
case "$MODE" in
    run | test) shift ;;
    *) usage ;;
esac

IS_ROOT=0
[[ "$(id -u)" == 0 ]] && IS_ROOT=1

# ---------------------------------------------------------------- 1. Python >= 3.12
py_ok() { "$1" -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1; }

find_python() {
    local cand root
    local -a cands=(python3.13 python3.12 python3)
    if command -v pyenv >/dev/null 2>&1 && root="$(pyenv root 2>/dev/null)" && [[ -d "$root/versions" ]]; then
        # Newest first: sort the version directories by version number, descending.
        while IFS= read -r cand; do
            cands+=("$cand")
        done < <(compgen -G "$root/versions/*/bin/python3" | sort -rV || true)
    fi
    while IFS= read -r cand; do
        cands+=("$cand")
    done < <(compgen -G '/usr/bin/python3.1[2-9]' | sort -rV || true)
    for cand in "${cands[@]}"; do
        if py_ok "$cand"; then
            # The real interpreter, not a shim (pyenv shims depend on PYENV_VERSION).
            "$cand" -c 'import sys; print(sys.executable)'
            return 0
        fi
    done
    return 1
}

if [[ -x "$VPY" ]] && py_ok "$VPY"; then
    PY="$VPY"
else
    if [[ -e "$VENV" ]]; then
        warn ".venv exists but its python is missing or older than 3.12: recreating it"
        rm -rf "$VENV"
    fi
    PY="$(find_python)" || die "no Python >= 3.12 found (tried python3.13, python3.12, python3, pyenv versions, /usr/bin/python3.1x).
Install one, e.g. 'apt-get install python3.12' or 'pyenv install 3.13', then run again."
fi
say "Python $("$PY" -c 'import platform; print(platform.python_version())') ($PY)"

# ---------------------------------------------------------------- 2. virtualenv
req_hash() { cat requirements.txt requirements-dev.txt | "$PY" -c 'import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())'; }

[[ -f requirements.txt && -f requirements-dev.txt ]] || die "requirements.txt or requirements-dev.txt missing in $ROOT"
if [[ ! -x "$VPY" ]]; then
    say "creating .venv"
    "$PY" -m venv "$VENV"
    "$VPY" -m pip install -q --upgrade pip
fi
WANT_HASH="$(req_hash)"
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$WANT_HASH" ]]; then
    say "dependencies up to date"
else
    say "installing requirements-dev.txt into .venv"
    "$VPY" -m pip install -q -r requirements-dev.txt
    echo "$WANT_HASH" >"$STAMP"
fi

# ---------------------------------------------------------------- 3. Debian libraries
DEB_PKGS=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)  # WeasyPrint
if [[ "$MODE" == test ]]; then
    DEB_PKGS+=(chromium poppler-utils fonts-liberation2)  # browser tests, PDF checks
fi

if command -v dpkg >/dev/null 2>&1; then
    missing=()
    for pkg in "${DEB_PKGS[@]}"; do
        status="$(dpkg -s "$pkg" 2>/dev/null || true)"
        [[ "$status" == *"Status: install ok installed"* ]] || missing+=("$pkg")
    done
    if ((${#missing[@]})); then
        if ((IS_ROOT)); then
            say "installing Debian packages: ${missing[*]}"
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
        else
            die "missing Debian packages: ${missing[*]}
Install them with:
  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}"
        fi
    fi
else
    warn "not a Debian system (no dpkg): make sure the equivalents of these are installed: ${DEB_PKGS[*]}"
fi

# ---------------------------------------------------------------- 4. PostgreSQL
# Print a URL with its password hidden.
mask_url() { sed -E 's#(://[^:/@]*):[^@/]*@#\1:***@#' <<<"$1"; }

# Run a command as the postgres OS user when we are root (initdb refuses root), else as us.
as_pg() {
    if ((IS_ROOT)); then
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}

# Set PG_BIN to a directory holding pg_ctl and initdb: the one of pg_ctl in PATH, else the
# newest /usr/lib/postgresql/*/bin. Returns 1 when none.
find_pg_bin() {
    local dir p
    local -a dirs=()
    if p="$(command -v pg_ctl 2>/dev/null)"; then
        dirs+=("$(dirname "$(readlink -f "$p")")")
    fi
    while IFS= read -r dir; do
        dirs+=("$dir")
    done < <(compgen -G '/usr/lib/postgresql/*/bin' | sort -rV || true)
    for dir in "${dirs[@]}"; do
        if [[ -x "$dir/pg_ctl" && -x "$dir/initdb" ]]; then
            PG_BIN="$dir"
            return 0
        fi
    done
    return 1
}

# Make sure the postgres OS user can reach $PGROOT (root only).
prepare_pg_dirs_for_postgres_user() {
    if ! id -u postgres >/dev/null 2>&1; then
        say "creating system user postgres"
        useradd --system --user-group --no-create-home --shell /bin/sh postgres
    fi
    # Directories inside the repo may be fixed here; the repo's parents are not ours to change.
    local d
    for d in "$ROOT" "$ROOT/var" "$PGROOT"; do
        [[ "$(stat -c %a "$d")" =~ [1357]$ ]] || chmod o+x "$d"
    done
    if [[ -n "$(find "$PGROOT" ! -user postgres -print -quit)" ]]; then
        chown -R postgres: "$PGROOT"
    fi
    if ! as_pg test -x "$PGROOT" -a -w "$PGROOT"; then
        local blocked="" path=""
        local -a parts
        IFS=/ read -ra parts <<<"${ROOT#/}"
        for d in "" "${parts[@]}"; do
            path="${path%/}/$d"
            if ! as_pg test -x "$path"; then
                blocked="$path"
                break
            fi
        done
        die "the postgres OS user cannot reach $PGROOT${blocked:+ (directory $blocked is not traversable by others)}.
The local cluster runs as user postgres, so every parent directory of $ROOT needs the
'x' permission for others (e.g. chmod o+x ${blocked:-DIR}). Alternatively set DATABASE_URL
to an existing PostgreSQL server."
    fi
}

start_local_cluster() {
    local port="${P135_LOCAL_PG_PORT:-5433}"
    [[ "$port" =~ ^[0-9]+$ ]] || die "P135_LOCAL_PG_PORT must be a port number, not '$port'"

    if ! find_pg_bin; then
        if ((IS_ROOT)) && command -v apt-get >/dev/null 2>&1; then
            say "installing Debian package postgresql"
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
            find_pg_bin || die "postgresql installed but pg_ctl/initdb not found under /usr/lib/postgresql/*/bin"
        else
            die "no PostgreSQL server binaries (pg_ctl, initdb) found. Install the Debian package 'postgresql':
  sudo apt-get update && sudo apt-get install -y postgresql
or set DATABASE_URL to an existing server."
        fi
    fi
    local pg_ctl="$PG_BIN/pg_ctl" initdb="$PG_BIN/initdb" pg_isready="$PG_BIN/pg_isready"
    [[ -x "$pg_isready" ]] || pg_isready="$(command -v pg_isready || true)"

    mkdir -p "$PGROOT" "$PGRUN"
    ((IS_ROOT)) && prepare_pg_dirs_for_postgres_user

    if [[ ! -f "$PGDATA_DIR/PG_VERSION" ]]; then
        say "initialising a project-local PostgreSQL cluster in var/postgres/data"
        if ! as_pg "$initdb" -D "$PGDATA_DIR" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
            >"$PGROOT/initdb.log" 2>&1; then
            cat "$PGROOT/initdb.log" >&2
            die "initdb failed (log above, also in var/postgres/initdb.log)"
        fi
        ((IS_ROOT)) && chown postgres: "$PGROOT/initdb.log"
    fi

    # A unix socket path longer than ~107 bytes cannot be created: then TCP only.
    local sockdir="$PGRUN"
    if ((${#PGRUN} + 16 > 100)); then
        warn "repo path too long for a unix socket in var/postgres/run: the local cluster listens on TCP only"
        sockdir=""
    fi

    if as_pg "$pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
        # Running: restart it if it listens on another port than the one asked for.
        local running_port
        running_port="$(sed -n 4p "$PGDATA_DIR/postmaster.pid" 2>/dev/null || true)"
        if [[ -n "$running_port" && "$running_port" != "$port" ]]; then
            say "local cluster runs on port $running_port, restarting it on port $port"
            as_pg "$pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null
        fi
    fi
    if ! as_pg "$pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
        say "starting the local PostgreSQL cluster on 127.0.0.1:$port"
        if ! as_pg "$pg_ctl" -D "$PGDATA_DIR" -l "$PGLOG" \
            -o "-p $port -k '$sockdir' -c listen_addresses=127.0.0.1" -w start >/dev/null; then
            tail -n 20 "$PGLOG" >&2 || true
            die "the local PostgreSQL cluster did not start (log: var/postgres/server.log; is port $port taken? set P135_LOCAL_PG_PORT)"
        fi
    fi
    if [[ -n "$pg_isready" ]] && ! "$pg_isready" -q -h 127.0.0.1 -p "$port" -t 10; then
        die "the local PostgreSQL cluster does not answer on 127.0.0.1:$port (log: var/postgres/server.log)"
    fi
    DATABASE_URL="postgres://postgres@127.0.0.1:$port/$DB_NAME"
    say "PostgreSQL: project-local cluster in var/postgres on 127.0.0.1:$port ($DATABASE_URL)"
}

if [[ -n "${DATABASE_URL:-}" ]]; then
    say "PostgreSQL: DATABASE_URL from the environment ($(mask_url "$DATABASE_URL"))"
elif "$VPY" -c 'import socket; socket.create_connection(("127.0.0.1", 5432), 1).close()' >/dev/null 2>&1; then
    DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB_NAME"
    say "PostgreSQL: server on 127.0.0.1:5432 ($DATABASE_URL)"
else
    start_local_cluster
fi
export DATABASE_URL

# ---------------------------------------------------------------- 5. database
"$VPY" scripts/ensure_db.py

if [[ "${P135_SETUP_ONLY:-}" == 1 ]]; then
    echo "DATABASE_URL=$DATABASE_URL"
    exit 0
fi

# ---------------------------------------------------------------- 6. development defaults
export DEBUG="${DEBUG:-1}"

# ---------------------------------------------------------------- 7. migrations
[[ -f manage.py ]] || die "manage.py not found in $ROOT"
"$VPY" manage.py migrate --noinput -v 0
"$VPY" manage.py createcachetable
say "migrations applied"

elapsed() {
    local us=$(($(now) - T0))
    printf '%d.%d' $((us / 1000000)) $((us % 1000000 / 100000))
}

# ---------------------------------------------------------------- 8. run or test
case "$MODE" in
    run)
        "$VPY" manage.py seed_demo
        # The background worker (large summaries) runs beside the web server and stops with it.
        "$VPY" manage.py db_worker --queue-name '*' &
        WORKER=$!
        trap 'kill "$WORKER" 2>/dev/null' EXIT INT TERM
        say "set-up took $(elapsed)s; background worker started; serving on http://127.0.0.1:8000/"
        "$VPY" manage.py runserver 127.0.0.1:8000
        ;;
    test)
        say "set-up took $(elapsed)s; running pytest $*"
        exec "$VPY" -m pytest "$@"
        ;;
esac
