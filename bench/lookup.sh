#!/usr/bin/env bash
# The lookup server under load, and the registrar's cost in the daemon.
#
# Part 1: the real NativeAOT `fathom lookup-server` on 127.0.0.1 with RECORDS records stored
# (bench/lookup/preload.py registers them: one host record per 100, the rest services), then wrk
# (2 threads, 8 connections, DURATION s each): registrations (POST /lookup/records, every body a new
# record, bench/lookup/register.lua), three queries (one record by exact locator; services of one
# domain, maxresults 50; a wildcard on service-name matching 100 records) and, as the in-run
# reference, GET of one record by its uri (the protocol's cheapest request: a dictionary lookup).
# No other sLS server runs here (the Java sLS needs Elasticsearch, which Debian does not ship), so
# the queries are reported as a ratio to that GET, measured in the same run.
#
# Part 2: two NativeAOT fathomd side by side, the same 20 noop collectors at 1 s, one with a
# <lookup> block registering 22 records (host, archive, 20 collectors) at that server with a short
# lease (ttl 30 s, the shortest the config takes, check_interval 15 s: every record renewed every 15 s, 440× the default rate),
# the other without; CPU ticks and RSS of each over MEASURE s.
#
#   bench/lookup.sh                       publish NativeAOT, 10,000 records, 15 s per wrk run
#   DURATION=5 MEASURE=30 bench/lookup.sh a quick run
#   NO_PUBLISH=1 bench/lookup.sh          use the NativeAOT build already in $FATHOMD_AOT_DIR
#
# Raw result lines go to $OUT (default bench/results/lookup.raw.txt). Installs wrk, curl and
# python3 if missing. Everything listens on 127.0.0.1 and is stopped by pid on exit.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
OUT=${OUT:-$here/results/lookup.raw.txt}
RECORDS=${RECORDS:-10000}
DURATION=${DURATION:-15}
MEASURE=${MEASURE:-60}
NO_PUBLISH=${NO_PUBLISH:-0}
PARTS=${PARTS:-12} # 1: the server only; 2: the registrar only; 12: both

bench_workdir lookup
SERVER_PID=
D1_PID=
D2_PID=
cleanup_all() {
  for v in D1_PID D2_PID SERVER_PID; do
    if [ -n "${!v}" ]; then stop_pid "${!v}" 20; eval "$v="; fi
  done
  bench_cleanup
}
trap cleanup_all EXIT

ensure_packages "$work" wrk curl python3
[ "$NO_PUBLISH" = 1 ] || publish_aot "$work"
fathom="$FATHOMD_AOT_DIR/fathom"
fathomd="$FATHOMD_AOT_DIR/fathomd"
[ -x "$fathom" ] || { log "no NativeAOT fathom in $FATHOMD_AOT_DIR"; exit 1; }

emit "# lookup.sh $(date -u +%FT%TZ) $(nproc) cores, load $(loadavg), records=$RECORDS duration=${DURATION}s measure=${MEASURE}s"

port=$(free_port)
"$fathom" lookup-server --listen "127.0.0.1:$port" --store "$work/lookup.db" --min-ttl 1s >"$work/server.log" 2>&1 &
SERVER_PID=$!
base="http://127.0.0.1:$port"
for ((i = 0; i < 100; i++)); do curl -sf -o /dev/null "$base/lookup/records/?type=none" && break; sleep 0.1; done

start=$EPOCHREALTIME
python3 "$here/lookup/preload.py" 127.0.0.1 "$port" "$RECORDS" >/dev/null
emit "preload records=$RECORDS seconds=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }') one_connection"
emit "server_rss_kb_after_preload=$(rss_kb "$SERVER_PID")"

# wrk's latency line value (e.g. 1.23ms, 850.00us, 1.02s) in ms.
to_ms() { awk '{ v = $1; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v); f = (u == "us") ? 0.001 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1; printf "%.3f", v * f }'; }
run_wrk() { # run_wrk NAME URL [SCRIPT]
  local name=$1 url=$2 script=${3:-} args=(-t2 -c8 -d"${DURATION}s" --latency)
  [ -n "$script" ] && args+=(-s "$script")
  wrk "${args[@]}" "$url" >"$work/wrk-$name.txt" 2>&1
  local rps p50 p99 non2xx
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$work/wrk-$name.txt")
  p50=$(awk '$1 == "50%" { print $2 }' "$work/wrk-$name.txt" | to_ms)
  p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk-$name.txt" | to_ms)
  non2xx=$(awk -F'[ :]+' '/Non-2xx or 3xx responses/ { print $NF }' "$work/wrk-$name.txt")
  emit "$name requests_per_s=$rps p50_ms=$p50 p99_ms=$p99 non_2xx=${non2xx:-0} load=\"$(loadavg)\""
  RPS=$rps
}

if [[ $PARTS == *1* ]]; then
uri=$(curl -sf "$base/lookup/records/?type=service&maxresults=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["uri"])')
run_wrk get "$base/$uri"; get_rps=$RPS
run_wrk query_exact "$base/lookup/records/?service-locator=tcp://198.18.3.7:1781"; q1=$RPS
run_wrk query_domain "$base/lookup/records/?type=service&group-domains=domain-3.example&maxresults=50"; q2=$RPS
run_wrk query_wildcard "$base/lookup/records/?service-name=Fathom%20ping%20on%20host-42.bench.example*"; q3=$RPS
run_wrk register "$base/" "$here/lookup/register.lua"; reg=$RPS
stored=$(curl -sf "$base/lookup/records/?type=service&maxresults=100000" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
emit "ratios_to_get query_exact=$(awk -v a="$q1" -v b="$get_rps" 'BEGIN { printf "%.2f", a / b }') query_domain=$(awk -v a="$q2" -v b="$get_rps" 'BEGIN { printf "%.2f", a / b }') query_wildcard=$(awk -v a="$q3" -v b="$get_rps" 'BEGIN { printf "%.2f", a / b }') register=$(awk -v a="$reg" -v b="$get_rps" 'BEGIN { printf "%.2f", a / b }')"
emit "stored_services_after=$stored server_rss_kb=$(rss_kb "$SERVER_PID") store_bytes=$(stat -c %s "$work/lookup.db")"

fi

[[ $PARTS == *2* ]] || exit 0
# Part 2: the registrar's cost.
[ -x "$fathomd" ] || { log "no NativeAOT fathomd in $FATHOMD_AOT_DIR"; exit 1; }
collectors() {
  local i
  for ((i = 0; i < 20; i++)); do printf '<collector c%02d>\n    module noop\n</collector>\n' "$i"; done
}
daemon_conf() { # daemon_conf NAME LOOKUP(yes|no) API_PORT
  local dir="$work/$1"; mkdir -p "$dir"
  {
    printf 'collection_interval 1\npid_dir %s\n<archive>\n    path %s/archive.db\n</archive>\n<mmv>\n    enabled no\n</mmv>\n' "$dir" "$dir"
    # Both daemons serve the API (so both pay for it); the one with <lookup> reports its renewals there.
    printf '<api>\n    listen 127.0.0.1:%s\n</api>\n' "$3"
    if [ "$2" = yes ]; then
      printf '<lookup>\n    url %s/lookup/records\n    ttl 30\n    check_interval 15\n    allow_internal_addresses yes\n</lookup>\n' "$base"
    fi
    collectors
  } >"$dir/fathom.conf"
}
p1=$(free_port); p2=$(free_port)
daemon_conf with yes "$p1"
daemon_conf without no "$p2"
"$fathomd" --foreground --config="$work/with/fathom.conf" --ignorepid >"$work/with.log" 2>&1 &
D1_PID=$!
"$fathomd" --foreground --config="$work/without/fathom.conf" --ignorepid >"$work/without.log" 2>&1 &
D2_PID=$!
lookup_field() { curl -sf "http://127.0.0.1:$p1/api/v1/lookup" | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
for ((i = 0; i < 300; i++)); do [ "$(lookup_field registered 2>/dev/null || echo 0)" -ge 22 ] && break; kill -0 "$D1_PID" 2>/dev/null || break; sleep 0.1; done
[ "$(lookup_field registered 2>/dev/null || echo 0)" -ge 22 ] || { log "the registrar never registered 22 records"; tail "$work/with.log" >&2; exit 1; }
renew0=$(lookup_field renewals)
c1=$(cpu_ticks "$D1_PID"); c2=$(cpu_ticks "$D2_PID")
sleep "$MEASURE"
d1=$(( $(cpu_ticks "$D1_PID") - c1 )); d2=$(( $(cpu_ticks "$D2_PID") - c2 ))
r1=$(rss_kb "$D1_PID"); r2=$(rss_kb "$D2_PID")
renewals=$(( $(lookup_field renewals) - renew0 ))
failures=$(lookup_field failures)
emit "registrar with_lookup cpu_ms=$(( d1 * 1000 / CLK_TCK )) rss_kb=$r1 without cpu_ms=$(( d2 * 1000 / CLK_TCK )) rss_kb=$r2 renewals=$renewals failures=$failures window_s=$MEASURE records=22"
