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

# shellcheck source=bench/lib.sh
. bench/lib.sh
need_packages 'postgresql:ls /usr/lib/postgresql/*/bin/initdb'
pg_bin=$(pg_bin_dir)
# Durable as in production, stopped and removed when the script ends.
throwaway_pg events max_connections=200 jit=off
dotnet build bench/events -c Release -nologo -v quiet
# The test helpers' database: a fresh PostgreSQL database on this server (TestDatabase).
# The portal's content root, for WebApplicationFactory outside a test run (its manifest lookup guesses
# the solution folder plus the assembly name otherwise).
export ASPNETCORE_TEST_CONTENTROOT_EPARTICIPATION_WEB="$PWD/src/EParticipation.Web"
EP_TEST_DB=postgres EP_TEST_PG="Host=127.0.0.1;Port=$pg_port;Database=postgres;Username=postgres;Maximum Pool Size=64" \
  dotnet bench/events/bin/Release/net10.0/EParticipation.Bench.Events.dll \
  --registrations "$registrations" --connections "$connections" --left "$left" --out bench/results --note "$note"
