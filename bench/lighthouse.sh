#!/usr/bin/env bash
# Lighthouse (mobile) on four pages a visitor opens first: the home page, the consultations list, an
# open consultation and a published summary report. Publishes the portal in Release, starts it with
# demo data on SQLite in a temporary data folder, runs Lighthouse from npm (bench/lighthouse/) with
# Debian's Chromium, and writes bench/results/lighthouse.json and .md (lighthouse-en.* for --lang en). Not run by CI.
#
#   bench/lighthouse.sh [--lang ar|en]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
lang=ar
while [ $# -gt 0 ]; do
  case "$1" in
    --lang) lang="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

command -v chromium >/dev/null || { echo "chromium is needed (apt-get install chromium)" >&2; exit 1; }
work=$(mktemp -d /tmp/ep-lighthouse.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM

(cd bench/lighthouse && { [ -d node_modules/lighthouse ] || npm install --no-audit --no-fund --silent; })
dotnet publish src/EParticipation.Web -c Release -o "$work/app" -nologo -v quiet
# Outside Development the portal encrypts its data-protection keys with a certificate: a throwaway one.
openssl req -x509 -newkey rsa:2048 -sha256 -days 30 -nodes -subj "/CN=EParticipation lighthouse data protection" \
  -keyout "$work/dp.key" -out "$work/dp.crt" >/dev/null 2>&1
openssl pkcs12 -export -inkey "$work/dp.key" -in "$work/dp.crt" -out "$work/dataprotection.pfx" -passout pass:lighthouse
mkdir -p "$work/data" "$work/mail"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production exec dotnet EParticipation.Web.dll --urls "$base" \
  --Portal:DataFolder="$work/data" --Seeds:DemoData=true --Security:SecureCookies=false --Outbox:Enabled=false \
  --DataProtection:CertificatePath="$work/dataprotection.pfx" --DataProtection:CertificatePassword=lighthouse \
  --Database:Provider=Sqlite --Database:ConnectionString="Data Source=$work/data/portal.db" \
  --Portal:PublicBaseUrl="$base" --AllowedHosts=127.0.0.1 --Portal:BehindProxy=false \
  --Email:Delivery=PickupFolder --Email:PickupFolder="$work/mail" --Serilog:MinimumLevel:Default=Warning >"$work/app.log" 2>&1) &
pid=$!
for _ in $(seq 1 120); do curl -fs "$base/health/ready" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "$base/health/ready" >/dev/null || { cat "$work/app.log" >&2; echo "the portal did not start" >&2; exit 1; }

# The demo data's open Labour Law consultation and its archived one with a published report.
page=$(curl -fs "$base/$lang/consultations")
open_id=$(grep -o "/$lang/consultations/[0-9]*" <<<"$page" | head -n 1 | grep -o '[0-9]*$')
archived=$(curl -fs "$base/$lang/consultations?status=archived")
report_id=$(grep -o "/$lang/consultations/[0-9]*" <<<"$archived" | head -n 1 | grep -o '[0-9]*$')

load_before=$(cut -d" " -f1-3 /proc/loadavg)
reports=()
for name in home list consultation report; do
  case $name in
    home) url="$base/$lang" ;;
    list) url="$base/$lang/consultations" ;;
    consultation) url="$base/$lang/consultations/$open_id" ;;
    report) url="$base/$lang/consultations/$report_id/report" ;;
  esac
  # A first visit to warm the server (compiled views, caches), then the measured one.
  curl -fs "$url" >/dev/null
  CHROME_PATH=/usr/bin/chromium bench/lighthouse/node_modules/.bin/lighthouse "$url" --quiet --output=json --output-path="$work/$name.json" \
    --only-categories=performance,accessibility \
    --chrome-flags="--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$work/chrome-$name"
  reports+=("$work/$name.json")
done
mkdir -p bench/results
# LIGHTHOUSE_KEEP=DIR keeps the full reports there, for reading what a figure is made of.
[ -n "${LIGHTHOUSE_KEEP:-}" ] && mkdir -p "$LIGHTHOUSE_KEEP" && cp "${reports[@]}" "$LIGHTHOUSE_KEEP/"
BENCH_LOAD="$load_before -> $(cut -d" " -f1-3 /proc/loadavg)" BENCH_CORES=$(nproc) node bench/lighthouse/summarise.mjs "$root/bench/results" "$(git rev-parse --short HEAD)" "$lang" "${reports[@]}"
