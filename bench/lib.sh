# Shell functions shared by the bench scripts (bench/run.sh, resilience, polls, events, ideas, fanout; sourced, not run).
# They need $work (the script's temporary folder) once it exists.

log() { printf '\n== %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# need_packages PACKAGE:CHECK ...: installs with apt-get the packages whose check command fails.
# A check is a shell snippet, e.g. 'wrk:command -v wrk'.
need_packages() {
  local missing=() entry
  for entry in "$@"; do
    eval "${entry#*:}" >/dev/null 2>&1 || missing+=("${entry%%:*}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# A port nobody listens on: a refused connection means free.
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

# PostgreSQL runs as the postgres user when the script runs as root.
setup_as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$work"
    as_pg() { runuser -u postgres -- "$@"; }
  else
    as_pg() { "$@"; }
  fi
}

pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }

# pg_start DATA PORT LOG [setting=value ...]: initdb into DATA (when empty) and start on 127.0.0.1:PORT,
# its socket in $work, trust authentication for the postgres user.
pg_start() {
  local data="$1" port="$2" logfile="$3" opts s
  shift 3
  [ -f "$data/PG_VERSION" ] || as_pg "$pg_bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  opts="-p $port -k $work -c listen_addresses=127.0.0.1"
  for s in "$@"; do opts="$opts -c $s"; done
  as_pg "$pg_bin/pg_ctl" -D "$data" -l "$logfile" -w -t 60 -o "$opts" start >/dev/null \
    || { cat "$logfile" >&2; echo "PostgreSQL did not start" >&2; return 1; }
}

# pg_stop DATA [MODE]: fast (default) or immediate (a crash stop: recovery at the next start).
pg_stop() {
  if [ -f "$1/postmaster.pid" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$1" -m "${2:-fast}" -w stop >/dev/null 2>&1 || true
  fi
}

# dp_certificate FILE PASSWORD: the certificate that encrypts the data-protection keys outside
# Development (docs/operations.md, Data-protection keys), the same file for every instance.
dp_certificate() {
  openssl req -x509 -newkey rsa:2048 -sha256 -days 30 -nodes -subj "/CN=EParticipation bench data protection" \
    -keyout "$1.key" -out "$1.crt" >/dev/null 2>&1
  openssl pkcs12 -export -inkey "$1.key" -in "$1.crt" -out "$1" -passout "pass:$2"
  rm -f "$1.key" "$1.crt"
}

# throwaway_pg NAME [setting=value ...]: the one-server benchmarks' start: a temporary folder ($work),
# a PostgreSQL durable as in production (fsync, synchronous_commit and full-page writes stay on) on a
# free loopback port ($pg_port) with the settings given, and a trap that stops it and removes the
# folder when the script ends (also on failure or Ctrl-C). Needs $pg_bin.
throwaway_pg() {
  local name=$1
  shift
  work=$(mktemp -d "/tmp/ep-bench-$name.XXXXXX")
  pg_data="$work/pg"
  setup_as_pg
  trap 'status=$?; pg_stop "$pg_data"; rm -rf "$work"; exit $status' EXIT INT TERM
  pg_port=$(free_port)
  pg_start "$pg_data" "$pg_port" "$work/pg.log" "$@"
}

# production_portal_settings BASE CONNECTION WORK: sets the array portal_settings to the portal's command
# line as an operator runs it in production (PostgreSQL, migrations at start, the outbox on, keys
# encrypted with WORK/dataprotection.pfx), with the benchmarks' differences, which every results file
# records with the settings: SecureCookies=false (the client speaks plain HTTP on loopback; behind a
# proxy it would be HTTPS), mail to a pickup folder, and logging at Warning (one line per request would
# otherwise be measured too). Callers append their own settings.
production_portal_settings() {
  local base=$1 connection=$2 work=$3
  portal_settings=(
    --environment Production
    --urls "$base"
    --Database:Provider=Postgres
    "--Database:ConnectionString=$connection"
    --Security:SecureCookies=false
    --Seeds:DemoData=false
    --Outbox:Enabled=true
    "--Portal:DataFolder=$work/data"
    "--DataProtection:CertificatePath=$work/dataprotection.pfx"
    --DataProtection:CertificatePassword=bench
    "--Portal:PublicBaseUrl=$base"
    --AllowedHosts=127.0.0.1
    --Portal:BehindProxy=false
    --Email:Delivery=PickupFolder
    --Serilog:MinimumLevel:Default=Warning
  )
}
