#!/usr/bin/env bash
# The test command (README): installs what the suites need, starts a throwaway PostgreSQL on a free
# loopback port, runs every test project on SQLite and on PostgreSQL (the two lanes side by side), stops what it started,
# and exits non-zero on any failure. A server that does not start is a failure, never a skip.
#
#   scripts/test.sh                 every suite, both databases
#   scripts/test.sh --db sqlite     one database only (postgres | sqlite)
#   scripts/test.sh --filter X      passes --filter X to dotnet test (e.g. FullyQualifiedName~Account)
#   scripts/test.sh --no-browser    skip the browser suite (quick local runs only; CI runs it)
#   scripts/test.sh --browser-on-each-database   the browser suite on PostgreSQL too (by default it runs on
#                                   SQLite only: the integration suite exercises both databases, and a second
#                                   browser run would take the whole run past its 20-minute budget)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

databases=(sqlite postgres)
filter=""
browser=1
browser_everywhere=0
while [ $# -gt 0 ]; do
  case "$1" in
    --db) databases=("$2"); shift 2 ;;
    --filter) filter="$2"; shift 2 ;;
    --no-browser) browser=0; shift ;;
    --browser-on-each-database) browser_everywhere=1; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

log() { printf '\n== %s\n' "$*"; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# --- packages ---------------------------------------------------------------------------------
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
# Arabic glyphs for the screenshots the browser suite writes.
dpkg -s fonts-noto-core >/dev/null 2>&1 || missing+=(fonts-noto-core)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- PostgreSQL -------------------------------------------------------------------------------
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
work=$(mktemp -d /tmp/ep-test.XXXXXX)
pg_data="$work/pg"
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pg_port=$(free_port)

if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$work"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

stop_all() {
  local status=$?
  if [ -f "$pg_data/postmaster.pid" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  exit $status
}
trap stop_all EXIT INT TERM

if [[ " ${databases[*]} " == *" postgres "* ]]; then
  log "starting PostgreSQL ($pg_bin) on 127.0.0.1:$pg_port"
  as_pg "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # A throwaway server: durability off for speed.
  as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg.log" -w -t 60 \
    -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" start >/dev/null \
    || { cat "$work/pg.log" >&2; echo "PostgreSQL did not start" >&2; exit 1; }
  export EP_TEST_PG="Host=127.0.0.1;Port=$pg_port;Username=postgres;Maximum Pool Size=40;Timeout=30"
fi

if [ $browser -eq 1 ]; then
  log "checking that Chromium starts"
  profile="$work/chromium-check"
  timeout 60 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" --dump-dom about:blank >/dev/null 2>&1 \
    || { echo "Chromium did not start" >&2; exit 1; }
fi

# --- build once, then every suite on every database -------------------------------------------
log "restoring the local dotnet tools (.config/dotnet-tools.json)"
dotnet tool restore >/dev/null
log "building"
dotnet build EParticipation.sln -c Release -nologo -v quiet

projects=(tests/EParticipation.Tests)
# The browser suite's database: SQLite (the portal as `dotnet run` starts it), or every database asked for.
browser_db=sqlite
[[ " ${databases[*]} " == *" sqlite "* ]] || browser_db=${databases[0]}
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

# One lane per database: the integration suite, then (on the browser's database) the browser suite. The lanes run side by side
# (every server they start listens on a free port and every database they make has its own name), so
# the wall time is about that of the slower lane; each lane's lines carry its database's name.
run_lane() {
  local db=$1 status=0
  local lane=("${projects[@]}")
  if [ $browser -eq 1 ] && { [ $browser_everywhere -eq 1 ] || [ "$db" = "$browser_db" ]; }; then
    lane+=(tests/EParticipation.BrowserTests)
  fi
  for project in "${lane[@]}"; do
    local name
    name=$(basename "$project")
    log "$name on $db"
    local args=(test "$project" -c Release --no-build -nologo --logger "console;verbosity=minimal" --logger "trx;LogFileName=$name-$db.trx" --results-directory "$results")
    [ -n "$filter" ] && args+=(--filter "$filter")
    local started=$SECONDS
    if ! EP_TEST_DB=$db EP_TEST_RESULTS="$results/$db" dotnet "${args[@]}"; then
      status=1
      echo "FAILED: $name on $db" >&2
    fi
    log "$name on $db took $((SECONDS - started)) s"
  done
  return $status
}

pids=()
for db in "${databases[@]}"; do
  ( run_lane "$db"; echo $? >"$work/lane-$db.status" ) 2>&1 | sed -u "s/^/[$db] /" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || true; done

failed=0
for db in "${databases[@]}"; do
  if [ "$(cat "$work/lane-$db.status" 2>/dev/null || echo 1)" != 0 ]; then
    failed=1
    echo "FAILED: the $db lane" >&2
  fi
done
if [ $failed -ne 0 ]; then
  log "some suites failed"
  exit 1
fi
log "all suites passed in $SECONDS s"
