#!/usr/bin/env bash
# The ideas benchmark (bench/ideas/README.md): a throwaway PostgreSQL on a free loopback port, the
# portal's migrations, 100,000 ideas, 1,000,000 supports, the list sorted by support, a burst of supports, similar ideas while typing, the check, bench/results/polls.md and .json.
#
#   bench/ideas/run.sh                                  100,000 ideas, 1,000,000 supports, 32 connections
#   bench/ideas/run.sh --ideas 20000 --supports 200000  a reduced size (say so in the results: --note "...")
set -euo pipefail
cd "$(dirname "$0")/../.."
ideas=100000
supports=1000000
burst=20000
requests=3000
connections=32
note=""
while [ $# -gt 0 ]; do
  case "$1" in
    --ideas) ideas="$2"; shift 2 ;;
    --supports) supports="$2"; shift 2 ;;
    --burst) burst="$2"; shift 2 ;;
    --requests) requests="$2"; shift 2 ;;
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
throwaway_pg ideas shared_buffers=512MB max_connections=200 max_wal_size=4GB jit=off
psql -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -c "CREATE DATABASE portal" >/dev/null

dotnet build bench/ideas -c Release -nologo -v quiet
dotnet bench/ideas/bin/Release/net10.0/EParticipation.Bench.Ideas.dll \
  --connection "Host=127.0.0.1;Port=$pg_port;Database=portal;Username=postgres;Command Timeout=600" \
  --ideas "$ideas" --supports "$supports" --burst "$burst" --requests "$requests" --connections "$connections" --out bench/results --note "$note"
