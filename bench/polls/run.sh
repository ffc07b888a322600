#!/usr/bin/env bash
# The polls benchmark (bench/polls/README.md): a throwaway PostgreSQL on a free loopback port, the
# portal published in Release and started as in production (Kestrel on a loopback port), a burst of
# votes on one poll over HTTP, each from its own signed-in account, the check, bench/results/polls.md
# and .json; everything it started is stopped and removed when it ends.
#
#   bench/polls/run.sh                      200,000 votes at 32 connections
#   bench/polls/run.sh --votes 50000        a reduced size (say so in the results: --note "...")
#   bench/polls/run.sh --out /tmp/polls   write the results elsewhere (a trial run)
#   bench/polls/run.sh --trace              also a CPU profile of the portal during the burst (dotnet-trace, 30 s),
#                                           kept in the work folder as portal.nettrace and portal.speedscope.json
#                                           (bench/polls/profile.py sums it up)
#   bench/polls/run.sh --keep               keep the work folder (portal and PostgreSQL logs)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
votes=200000
connections=32
note=""
keep=0
trace=0
out=bench/results
while [ $# -gt 0 ]; do
  case "$1" in
    --votes) votes="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --note) note="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --trace) trace=1; keep=1; shift ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
. bench/lib.sh
need_packages 'postgresql:ls /usr/lib/postgresql/*/bin/initdb' 'postgresql-client:command -v psql' \
  'curl:command -v curl' 'openssl:command -v openssl'
pg_bin=$(pg_bin_dir)
work=$(mktemp -d /tmp/ep-bench-polls.XXXXXX)
pg_data="$work/pg"
portal_pid=""
setup_as_pg
stop_all() {
  local status=$?
  if [ -n "$portal_pid" ] && kill -0 "$portal_pid" 2>/dev/null; then
    kill "$portal_pid" 2>/dev/null || true
    wait "$portal_pid" 2>/dev/null || true
  fi
  pg_stop "$pg_data"
  if [ $keep -eq 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
  exit $status
}
trap stop_all EXIT INT TERM

# Durable as in production (fsync, synchronous_commit and full-page writes stay on); pg_stat_statements
# says which statements a vote costs.
pg_port=$(free_port)
log "starting PostgreSQL ($pg_bin) on 127.0.0.1:$pg_port"
pg_start "$pg_data" "$pg_port" "$work/pg.log" shared_buffers=512MB max_connections=200 max_wal_size=4GB jit=off \
  shared_preload_libraries=pg_stat_statements pg_stat_statements.track=top
psql -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -c "CREATE DATABASE portal" >/dev/null
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d portal -X -q -c "CREATE EXTENSION pg_stat_statements" >/dev/null
connection="Host=127.0.0.1;Port=$pg_port;Database=portal;Username=postgres;Maximum Pool Size=64"

# Outside Development the portal encrypts its data-protection keys with a certificate: a throwaway one.
dp_certificate "$work/dataprotection.pfx" bench

log "publishing the portal (Release) and building the benchmark"
dotnet publish src/EParticipation.Web -c Release -o "$work/portal" -nologo -v quiet
dotnet build bench/polls -c Release -nologo -v quiet

# The portal as an operator runs it (bench/lib.sh, production_portal_settings: plain HTTP on loopback,
# logging at Warning, both recorded in the results). The vote limit stays at production's (20 a minute
# per account): each account votes once, and a tenth of them once more (the replays).
port=$(free_port)
base="http://127.0.0.1:$port"
production_portal_settings "$base" "$connection" "$work"
log "starting the portal on $base (it applies its migrations)"
(cd "$work/portal" && exec dotnet EParticipation.Web.dll "${portal_settings[@]}") >> "$work/portal.log" 2>&1 &
portal_pid=$!
for _ in $(seq 1 600); do
  if curl -fs -o /dev/null "$base/health/ready"; then break; fi
  kill -0 "$portal_pid" 2>/dev/null || { cat "$work/portal.log" >&2; echo "the portal stopped" >&2; exit 1; }
  sleep 0.5
done
curl -fs -o /dev/null "$base/health/ready" || { cat "$work/portal.log" >&2; echo "the portal did not become ready" >&2; exit 1; }
# A page with a form: the portal creates its data-protection key (stored in the database), which the
# benchmark then reads to sign the accounts in.
curl -fs -o /dev/null "$base/ar/account/login"

if [ $trace -eq 1 ]; then
  command -v dotnet-trace >/dev/null || export PATH="$PATH:$HOME/.dotnet/tools"
  (
    while [ ! -f "$work/burst-started" ]; do sleep 0.2; done
    dotnet-trace collect -p "$portal_pid" --profile dotnet-sampled-thread-time --duration 00:00:00:30 \
      --format Speedscope -o "$work/portal.nettrace" > "$work/trace.log" 2>&1 || true
  ) &
fi
dotnet bench/polls/bin/Release/net10.0/EParticipation.Bench.Polls.dll --burst-started-file "$work/burst-started" \
  --connection "$connection" --base-url "$base" --votes "$votes" --connections "$connections" --out "$out" --note "$note" \
  --certificate "$work/dataprotection.pfx" --certificate-password bench \
  --portal-pid "$portal_pid" --postmaster "$(head -n 1 "$pg_data/postmaster.pid")" --clk-tck "$(getconf CLK_TCK)" \
  --portal-settings "$(printf '%s ' "${portal_settings[@]}" | sed "s#$work#<work>#g")"
