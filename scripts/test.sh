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
# The browser suite runs in two shards side by side (see "shards" below).
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

# The browser suite's database: SQLite (the portal as `dotnet run` starts it), or every database asked for.
browser_db=sqlite
[[ " ${databases[*]} " == *" sqlite "* ]] || browser_db=${databases[0]}
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

# The browser suite runs as two shards, each its own process with its own portal and Chromium: it mostly
# waits on the browser and the portal (about a third of a core), so two shards side by side take about
# half its wall time. Platform's pages (shell, accessibility, accounts, admin) and the cases journeys are
# one shard, the other modules' journeys the other: measured side by side, about 550 and 590 s of tests.
# On CI's 2-core machine this took the whole run to 1,188 s (integration about 8 minutes, then the
# shards 8 and 9.5). Starting the shards at once, beside the integration suites, was slower: the
# integration suites use every core, and four lanes took each of them past 18 minutes.
# The longer shard comes first: it goes to the SQLite lane, whose integration suite ends first.
# Service ratings' journey moved to the second shard (2026-12-01: the shards measured 538 and 462 s).
# Since axe runs in the page itself (BrowserFixture.AxeRun, 2026-12-03; 0.3-0.5 s a check instead of
# 1.0-2.5 s) the sweeps take about half as long; a fresh-clone CI run then: integration 449 and 457 s, the
# shards side by side 364 and 381 s, 989 s in all.
shards=("modules:FullyQualifiedName!~EParticipation.BrowserTests.Platform.&FullyQualifiedName!~EParticipation.BrowserTests.Cases.&FullyQualifiedName!~EParticipation.BrowserTests.ServiceRatings."
  "platform-cases-ratings:FullyQualifiedName~EParticipation.BrowserTests.Platform.|FullyQualifiedName~EParticipation.BrowserTests.Cases.|FullyQualifiedName~EParticipation.BrowserTests.ServiceRatings.")

# A job is "project|database|shard name|shard filter". Lanes run side by side (every server a job starts
# listens on a free port and every database it makes has its own name); the jobs of one lane run in
# turn. Each database's lane starts with the integration suite; the browser shards follow, one per
# lane, so they run beside each other once the integration suites are done. With one database the
# second shard gets a lane of its own.
declare -A lane_jobs=()
lanes=()
for db in "${databases[@]}"; do
  lanes+=("$db")
  lane_jobs[$db]="tests/EParticipation.Tests|$db||"
done
if [ $browser -eq 1 ]; then
  browser_dbs=("$browser_db")
  [ $browser_everywhere -eq 1 ] && browser_dbs=("${databases[@]}")
  [ ${#lanes[@]} -lt 2 ] && { lanes+=("browser"); lane_jobs[browser]=""; }
  for bdb in "${browser_dbs[@]}"; do
    i=0
    for shard in "${shards[@]}"; do
      lane=${lanes[$((i % ${#lanes[@]}))]}
      job="tests/EParticipation.BrowserTests|$bdb|${shard%%:*}|${shard#*:}"
      lane_jobs[$lane]="${lane_jobs[$lane]:+${lane_jobs[$lane]} }$job"
      i=$((i + 1))
    done
  done
fi

run_lane() {
  local lane=$1 status=0 job
  for job in ${lane_jobs[$lane]}; do
    local project db shard shard_filter
    IFS='|' read -r project db shard shard_filter <<<"$job"
    local name label
    name=$(basename "$project")
    label="$name on $db${shard:+ ($shard)}"
    log "$label"
    local args=(test "$project" -c Release --no-build -nologo --logger "console;verbosity=minimal"
      --logger "trx;LogFileName=$name-$db${shard:+-$shard}.trx" --results-directory "$results")
    local combined=$filter
    if [ -n "$shard_filter" ]; then
      if [ -n "$filter" ]; then combined="($filter)&($shard_filter)"; else combined=$shard_filter; fi
    fi
    [ -n "$combined" ] && args+=(--filter "$combined")
    local started=$SECONDS
    if ! EP_TEST_DB=$db EP_TEST_RESULTS="$results/$db" dotnet "${args[@]}"; then
      status=1
      echo "FAILED: $label" >&2
    fi
    log "$label took $((SECONDS - started)) s"
  done
  return $status
}

pids=()
for lane in "${lanes[@]}"; do
  ( run_lane "$lane"; echo $? >"$work/lane-$lane.status" ) 2>&1 | sed -u "s/^/[$lane] /" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || true; done

failed=0
for lane in "${lanes[@]}"; do
  if [ "$(cat "$work/lane-$lane.status" 2>/dev/null || echo 1)" != 0 ]; then
    failed=1
    echo "FAILED: the $lane lane" >&2
  fi
done
if [ $failed -ne 0 ]; then
  log "some suites failed"
  exit 1
fi
log "all suites passed in $SECONDS s"
