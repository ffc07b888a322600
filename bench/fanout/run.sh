#!/usr/bin/env bash
# The fan-out benchmark (bench/fanout/Program.cs): a throwaway PostgreSQL on a free loopback port, the
# portal in-process (WebApplicationFactory) on it with a real SMTP server (aiosmtpd), a summary report
# published to N followers; writes bench/results/fanout.md.
#
#   bench/fanout/run.sh                      20,000 followers
#   bench/fanout/run.sh --followers 5000     a reduced size (say so: --note "...")
#   bench/fanout/run.sh --workers 8 --batch 50   the dispatcher's Outbox:Workers and Outbox:BatchSize (default: the portal's)
set -euo pipefail
cd "$(dirname "$0")/../.."
followers=20000
note=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --followers) followers="$2"; shift 2 ;;
    --note) note="$2"; shift 2 ;;
    --workers) extra+=(--workers "$2"); shift 2 ;;
    --batch) extra+=(--batch "$2"); shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
. bench/lib.sh
need_packages 'postgresql:ls /usr/lib/postgresql/*/bin/initdb' 'python3-aiosmtpd:/usr/bin/python3 -c "import aiosmtpd"'
pg_bin=$(pg_bin_dir)
# Durable as in production, stopped and removed when the script ends.
throwaway_pg fanout max_connections=200 jit=off
dotnet build bench/fanout/EParticipation.Bench.FanOut.csproj -c Release -nologo -v quiet
# The test helpers' database: a fresh PostgreSQL database on this server (TestDatabase).
# The portal's content root, for WebApplicationFactory outside a test run (its manifest lookup guesses
# the solution folder plus the assembly name otherwise).
export ASPNETCORE_TEST_CONTENTROOT_EPARTICIPATION_WEB="$PWD/src/EParticipation.Web"
EP_TEST_DB=postgres EP_TEST_PG="Host=127.0.0.1;Port=$pg_port;Database=postgres;Username=postgres;Maximum Pool Size=64" \
  dotnet bench/fanout/bin/Release/net10.0/EParticipation.Bench.FanOut.dll \
  --followers "$followers" --out "${EP_BENCH_OUT:-bench/results}" --note "$note" "${extra[@]}"
