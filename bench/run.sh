#!/usr/bin/env bash
# The consultations load benchmark (bench/README.md), start to finish on a fresh machine:
# installs wrk and PostgreSQL if missing, starts a throwaway PostgreSQL on a free loopback port,
# publishes the portal in Release, generates the dataset, starts the portal as in production, signs
# participants in, runs wrk on each scenario, checks the submitted comments in the database, writes
# bench/results/consultations.md and .json, and stops everything it started.
#
#   bench/run.sh                    20 s per scenario after 30 s of warm-up
#   bench/run.sh --duration 30      longer runs
#   bench/run.sh --keep             keep the work folder (wrk output, logs, profiles) for a look afterwards
#   (the consultations suite ends with bench/fanout/run.sh, 20,000 followers; BENCH_FANOUT=0 skips it)
#   bench/run.sh --suite cases      the cases benchmark instead (1,000,000 cases; --cases N for another size):
#                                   the officer's queue, complaint submission and the deadline job;
#                                   writes bench/results/cases.md and .json
#
# BENCH_PORTAL_ARGS adds settings to the portal's command line (experiments; they are recorded).
# BENCH_TRACE=NAME records a CPU profile of the portal during scenario NAME's measured run with
#   dotnet-trace (on PATH or in BENCH_DOTNET_TRACE; stacks sampled about 100 times a second, waiting
#   threads included) into the work folder as NAME.nettrace (use --keep);
#   the profiler's own cost lowers that scenario's figures, so do not publish a traced run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

duration=20
warmup=30
connections=32
threads=2
sessions=256
keep=0
suite=consultations
case_count=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --suite) suite="$2"; shift 2 ;;
    --cases) case_count="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

# --- packages ---------------------------------------------------------------------------------
need_packages 'wrk:command -v wrk' 'postgresql:ls /usr/lib/postgresql/*/bin/initdb' \
  'postgresql-client:command -v psql' 'curl:command -v curl' 'openssl:command -v openssl'

pg_bin=$(pg_bin_dir)
work=$(mktemp -d /tmp/ep-bench.XXXXXX)
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
  if [ $keep -eq 1 ]; then
    echo "work folder kept: $work"
  else
    rm -rf "$work"
  fi
  exit $status
}
trap stop_all EXIT INT TERM

# --- PostgreSQL -------------------------------------------------------------------------------
# Durable as in production (fsync, synchronous_commit and full-page writes stay on); memory sized for
# a dataset that fits in RAM; checkpoints spaced so none lands inside a 20-second run; JIT off, as
# usual for short OLTP queries; pg_stat_statements on, to say where the database's time goes.
pg_port=$(free_port)
pg_settings=(
  shared_buffers=2GB
  effective_cache_size=8GB
  work_mem=16MB
  maintenance_work_mem=1GB
  max_connections=200
  max_wal_size=8GB
  checkpoint_timeout=30min
  jit=off
  shared_preload_libraries=pg_stat_statements,auto_explain
  pg_stat_statements.track=top
)
log "starting PostgreSQL ($pg_bin) on 127.0.0.1:$pg_port"
pg_start "$pg_data" "$pg_port" "$work/pg.log" "${pg_settings[@]}" || exit 1
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d portal -X -q "$@"; }
psql -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -c "CREATE DATABASE portal" >/dev/null
psql_ -c "CREATE EXTENSION pg_stat_statements" >/dev/null
connection="Host=127.0.0.1;Port=$pg_port;Database=portal;Username=postgres"

# Outside Development the portal encrypts its data-protection keys with a certificate and will not
# start without one: a throwaway self-signed one, for this run only (the generator reads it too).
dp_certificate "$work/dataprotection.pfx" bench
export DataProtection__CertificatePath="$work/dataprotection.pfx" DataProtection__CertificatePassword=bench

# --- build ------------------------------------------------------------------------------------
log "publishing the portal (Release) and building the generator"
dotnet publish src/EParticipation.Web -c Release -o "$work/portal" -nologo -v quiet
dotnet build bench/DataGenerator -c Release -nologo -v quiet
generator=(dotnet "$root/bench/DataGenerator/bin/Release/net10.0/EParticipation.Bench.DataGenerator.dll")

# --- data -------------------------------------------------------------------------------------
loadavg_start=$(cut -d ' ' -f 1-3 /proc/loadavg)
submit_articles=""
submit_agencies=""
wrk_cookie=""
if [ "$suite" = cases ]; then
  log "generating $case_count cases"
  "${generator[@]}" cases-generate --connection "$connection" --out "$work/cases-dataset.json" --cases "$case_count"
  # Submissions go to every agency (the intake's agency list), in rotation.
  submit_agencies=$(psql_ -A -t -c "SELECT string_agg(\"Id\"::text, ',' ORDER BY \"Id\") FROM \"Agencies\" WHERE \"IsActive\"")
else
log "generating the dataset"
  "${generator[@]}" generate --connection "$connection" --out "$work/dataset.json"
json() { sed -n "s/.*\"$1\": *\"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" "$work/dataset.json" | head -n 1; }
page_path=$(json pagePath)
list_path=$(json listPath)
submit_id=$(json submitConsultationId)
submit_articles=$(tr -d '\n ' < "$work/dataset.json" | sed -n 's/.*"submitArticleIds":\[\([0-9,]*\)\].*/\1/p')
fi

# --- the portal -------------------------------------------------------------------------------
port=$(free_port)
base="http://127.0.0.1:$port"
# Production as an operator runs it (bench/lib.sh, production_portal_settings: plain HTTP on loopback,
# logging at Warning), and, recorded in the results too:
# - sign-in and submission limits raised: 256 participants sign in from one address, and each posts
#   far more than 30 comments a minute (production keeps 10 sign-ins per 5 minutes per address and
#   30 submissions a minute per account; the limiter itself still runs on every post).
production_portal_settings "$base" "$connection" "$work"
portal_settings+=(
  --RateLimits:sign-in:PermitLimit=100000
  --RateLimits:submission:PermitLimit=100000000
)
# The cases suite: the deadline job does not run inside the portal during the load (it would send the
# dataset's due reminders in the middle of a scenario); it is run and timed on its own afterwards.
[ "$suite" = cases ] && portal_settings+=(--Cases:DeadlinesEnabled=false)
# shellcheck disable=SC2206
extra=(${BENCH_PORTAL_ARGS:-})
portal_settings+=("${extra[@]}")
# start_portal [setting ...]: the portal with these settings on top of portal_settings, waits until ready.
start_portal() {
  log "starting the portal on $base $*"
  (cd "$work/portal" && exec dotnet EParticipation.Web.dll "${portal_settings[@]}" "$@") >> "$work/portal.log" 2>&1 &
  portal_pid=$!
  # Up to 5 minutes: on a loaded machine the start (migrations check, seeders) takes a while.
  for _ in $(seq 1 600); do
    if curl -fs -o /dev/null "$base/health/ready"; then break; fi
    kill -0 "$portal_pid" 2>/dev/null || { cat "$work/portal.log" >&2; echo "the portal stopped" >&2; exit 1; }
    sleep 0.5
  done
  curl -fs -o /dev/null "$base/health/ready" || { cat "$work/portal.log" >&2; echo "the portal did not become ready" >&2; exit 1; }
}
stop_portal() {
  kill "$portal_pid" 2>/dev/null || true
  wait "$portal_pid" 2>/dev/null || true
  portal_pid=""
}
start_portal

if [ "$suite" = cases ]; then
  log "signing in $sessions participants and a case officer"
  "${generator[@]}" cases-sessions --base-url "$base" --dataset "$work/cases-dataset.json" --count "$sessions" \
    --out "$work/sessions.tsv" --officer "$work/officer.tsv"
  rows=$(curl -fs -H "Cookie: $(cut -f 1 "$work/officer.tsv")" "$base/ar/staff/cases" | grep -cE '(CMP|BFB)-[0-9]{4}-[0-9]{6}' || true)
  echo "queue: $rows lines with a tracking number"
  [ "$rows" -gt 0 ] || { echo "the queue does not show the generated cases" >&2; exit 1; }
else
log "signing in $sessions participants"
"${generator[@]}" sessions --base-url "$base" --dataset "$work/dataset.json" --count "$sessions" \
  --out "$work/sessions.tsv" --bodies "$work/bodies.txt"

# What each page must show before it is measured: the list's cards, and the consultation's articles
# with ten comments each and ten on the whole draft.
cards=$(curl -fs "$base$list_path" | grep -c 'class="ep-card ep-consultation-card"' || true)
comments=$(curl -fs "$base$page_path" | grep -c 'class="ep-comment" id="comment-' || true)
echo "list: $cards cards; page: $comments comments shown"
[ "$cards" -gt 0 ] && [ "$comments" -gt 0 ] || { echo "the pages do not show the generated data" >&2; exit 1; }
fi

# --- scenarios --------------------------------------------------------------------------------
clk_tck=$(getconf CLK_TCK)
postmaster=$(head -n 1 "$pg_data/postmaster.pid")
# utime+stime of a process (all threads); for the postmaster also its reaped children's.
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  local total sum=0 child
  total=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$postmaster/stat")
  for child in $(pgrep -P "$postmaster"); do sum=$((sum + $(ticks "$child"))); done
  echo $((total + sum))
}
machine_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6 }' /proc/stat; }

run_wrk() { # name script path run-id out
  WRK_SCENARIO="$1" WRK_OUT="$5" WRK_RUN="$4" WRK_PATH="$3" WRK_SESSIONS="$work/sessions.tsv" WRK_BODIES="$work/bodies.txt" \
    WRK_ARTICLES="$submit_articles" WRK_AGENCIES="$submit_agencies" WRK_COOKIE="$wrk_cookie" wrk -t "$threads" -c "$connections" -d "${6}s" --latency -s "$root/bench/wrk/$2" "$base$3" > "$5.txt"
}

scenario() { # name script path
  local name="$1" script="$2" path="$3"
  log "$name: $path (warm-up ${warmup}s, then ${duration}s)"
  run_wrk "$name" "$script" "$path" "$(printf '%08x' $((RANDOM * 32768 + RANDOM)))" "$work/$name.warmup.json" "$warmup"
  psql_ -c "SELECT pg_stat_statements_reset()" >/dev/null
  local load before_portal before_pg before_machine after_machine wrk_cpu
  load=$(cut -d ' ' -f 1-3 /proc/loadavg)
  before_portal=$(ticks "$portal_pid"); before_pg=$(pg_ticks); before_machine=$(machine_ticks)
  local run_id; run_id=$(printf '%08x' $((RANDOM * 32768 + RANDOM)))
  local started; started=$(date +%s.%N)
  local TIMEFORMAT='%U %S' tracer=""
  if [ "${BENCH_TRACE:-}" = "$name" ]; then
    "${BENCH_DOTNET_TRACE:-dotnet-trace}" collect -p "$portal_pid" --profile dotnet-sampled-thread-time --duration "$(printf '00:%02d:%02d:%02d' $((duration / 3600)) $((duration / 60 % 60)) $((duration % 60)))" \
      -o "$work/$name.nettrace" > "$work/$name.trace.log" 2>&1 &
    tracer=$!
  fi
  wrk_cpu=$( { time run_wrk "$name" "$script" "$path" "$run_id" "$work/$name.json" "$duration" ; } 2>&1 )
  after_machine=$(machine_ticks)
  [ -n "$tracer" ] && { wait "$tracer" || true; log "$name: profile in $work/$name.nettrace"; }
  {
    echo "clk_tck=$clk_tck"
    echo "portal_ticks=$(( $(ticks "$portal_pid") - before_portal ))"
    echo "pg_ticks=$(( $(pg_ticks) - before_pg ))"
    echo "busy_ticks=$(( ${after_machine% *} - ${before_machine% *} ))"
    echo "total_ticks=$(( ${after_machine#* } - ${before_machine#* } ))"
    echo "wrk_cpu_seconds=$(echo "$wrk_cpu" | awk '{ print $1 + $2 }')"
    echo "loadavg=$load"
    echo "started=$started"
  } > "$work/$name.cpu"
  psql_ -A -F $'\t' -c "SELECT calls, round(total_exec_time::numeric, 1) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms, rows, regexp_replace(query, '\s+', ' ', 'g') AS query FROM pg_stat_statements WHERE calls > 0 ORDER BY total_exec_time DESC LIMIT 20" > "$work/$name.statements.tsv"
  grep -E 'Requests/sec|Latency  ' "$work/$name.json.txt" | sed 's/^/   /'
}

# explain NAME [curl options]: PostgreSQL's plan, with what each node read (EXPLAIN (ANALYZE, BUFFERS)
# through auto_explain), of every statement one request to the page sends; written to NAME.explain.txt.
explain() {
  local name="$1" from; shift
  from=$(stat -c %s "$work/pg.log")
  psql_ -c "ALTER SYSTEM SET auto_explain.log_min_duration = 0" -c "ALTER SYSTEM SET auto_explain.log_analyze = on" \
    -c "ALTER SYSTEM SET auto_explain.log_buffers = on" -c "ALTER SYSTEM SET auto_explain.log_timing = on" -c "SELECT pg_reload_conf()" >/dev/null
  sleep 1
  curl -fs -o /dev/null "$@"
  sleep 1
  # log_analyze left on would time every statement of the next scenario, logged or not.
  psql_ -c "ALTER SYSTEM RESET auto_explain.log_min_duration" -c "ALTER SYSTEM RESET auto_explain.log_analyze" \
    -c "ALTER SYSTEM RESET auto_explain.log_buffers" -c "ALTER SYSTEM RESET auto_explain.log_timing" -c "SELECT pg_reload_conf()" >/dev/null
  tail -c +$((from + 1)) "$work/pg.log" > "$work/$name.explain.txt" || true
}

if [ "$suite" = cases ]; then
  cases_json() { sed -n "s/.*\"$1\": *\"\([^\"]*\)\".*/\1/p" "$work/cases-dataset.json" | head -n 1; }
  scenario health-before get.lua /health/live
  wrk_cookie="$work/officer.tsv"
  scenario queue get.lua "$(cases_json queuePath)"
  scenario search get.lua "$(cases_json searchPath)"
  explain queue -H "Cookie: $(cut -f 1 "$work/officer.tsv")" "$base$(cases_json queuePath)"
  explain search -H "Cookie: $(cut -f 1 "$work/officer.tsv")" "$base$(cases_json searchPath)"
  wrk_cookie=""
  outbox_stats() { psql_ -A -t -F ' ' -c "SELECT n_tup_ins, n_tup_upd, n_tup_hot_upd, n_dead_tup, n_live_tup, pg_relation_size('\"OutboxMessages\"'), pg_relation_size('\"IX_OutboxMessages_Due\"') FROM pg_stat_user_tables WHERE relname = 'OutboxMessages'"; }
  outbox_before=$(outbox_stats)
  scenario submit complaint.lua "$(cases_json complaintPath)"
  outbox_after=$(outbox_stats)
  # (The counters are PostgreSQL's cumulative statistics, flushed by each backend about once a second.)
  # The dispatcher's claim as it runs under the backlog the submissions left, with what it read; rolled back.
  psql_ -c "BEGIN" -c "EXPLAIN (ANALYZE, BUFFERS) WITH batch AS (SELECT \"Id\" FROM \"OutboxMessages\" WHERE \"Status\" = 'Pending' AND \"NextAttemptAt\" <= now() AND (\"ClaimedUntil\" IS NULL OR \"ClaimedUntil\" < now()) ORDER BY \"NextAttemptAt\", \"Id\" LIMIT 20 FOR UPDATE SKIP LOCKED) UPDATE \"OutboxMessages\" AS m SET \"ClaimedBy\" = 'explain', \"ClaimedUntil\" = now() FROM batch WHERE m.\"Id\" = batch.\"Id\" RETURNING m.\"Id\"" -c "ROLLBACK" > "$work/outbox-claim.explain.txt" 2>&1 || true
  outbox_pending=$(psql_ -A -t -c "SELECT count(*) FROM \"OutboxMessages\" WHERE \"Status\" = 'Pending'")
  scenario health-after get.lua /health/live
  {
    echo "# The outbox during the cases benchmark's submissions"
    echo
    echo "Written by \`bench/run.sh --suite cases\` with bench/results/cases.md ($(date -u +%Y-%m-%dT%H:%M:%SZ)); load average $(cut -d ' ' -f 1-3 /proc/loadavg)."
    echo
    echo "pg_stat_user_tables for \`OutboxMessages\` before and after the submission scenario (its warm-up and measured run) (inserted, updated, of which HOT, dead, live rows; table and \`IX_OutboxMessages_Due\` sizes in bytes):"
    echo
    echo '```'
    echo "before: $outbox_before"
    echo "after:  $outbox_after"
    echo '```'
    read -r i0 u0 h0 _ <<< "$outbox_before"; read -r i1 u1 h1 _ <<< "$outbox_after"
    echo
    echo "During the scenario: $((i1 - i0)) emails written, $((u1 - u0)) updates, $((h1 - h0)) of them HOT ($(( (u1 - u0) > 0 ? 100 * (h1 - h0) / (u1 - u0) : 0 )) %). Pending right after the run: $outbox_pending."
    echo
    echo "The claim right after the run (EXPLAIN (ANALYZE, BUFFERS), rolled back):"
    echo
    echo '```'
    grep -v '^\(BEGIN\|ROLLBACK\)$' "$work/outbox-claim.explain.txt"
    echo '```'
  } > "$root/bench/results/cases-outbox.md"
  log "checking the submitted cases"
  sleep 2
  "${generator[@]}" cases-verify --connection "$connection" --wrk "$work/submit.json" --out "$work/verify.json" || true
  log "the deadline job, twice, over the whole table"
  "${generator[@]}" cases-overdue --connection "$connection" --out "$work/overdue.json"
else
# Pass 1, the public page cache on (as deployed): visitors' list and page, the page signed in, and
# comment submission. Pass 2, the portal started again with Consultations:PublicCacheSeconds=0: every
# request computes its page, as a signed-in participant's always did before.
wrk_cookie=""
scenario health-before get.lua /health/live
scenario list get.lua "$list_path"
scenario page get.lua "$page_path"
wrk_cookie="$work/sessions.tsv"
scenario page-signed-in get.lua "$page_path"
wrk_cookie=""
scenario submit comment.lua "/ar/consultations/$submit_id/comments"
explain cached-page "$base$page_path"

stop_portal
start_portal --Consultations:PublicCacheSeconds=0
scenario list-nocache get.lua "$list_path"
scenario page-nocache get.lua "$page_path"
wrk_cookie="$work/sessions.tsv"
scenario page-signed-in-nocache get.lua "$page_path"
wrk_cookie=""
scenario health-after get.lua /health/live
explain page-nocache "$base$page_path"
explain page-signed-in-nocache -H "Cookie: $(head -n 1 "$work/sessions.tsv" | cut -f 1)" "$base$page_path"
explain list-nocache "$base$list_path"

# --- checks and results -----------------------------------------------------------------------
log "checking the submitted comments"
# Give the last posts (those in flight when wrk stopped) a moment to finish before counting.
sleep 2
"${generator[@]}" verify --connection "$connection" \
  --dataset "$work/dataset.json" --wrk "$work/submit.json" --out "$work/verify.json"
fi

psql_ -A -t -F '=' -c "SELECT name, setting || coalesce(unit, '') FROM pg_settings WHERE source NOT IN ('default', 'override', 'client') ORDER BY name" > "$work/pg-settings.env"
{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  # BENCH_COMMIT names the commit when the tree is an export without .git.
  echo "commit=${BENCH_COMMIT:-$(git rev-parse HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src bench 2>/dev/null || echo ' (with uncommitted changes)')}"
  echo "nproc=$(nproc)"
  echo "memory=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
  echo "os=$(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "kernel=$(uname -r)"
  echo "dotnet=$(dotnet --version)"
  echo "wrk_version=$(wrk -v 2>&1 | head -n 1 | awk '{ print $2 }')"
  echo "pg_version=$(psql_ -A -t -c 'SHOW server_version')"
  echo "portal_settings=${portal_settings[*]}"
  echo "second_pass_settings=--Consultations:PublicCacheSeconds=0"
  echo "connections=$connections"
  echo "threads=$threads"
  echo "duration=$duration"
  echo "warmup=$warmup"
  echo "suite=$suite"
  echo "loadavg_start=$loadavg_start"
  echo "loadavg_end=$(cut -d ' ' -f 1-3 /proc/loadavg)"
} > "$work/meta.env"
if [ "$suite" = cases ]; then
  "${generator[@]}" cases-report --work "$work" --out "$root/bench/results"
  log "done: bench/results/cases.md"
else
"${generator[@]}" report --work "$work" --out "$root/bench/results"
log "done: bench/results/consultations.md"
# The same run also publishes a summary report to 20,000 followers (issue 13): bench/fanout/run.sh,
# with its own throwaway PostgreSQL and SMTP receiver; bench/results/fanout.md. BENCH_FANOUT=0 skips it.
if [ "${BENCH_FANOUT:-1}" != 0 ]; then
  log "publication to 20,000 followers (bench/fanout/run.sh)"
  "$root/bench/fanout/run.sh"
fi
fi
