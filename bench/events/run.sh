#!/usr/bin/env bash
# The events benchmark (bench/events/README.md): a throwaway PostgreSQL on a free loopback port, the
# portal in-process (WebApplicationFactory) on it, 1,000 signed-in people racing through
# POST /ar/events/{id}/register for the last 10 places, the check, bench/results/events.md and .json.
#
#   bench/events/run.sh                          1,000 registrations at 32 connections, 10 places left
#   bench/events/run.sh --registrations 300      a reduced size (say so: --note "...")
set -euo pipefail
cd "$(dirname "$0")/../.."
registrations=1000
connections=32
left=10
note=""
while [ $# -gt 0 ]; do
  case "$1" in
    --registrations) registrations="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --left) left="$2"; shift 2 ;;
    --note) note="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
work=$(mktemp -d /tmp/ep-bench-events.XXXXXX)
pg_data="$work/pg"
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$work"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}
stop_all() {
  local status=$?
  if [ -f "$pg_data/postmaster.pid" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m fast stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  exit $status
}
trap stop_all EXIT INT TERM

# Durable as in production (fsync, synchronous_commit and full-page writes stay on).
pg_port=$(free_port)
as_pg "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg.log" -w -t 60 \
  -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c max_connections=200 -c jit=off" start >/dev/null \
  || { cat "$work/pg.log" >&2; exit 1; }

dotnet build bench/events -c Release -nologo -v quiet
# The test helpers' database: a fresh PostgreSQL database on this server (TestDatabase).
EP_TEST_DB=postgres EP_TEST_PG="Host=127.0.0.1;Port=$pg_port;Database=postgres;Username=postgres;Maximum Pool Size=64" \
  dotnet bench/events/bin/Release/net10.0/EParticipation.Bench.Events.dll \
  --registrations "$registrations" --connections "$connections" --left "$left" --out bench/results --note "$note"
