#!/usr/bin/env bash
# The polls benchmark (bench/polls/README.md): a throwaway PostgreSQL on a free loopback port, the
# portal's migrations, a burst of votes on one poll, the check, bench/results/polls.md and .json.
#
#   bench/polls/run.sh                      200,000 votes at 32 connections
#   bench/polls/run.sh --votes 50000        a reduced size (say so in the results: --note "...")
set -euo pipefail
cd "$(dirname "$0")/../.."
votes=200000
connections=32
note=""
while [ $# -gt 0 ]; do
  case "$1" in
    --votes) votes="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --note) note="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
. bench/lib.sh
need_packages 'postgresql:ls /usr/lib/postgresql/*/bin/initdb'
pg_bin=$(pg_bin_dir)
# Durable as in production, stopped and removed when the script ends.
throwaway_pg polls shared_buffers=512MB max_connections=200 max_wal_size=4GB jit=off
psql -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -c "CREATE DATABASE portal" >/dev/null

dotnet build bench/polls -c Release -nologo -v quiet
dotnet bench/polls/bin/Release/net10.0/EParticipation.Bench.Polls.dll \
  --connection "Host=127.0.0.1;Port=$pg_port;Database=portal;Username=postgres;Maximum Pool Size=64" \
  --votes "$votes" --connections "$connections" --out bench/results --note "$note"
