#!/usr/bin/env bash
# The resilience suite (issue 11, bench/README.md "Resilience"): faults injected into a portal that runs
# as the README's deployment describes: a throwaway PostgreSQL, a real SMTP receiver (aiosmtpd), two
# instances (Release, Production, Postgres, outbox dispatcher on, SMTP) behind a real nginx over TLS
# with X-Forwarded-For/-Proto and Portal:KnownProxies=127.0.0.1. Each scenario posts signed-in comments
# on an open, post-moderated regulation (each stored comment emails the agency's legislation office:
# one email per acknowledged action) and counts requests, acknowledgements, rows and emails. Writes
# bench/results/resilience.md and .json; removes everything it started at the end, also on failure.
#
#   bench/resilience/run.sh                   every scenario, about 15 minutes
#   bench/resilience/run.sh --only "a e h"    some scenarios (a-l)
#   bench/resilience/run.sh --duration 30 --connections 16 --trials 5
#   bench/resilience/run.sh --portal DIR      use an already published portal instead of publishing
#   bench/resilience/run.sh --keep            keep the work folder (logs, mail, driver output)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
here="$root/bench/resilience"

duration=25
connections=12
trials=5
only="a b c d e f g h i j k l"
keep=0
portal=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --trials) trials="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --portal) portal="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
wants() { case " $only " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
need_packages 'nginx:command -v nginx || test -x /usr/sbin/nginx' 'postgresql:ls /usr/lib/postgresql/*/bin/initdb' \
  'postgresql-client:command -v psql' 'python3-aiosmtpd:/usr/bin/python3 -c "import aiosmtpd"' \
  'openssl:command -v openssl' 'curl:command -v curl'
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
py=/usr/bin/python3
driver=("$py" "$here/resilience.py")
pg_bin=$(pg_bin_dir)
work=$(mktemp -d /tmp/ep-resilience.XXXXXX)
chmod 755 "$work"
setup_as_pg
pg_data="$work/pg"
mail="$work/mail"
mkdir -p "$mail" "$work/nginx/tmp" "$work/results"

declare -A pids=()     # name -> pid of each process this script started
smtp_pid=""
nginx_pid=""

# --- clean-up: everything this script started, by pid ------------------------------------------
stop_all() {
  local status=$?
  trap - EXIT INT TERM
  local name
  if [ $status -ne 0 ] && ls "$work/results/"*.result.json >/dev/null 2>&1; then
    echo "stopped early (exit $status): the results so far go to bench/results/resilience.md" >&2
    echo "incomplete=the run stopped early (exit $status) after the scenarios below" >> "$work/results/meta.env"
    "${driver[@]}" report --work "$work/results" --out "$root/bench/results" >/dev/null || true
  fi
  for name in "${!pids[@]}"; do
    if kill -0 "${pids[$name]}" 2>/dev/null; then kill "${pids[$name]}" 2>/dev/null || true; fi
  done
  for name in "${!pids[@]}"; do wait "${pids[$name]}" 2>/dev/null || true; done
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  [ -n "$smtp_pid" ] && kill "$smtp_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  for d in "$work"/pg*; do [ -d "$d" ] && pg_stop "$d" immediate; done
  if [ $keep -eq 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
  exit $status
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# --- processes ---------------------------------------------------------------------------------
start_smtp() {
  "$py" "$here/smtp_receiver.py" "$smtp_port" "$mail" >> "$work/smtp.log" 2>&1 &
  smtp_pid=$!
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null && return 0; sleep 0.1; done
  echo "the SMTP receiver did not start" >&2; return 1
}

# start_portal NAME PORT SETTING...: the published portal in the background; its settings are kept
# in NAME.args so that restart_portal starts it again the same way.
start_portal() {
  local name="$1" port="$2"; shift 2
  printf '%s\0' --urls "http://127.0.0.1:$port" "$@" > "$work/$name.args"
  echo "$port" > "$work/$name.port"
  restart_portal "$name"
}
restart_portal() {
  local name="$1" args
  mapfile -d '' args < "$work/$name.args"
  mkdir -p "$work/data-$name"
  echo "--- start $(date -u +%H:%M:%S)" >> "$work/$name.log"
  (cd "$portal" && exec dotnet EParticipation.Web.dll "${args[@]}" "--Portal:DataFolder=$work/data-$name") >> "$work/$name.log" 2>&1 &
  pids[$name]=$!
}
# wait_ready NAME SECONDS: 0 when /health/ready answers 200; 1 when the process ended (its exit code
# in $work/NAME.exit) or the time ran out.
wait_ready() {
  local name="$1" limit="$2" port i
  port=$(cat "$work/$name.port")
  for i in $(seq 1 $((limit * 2))); do
    if curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; then return 0; fi
    if ! kill -0 "${pids[$name]}" 2>/dev/null; then
      local rc=0; wait "${pids[$name]}" || rc=$?
      echo "$rc" > "$work/$name.exit"; unset "pids[$name]"; return 1
    fi
    sleep 0.5
  done
  return 1
}
# stop_portal NAME SIGNAL: sends it and waits for the end; its exit code in $stopped_rc.
stopped_rc=""
stop_portal() {
  local name="$1"
  stopped_rc=0
  kill -s "$2" "${pids[$name]}" 2>/dev/null || true
  wait "${pids[$name]}" 2>/dev/null || stopped_rc=$?
  unset "pids[$name]"
}
alive() { [ -n "${pids[$1]:-}" ] && kill -0 "${pids[$1]}" 2>/dev/null; }

psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -X -q "$@"; }

# wait_outbox SECONDS: until no email is pending (or the time is up); prints how long it took.
wait_outbox() {
  local start=$SECONDS pending
  while [ $((SECONDS - start)) -lt "$1" ]; do
    pending=$(psql_ -d portal -A -t -c "SELECT count(*) FROM \"OutboxMessages\" WHERE \"Status\" = 'Pending'" 2>/dev/null || echo x)
    if [ "$pending" = 0 ]; then break; fi
    sleep 2
  done
  sleep 2  # the last message's file lands in the folder
  echo $((SECONDS - start))
}

# --- PostgreSQL, SMTP, certificates -------------------------------------------------------------
pg_port=$(free_port)
pg_settings=(max_connections=300 shared_buffers=256MB jit=off)
log "starting PostgreSQL ($pg_bin) on 127.0.0.1:$pg_port"
pg_start "$pg_data" "$pg_port" "$work/pg.log" "${pg_settings[@]}"
psql_ -c "CREATE DATABASE portal" >/dev/null
connection="Host=127.0.0.1;Port=$pg_port;Database=portal;Username=postgres;Timeout=5;Command Timeout=15"

smtp_port=$(free_port)
start_smtp
dp_certificate "$work/dataprotection.pfx" resilience
openssl req -x509 -newkey rsa:2048 -sha256 -days 30 -nodes -subj "/CN=127.0.0.1" \
  -keyout "$work/nginx/tls.key" -out "$work/nginx/tls.crt" >/dev/null 2>&1

# --- build ---------------------------------------------------------------------------------------
if [ -z "$portal" ]; then
  log "publishing the portal (Release)"
  portal="$work/portal"
  dotnet publish src/EParticipation.Web -c Release -o "$portal" -nologo -v quiet
fi
generator_dll="$root/bench/DataGenerator/bin/Release/net10.0/EParticipation.Bench.DataGenerator.dll"
# Built again only when a source is newer than the build (a build takes minutes on a busy machine).
if [ ! -f "$generator_dll" ] || [ -n "$(find src bench/DataGenerator \( -name obj -o -name bin \) -prune -o -name '*.cs' -newer "$generator_dll" -print -quit)" ]; then
  log "building bench/DataGenerator"
  dotnet build bench/DataGenerator -c Release -nologo -v quiet
fi
generator=(dotnet "$generator_dll")

nginx_port=$(free_port)
base="https://127.0.0.1:$nginx_port"
p1_port=$(free_port)
p2_port=$(free_port)
# Production as README "Configuration" requires; differences from a real deployment, all recorded:
# the sign-in and submission limits are raised (every participant signs in from one address and
# posts far more than 30 comments a minute); the dispatcher polls every 2 s, waits 5-20 s before a
# retry and holds a lease of 30 s (120 by default) so that a scenario's emails settle within a minute;
# logging at Warning.
common=(
  --environment Production
  --Database:Provider=Postgres
  --Seeds:DemoData=false
  --Outbox:Enabled=true
  "--Portal:PublicBaseUrl=$base"
  --AllowedHosts=127.0.0.1
  --Portal:BehindProxy=true
  --Portal:KnownProxies:0=127.0.0.1
  "--DataProtection:CertificatePath=$work/dataprotection.pfx"
  --DataProtection:CertificatePassword=resilience
  --Email:Delivery=Smtp
  --Email:Smtp:Host=127.0.0.1
  "--Email:Smtp:Port=$smtp_port"
  --Email:Smtp:UseStartTls=false
  --Email:Smtp:TimeoutSeconds=5
  --Outbox:PollSeconds=2
  --Outbox:LeaseSeconds=30
  --Outbox:BaseBackoffSeconds=5
  --Outbox:MaxBackoffSeconds=20
  --Serilog:MinimumLevel:Default=Warning
  --RateLimits:sign-in:PermitLimit=100000
  --RateLimits:sign-in-email:PermitLimit=100000
  --RateLimits:submission:PermitLimit=100000000
)

# --- g) simultaneous start on an empty database (first: it needs no data) -------------------------
if wants g; then
  log "g) two instances started together on an empty database, $trials times"
  : > "$work/g.trials.tsv"
  for t in $(seq 1 "$trials"); do
    psql_ -c "CREATE DATABASE start$t" >/dev/null
    ga=$(free_port); gb=$(free_port)
    conn_t="Host=127.0.0.1;Port=$pg_port;Database=start$t;Username=postgres"
    # Demo data on, so the demo seeder races too (issue 11, item 3).
    start_portal "g${t}a" "$ga" "${common[@]}" "--Database:ConnectionString=$conn_t" --Seeds:DemoData=true --Outbox:Enabled=false
    start_portal "g${t}b" "$gb" "${common[@]}" "--Database:ConnectionString=$conn_t" --Seeds:DemoData=true --Outbox:Enabled=false
    started=$SECONDS
    for n in "g${t}a" "g${t}b"; do
      if wait_ready "$n" 240; then
        printf '%s\t%s\thealthy\t%s\t\n' "$t" "$n" $((SECONDS - started)) >> "$work/g.trials.tsv"
      else
        detail=$(grep -m 3 -E 'Unhandled|already exists|Exception' "$work/$n.log" | tr '\t\n' '  ' | cut -c 1-300)
        printf '%s\t%s\texit %s\t%s\t%s\n' "$t" "$n" "$(cat "$work/$n.exit" 2>/dev/null || echo timeout)" $((SECONDS - started)) "$detail" >> "$work/g.trials.tsv"
      fi
    done
    for n in "g${t}a" "g${t}b"; do alive "$n" && stop_portal "$n" TERM; done
    psql_ -c "DROP DATABASE start$t" >/dev/null
    tail -n 2 "$work/g.trials.tsv"
  done
  echo "{\"machine_load_before\": \"$(cut -d ' ' -f 1-3 /proc/loadavg)\", \"demo_data\": true}" > "$work/g.fault.json"
  "${driver[@]}" starts --tag g --title "simultaneous start of two instances on an empty database" \
    --trials "$work/g.trials.tsv" --fault "$work/g.fault.json" --out "$work/results/g.result.json"
fi

# --- data and the deployment ---------------------------------------------------------------------
log "generating a small dataset"
DataProtection__CertificatePath="$work/dataprotection.pfx" DataProtection__CertificatePassword=resilience \
  "${generator[@]}" generate --connection "$connection" --out "$work/dataset.json" \
  --consultations 40 --comments 4000 --users 400 --page-comments 300 > "$work/generate.log"
json() { sed -n "s/.*\"$1\": *\"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" "$work/dataset.json" | head -n 1; }
consultation=$(json pageConsultationId)   # an open, post-moderated regulation
user_format=$(json userEmailFormat)
password=$(json password)
users=$(json users)
# Every agency gets a legislation-office mailbox (the seeds give one to a single agency), so that each
# comment on the regulation is one email; two participants become moderators (before they sign in).
psql_ -d portal -c "UPDATE \"Agencies\" SET \"LegislationOfficeEmail\" = 'legislation.' || \"Code\" || '@agency.example' WHERE \"LegislationOfficeEmail\" IS NULL" >/dev/null
# userEmailFormat is .NET's "participant{0:D5}@…"
user_printf=$(echo "$user_format" | sed -E 's/\{0:D([0-9]+)\}/%0\1d/; s/\{0\}/%d/')
for i in 0 1; do printf "$user_printf\n" "$i"; done > "$work/moderators.txt"
for i in $(seq 1 16); do printf "$user_printf\n" $((users - i)); done > "$work/participants.txt"
psql_ -d portal -c "INSERT INTO \"AspNetUserRoles\" (\"UserId\", \"RoleId\") SELECT u.\"Id\", r.\"Id\" FROM \"AspNetUsers\" u, \"AspNetRoles\" r WHERE r.\"Name\" = 'Moderator' AND u.\"Email\" IN ('$(sed -n 1p "$work/moderators.txt")', '$(sed -n 2p "$work/moderators.txt")')" >/dev/null
# j) a closed (not yet reported) law or regulation with published comments, and two staff members of
# its agency who are both its legislation reviewers and case officers (k: the complaints of l go there).
races=20
review_consultation=$(psql_ -d portal -A -t -c "SELECT c.\"Id\" FROM \"Consultations\" c WHERE c.\"Kind\" IN ('Law', 'Regulation') AND c.\"PublishAt\" IS NOT NULL AND c.\"ClosesAt\" < now() AND c.\"ReportPublishedAt\" IS NULL AND (SELECT count(*) FROM \"ConsultationComments\" x WHERE x.\"ConsultationId\" = c.\"Id\" AND x.\"Status\" = 'Published') >= $races ORDER BY c.\"Id\" LIMIT 1")
staff_agency=$(psql_ -d portal -A -t -c "SELECT \"AgencyId\" FROM \"Consultations\" WHERE \"Id\" = ${review_consultation:-0}")
psql_ -d portal -A -t -c "SELECT \"Id\" FROM \"ConsultationComments\" WHERE \"ConsultationId\" = ${review_consultation:-0} AND \"Status\" = 'Published' ORDER BY \"Id\" LIMIT $races" > "$work/review-comments.txt"
for i in 2 3; do printf "$user_printf\n" "$i"; done > "$work/staff.txt"
psql_ -d portal -c "UPDATE \"AspNetUsers\" SET \"AgencyId\" = ${staff_agency:-NULL} WHERE \"Email\" IN ('$(sed -n 1p "$work/staff.txt")', '$(sed -n 2p "$work/staff.txt")')" >/dev/null
psql_ -d portal -c "INSERT INTO \"AspNetUserRoles\" (\"UserId\", \"RoleId\") SELECT u.\"Id\", r.\"Id\" FROM \"AspNetUsers\" u, \"AspNetRoles\" r WHERE r.\"Name\" IN ('LegislationReviewer', 'CaseOfficer') AND u.\"Email\" IN ('$(sed -n 1p "$work/staff.txt")', '$(sed -n 2p "$work/staff.txt")')" >/dev/null
# l) uploads on storage both instances share: each instance's data folder keeps its own logs, and its
# uploads folder is the one shared folder (as a mounted volume would be, docs/operations.md).
mkdir -p "$work/shared-uploads" "$work/data-p1" "$work/data-p2"
ln -s "$work/shared-uploads" "$work/data-p1/uploads"
ln -s "$work/shared-uploads" "$work/data-p2/uploads"

log "starting two instances and nginx on $base"
start_portal p1 "$p1_port" "${common[@]}" "--Database:ConnectionString=$connection"
start_portal p2 "$p2_port" "${common[@]}" "--Database:ConnectionString=$connection"
for n in p1 p2; do wait_ready "$n" 240 || { tail -n 40 "$work/$n.log" >&2; echo "$n did not start" >&2; exit 1; }; done
user_line=""; [ "$(id -u)" -eq 0 ] && user_line="user root;"
cat > "$work/nginx/nginx.conf" <<EOF
# The deployment of docs/operations.md ("Several instances"), on loopback.
$user_line
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log $work/nginx/access.log;
    client_body_temp_path $work/nginx/tmp/body;
    proxy_temp_path $work/nginx/tmp/proxy;
    fastcgi_temp_path $work/nginx/tmp/fastcgi;
    uwsgi_temp_path $work/nginx/tmp/uwsgi;
    scgi_temp_path $work/nginx/tmp/scgi;
    upstream portal { server 127.0.0.1:$p1_port; server 127.0.0.1:$p2_port; }
    server {
        listen 127.0.0.1:$nginx_port ssl;
        ssl_certificate $work/nginx/tls.crt;
        ssl_certificate_key $work/nginx/tls.key;
        location / {
            proxy_pass http://portal;
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_next_upstream error timeout non_idempotent;
            # Bench only: which instance answered (scenarios j and k check that both did).
            add_header X-Upstream \$upstream_addr always;
        }
    }
}
EOF
"$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' 2> "$work/nginx/stderr.log" &
nginx_pid=$!
for _ in $(seq 1 50); do curl -ks -o /dev/null "$base/health/live" && break; sleep 0.2; done

form="/ar/consultations/$consultation/comment"
post="/ar/consultations/$consultation/comments"
"${driver[@]}" signin --base "$base" --emails "$work/participants.txt" --password "$password" --form "$form" --out "$work/sessions.json"
"${driver[@]}" signin --base "$base" --emails "$work/moderators.txt" --password "$password" --form "/ar/consultations/moderation?queue=published" --out "$work/moderators.json"
"${driver[@]}" signin --base "$base" --emails "$work/staff.txt" --password "$password" --form "/ar/staff/cases" --out "$work/staff.json"

# --- the scenarios under load ----------------------------------------------------------------------
fault_note=""    # what the fault did, for the results
fault_extra=""   # more JSON fields
instance_crashes() { # names that should be running but are not
  local n out=""
  for n in p1 p2; do alive "$n" || out="$out $n"; done
  echo "$out"
}

# load_scenario TAG TITLE FAULT ALLOWED_DUPLICATE_EMAILS: the driver posts for $duration s; the fault
# starts 8 s in; afterwards every instance must be ready again and the outbox empty.
load_scenario() {
  local tag="$1" title="$2" fault="$3" allowed="$4"
  log "$tag) $title"
  local load; load=$(cut -d ' ' -f 1-3 /proc/loadavg)
  fault_note=""; fault_extra=""
  "${driver[@]}" load --base "$base" --sessions "$work/sessions.json" --path "$post" --tag "$tag" \
    --duration "$duration" --connections "$connections" --retry-errors --db "pg:$pg_port:portal" --out "$work/$tag.load.json" &
  local load_pid=$!
  sleep 8
  "$fault"
  wait "$load_pid"
  local crashed n unready=""
  crashed=$(instance_crashes)
  for n in p1 p2; do
    alive "$n" || { echo "$n is not running: restarting it"; restart_portal "$n"; }
    wait_ready "$n" 240 || unready="$unready $n"
  done
  local drain; drain=$(wait_outbox 180)
  local crash_count=0 detail=""
  for n in $crashed; do crash_count=$((crash_count + 1)); detail="$detail $n: $(grep -m 2 -E 'Unhandled|Exception' "$work/$n.log" | tr '\t\n"\\' '    ' | cut -c 1-200)"; done
  cat > "$work/$tag.fault.json" <<EOF
{"fault": "$fault_note", "machine_load_before": "$load", "machine_load_after": "$(cut -d ' ' -f 1-3 /proc/loadavg)",
 "connections": $connections, "seconds_of_load": $duration, "seconds_until_outbox_empty": $drain,
 "allowed_duplicate_emails": $allowed, "crashes": $crash_count, "crash_detail": "${detail# }", "unready_after": "${unready# }"$fault_extra}
EOF
  "${driver[@]}" tally --tag "$tag" --title "$title" --load "$work/$tag.load.json" --db "pg:$pg_port:portal" \
    --mail "$mail" --fault "$work/$tag.fault.json" --out "$work/results/$tag.result.json"
}

fault_pg() {
  pg_stop "$pg_data" immediate
  local t0=$SECONDS
  sleep 10
  pg_start "$pg_data" "$pg_port" "$work/pg.log" "${pg_settings[@]}"
  fault_note="PostgreSQL crash-stopped (pg_ctl -m immediate) 8 s into the load, started again after 10 s (down $((SECONDS - t0)) s)"
}
fault_smtp() {
  kill "$smtp_pid"; wait "$smtp_pid" 2>/dev/null || true
  sleep 10
  start_smtp
  fault_note="SMTP receiver stopped 8 s into the load, started again after 10 s"
}
fault_term() {
  local t0=$SECONDS rc
  stop_portal p1 TERM
  rc=$stopped_rc
  local stopped=$((SECONDS - t0))
  sleep 3
  restart_portal p1
  fault_note="SIGTERM to instance p1 8 s into the load (it exited with $rc after $stopped s; nginx routed to p2), p1 started again 3 s later"
  fault_extra=", \"exit_code_after_sigterm\": $rc"
}
fault_kill() {
  local rc
  stop_portal p2 KILL
  rc=$stopped_rc
  sleep 3
  restart_portal p2
  fault_note="kill -9 of instance p2 8 s into the load (exit $rc; nginx routed to p1), p2 started again 3 s later"
  fault_extra=", \"allowed_statuses\": [\"502\"]"
}

wants a && load_scenario a "PostgreSQL stopped 10 s under load" fault_pg 2
wants b && load_scenario b "SMTP receiver down 10 s, then back" fault_smtp 0
wants c && load_scenario c "SIGTERM of one instance under load" fault_term 0
wants d && load_scenario d "kill -9 of one instance under load" fault_kill 1

if wants e; then
  log "e) parallel double submits of the same form"
  echo "{\"fault\": \"20 forms, each posted 4 times at the same moment (same antiforgery token and SubmissionKey)\", \"machine_load_before\": \"$(cut -d ' ' -f 1-3 /proc/loadavg)\", \"allowed_duplicate_emails\": 0}" > "$work/e.fault.json"
  "${driver[@]}" double --base "$base" --sessions "$work/sessions.json" --path "$post" --tag e --groups 20 --copies 4 --out "$work/e.load.json"
  wait_outbox 120 >/dev/null
  "${driver[@]}" tally --tag e --title "parallel double submits of the same form" --load "$work/e.load.json" \
    --db "pg:$pg_port:portal" --mail "$mail" --fault "$work/e.fault.json" --out "$work/results/e.result.json"
fi

if wants f; then
  log "f) two moderators deciding the same comment at the same moment"
  echo "{\"fault\": \"20 comments; for each, one moderator approves and the other rejects at the same moment\", \"machine_load_before\": \"$(cut -d ' ' -f 1-3 /proc/loadavg)\", \"allowed_duplicate_emails\": 0}" > "$work/f.fault.json"
  "${driver[@]}" race --base "$base" --sessions "$work/sessions.json" --moderators "$work/moderators.json" --path "$post" --tag f --count 20 --out "$work/f.load.json"
  wait_outbox 120 >/dev/null
  # Each comment: its email to the legislation office, and the decision's email to its author.
  "${driver[@]}" tally --tag f --kind race --emails-per-row 2 --title "two moderators racing on the same comment" --load "$work/f.load.json" \
    --db "pg:$pg_port:portal" --mail "$mail" --fault "$work/f.fault.json" --out "$work/results/f.result.json"
fi

if wants j; then
  log "j) two legislation reviewers saving a disposition for the same comment at the same moment"
  echo "{\"fault\": \"$(wc -l < "$work/review-comments.txt") published comments of closed consultation $review_consultation; for each, both reviewers open its form, then one saves accepted and the other not accepted, each with their own response, at the same moment\", \"machine_load_before\": \"$(cut -d ' ' -f 1-3 /proc/loadavg)\", \"allowed_duplicate_emails\": 0}" > "$work/j.fault.json"
  psql_ -d portal -A -t -c 'SELECT coalesce(max("Id"), 0) FROM "AuditEntries"' > "$work/j.audit-before"
  "${driver[@]}" review --base "$base" --sessions "$work/staff.json" --path "$work/review-comments.txt" --consultation "$review_consultation" \
    --tag j --count "$races" --out "$work/j.load.json"
  "${driver[@]}" tally --tag j --kind review --emails-per-row 0 --title "two reviewers saving a disposition for the same comment" --load "$work/j.load.json" \
    --db "pg:$pg_port:portal" --audit-after "$(cat "$work/j.audit-before")" --fault "$work/j.fault.json" --out "$work/results/j.result.json"
fi

# l before k: k answers the cases that l's complaints opened.
if wants l || wants k; then
  log "l) a document uploaded through one instance, downloaded through the other"
  echo "{\"fault\": \"$races complaints with a PDF, each sent straight to one instance and its case page and document read from the other (alternating p1 and p2); both instances' Portal:DataFolder/uploads are one shared folder\", \"machine_load_before\": \"$(cut -d ' ' -f 1-3 /proc/loadavg)\"}" > "$work/l.fault.json"
  "${driver[@]}" uploads --base "$base" --sessions "$work/sessions.json" --path "" --instances "http://127.0.0.1:$p1_port,http://127.0.0.1:$p2_port" \
    --route government-service --agency "$staff_agency" --tag l --count "$races" --out "$work/l.load.json"
  wants l && "${driver[@]}" tally --tag l --kind uploads --emails-per-row 0 --title "a document uploaded through one instance, downloaded through the other" --load "$work/l.load.json" \
    --db "pg:$pg_port:portal" --fault "$work/l.fault.json" --out "$work/results/l.result.json"
fi
if wants k; then
  log "k) two case officers answering the same case at the same moment"
  wait_outbox 120 >/dev/null
  echo "{\"fault\": \"the complaints of l (agency $staff_agency); for each case, both officers open it, then send different responses at the same moment\", \"machine_load_before\": \"$(cut -d ' ' -f 1-3 /proc/loadavg)\", \"allowed_duplicate_emails\": 0}" > "$work/k.fault.json"
  psql_ -d portal -A -t -c 'SELECT coalesce(max("Id"), 0) FROM "AuditEntries"' > "$work/k.audit-before"
  "${driver[@]}" caserace --base "$base" --sessions "$work/staff.json" --path "$work/l.load.json" --db "pg:$pg_port:portal" \
    --tag k --count "$races" --out "$work/k.load.json"
  wait_outbox 120 >/dev/null
  # One email per case: the winner's response to the submitter; none for the attempt that lost.
  "${driver[@]}" tally --tag k --kind caserace --emails-per-row 1 --title "two case officers answering the same case" --load "$work/k.load.json" \
    --db "pg:$pg_port:portal" --mail "$mail" --audit-after "$(cat "$work/k.audit-before")" --fault "$work/k.fault.json" --out "$work/results/k.result.json"
fi

# --- h) dump and restore (both instances stopped, so nothing writes in between) ---------------------
for n in p1 p2; do alive "$n" && stop_portal "$n" TERM; done
kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=""
if wants h; then
  log "h) pg_dump and pg_restore into a new database"
  t0=$SECONDS
  pg_dump -h 127.0.0.1 -p "$pg_port" -U postgres -Fc portal > "$work/portal.dump"
  psql_ -c "CREATE DATABASE restored" >/dev/null
  pg_restore -h 127.0.0.1 -p "$pg_port" -U postgres -d restored --exit-on-error "$work/portal.dump"
  echo "{\"fault\": \"pg_dump -Fc portal, pg_restore into a new database ($(du -h "$work/portal.dump" | cut -f 1) dump, $((SECONDS - t0)) s)\"}" > "$work/h.fault.json"
  "${driver[@]}" restore --tag h --title "pg_dump and restore into a new database" --db "pg:$pg_port:portal" \
    --restored "pg:$pg_port:restored" --fault "$work/h.fault.json" --out "$work/results/h.result.json"
fi

# --- i) 32 writers on SQLite ---------------------------------------------------------------------
if wants i; then
  log "i) 32 concurrent writers on one SQLite instance"
  s_port=$(free_port)
  sqlite_common=()
  for s in "${common[@]}"; do
    case "$s" in --Database:Provider=*|--Seeds:DemoData=*|--Portal:BehindProxy=*|--Portal:KnownProxies*|--Portal:PublicBaseUrl=*) ;; *) sqlite_common+=("$s") ;; esac
  done
  start_portal sqlite "$s_port" "${sqlite_common[@]}" --Database:Provider=Sqlite \
    "--Database:ConnectionString=Data Source=$work/data-sqlite/portal.db" --Seeds:DemoData=true \
    --Portal:BehindProxy=false "--Portal:PublicBaseUrl=http://127.0.0.1:$s_port" --Security:SecureCookies=false
  wait_ready sqlite 240 || { tail -n 40 "$work/sqlite.log" >&2; echo "the SQLite instance did not start" >&2; exit 1; }
  s_base="http://127.0.0.1:$s_port"
  s_consultation=$(curl -fs "$s_base/api/v1/consultations?status=open" | "$py" -c '
import json, sys
d = json.load(sys.stdin)
items = d.get("items", d) if isinstance(d, dict) else d
print(next(str(c["id"]) for c in items))')
  printf '%s\n' citizen resident visitor business | sed 's/$/@demo.portal.test/' > "$work/sqlite-participants.txt"
  "${driver[@]}" signin --base "$s_base" --emails "$work/sqlite-participants.txt" --password Demo-Portal-2026 \
    --form "/ar/consultations/$s_consultation/comment" --out "$work/sqlite-sessions.json"
  load=$(cut -d ' ' -f 1-3 /proc/loadavg)
  "${driver[@]}" load --base "$s_base" --sessions "$work/sqlite-sessions.json" --path "/ar/consultations/$s_consultation/comments" \
    --tag i --duration "$duration" --connections 32 --out "$work/i.load.json"
  locked=$(grep -c 'database is locked' "$work/sqlite.log" || true)
  crashes=0; alive sqlite || crashes=1
  cat > "$work/i.fault.json" <<EOF
{"fault": "32 writers posting comments for $duration s to one instance on SQLite (demo data, 4 participants, consultation $s_consultation)", "machine_load_before": "$load", "machine_load_after": "$(cut -d ' ' -f 1-3 /proc/loadavg)", "locked_in_log": $locked, "crashes": $crashes}
EOF
  "${driver[@]}" tally --tag i --title "32 concurrent writers on SQLite" --load "$work/i.load.json" \
    --db "sqlite:$work/data-sqlite/portal.db" --emails-per-row 0 --fault "$work/i.fault.json" --out "$work/results/i.result.json"
  stop_portal sqlite TERM
fi

# --- results ---------------------------------------------------------------------------------------
{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src bench 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "machine=$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), shared with other builds and test runs"
  echo "load average at the end=$(cut -d ' ' -f 1-3 /proc/loadavg)"
  echo "os=$(. /etc/os-release && echo "$PRETTY_NAME"), dotnet $(dotnet --version), PostgreSQL $(psql_ -A -t -c 'SHOW server_version'), $("$nginx_bin" -v 2>&1 | sed 's/.*: //'), aiosmtpd $("$py" -c 'import aiosmtpd; print(aiosmtpd.__version__)')"
  echo "load driver=bench/resilience/resilience.py: $connections connections (32 on SQLite), $duration s per scenario, each a signed-in participant posting the comment form through nginx (HTTPS)"
  echo "dataset=DataGenerator generate --consultations 40 --comments 4000 --users 400 --page-comments 300; comments on consultation $consultation (an open, post-moderated regulation: one email to the legislation office per comment)"
  echo "portal_settings=${common[*]}"
} > "$work/results/meta.env"
"${driver[@]}" report --work "$work/results" --out "$root/bench/results"
log "done: bench/results/resilience.md"
