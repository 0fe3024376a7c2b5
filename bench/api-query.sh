#!/usr/bin/env bash
# /api/v1/query under load, same run, same machine: one series, one day at 1 min avg (1,440
# points) from fathomd's HTTP API (the NativeAOT daemon, <api> on loopback, over a SQLite archive
# filled beforehand), beside the same query on InfluxDB 1.6 (/query, InfluxQL GROUP BY time(1m))
# and VictoriaMetrics (/api/v1/query_range, avg_over_time over 1m at a 60 s step), all three
# holding the same points: 100 series × 7 days at 10 s (6,048,000 points, the "mixed" values of
# bench/ArchiveIngest, written round by round in the same order everywhere).
#
# Loading: Fathom through the write port (bench/ArchiveQuery load-api, before fathomd starts);
# InfluxDB and VictoriaMetrics through line protocol on /write (bench/InfluxPeer, 5,000-point
# batches), then VictoriaMetrics' /internal/force_flush. Each answer is checked once before any
# timing (api-check.py: same number of buckets, same bucket times, values within 1e-9), so the
# three do the same work. Then `wrk -t2 -c32 -d20s --latency` against each in turn, ROUNDS times
# (the order rotates each round); the servers not under load sit idle. VictoriaMetrics caches
# query_range results: its rows are measured with nocache=1 (computed each time, the same work as
# the others) and, as an extra row, with its cache. CONN_SWEEP (default "1 4") adds one wrk run
# per server at those connection counts (service time without queueing).
#
#   bench/api-query.sh       env: ROUNDS=3 DURATION=20 CONNS=32 CONN_SWEEP="1 4" NO_BUILD=1
#                                 FATHOMD_AOT_DIR=artifacts/native OUT=bench/results/api-query.raw.txt
#
# Installs wrk, victoria-metrics and influxdb with apt-get when missing (their services are not
# started); everything started here is stopped by pid on exit, even on failure.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
OUT=${OUT:-$here/results/api-query.raw.txt}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-20}
CONNS=${CONNS:-32}
CONN_SWEEP=${CONN_SWEEP:-1 4}
bench_workdir fathom-api-query
FATHOMD_PID= VM_PID=
api_cleanup() {
  [ -n "$FATHOMD_PID" ] && { stop_pid "$FATHOMD_PID" 30; FATHOMD_PID=; }
  [ -n "$VM_PID" ] && { stop_pid "$VM_PID" 30; VM_PID=; }
  bench_cleanup
}
trap api_cleanup EXIT

ensure_packages "$work" wrk victoria-metrics curl
ensure_influxdb "$work"

if [ -z "${NO_BUILD:-}" ]; then
  log "publishing NativeAOT fathomd to $FATHOMD_AOT_DIR"
  (cd "$root" && dotnet publish src/Fathom.Daemon -c Release -r linux-x64 -nologo -v q -o "$FATHOMD_AOT_DIR") \
    >"$work/publish.log" 2>&1 || { tail -20 "$work/publish.log" >&2; exit 1; }
fi
log "building the Fathom loader and the line-protocol client (Release)"
(cd "$root" && dotnet build bench/ArchiveQuery -c Release -nologo -v q && dotnet build bench/InfluxPeer -c Release -nologo -v q) \
  >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
loader="$root/bench/ArchiveQuery/bin/Release/net10.0/Fathom.ArchiveQuery.dll"
peer="$root/bench/InfluxPeer/bin/Release/net10.0/Fathom.InfluxPeer.dll"
fathomd="$FATHOMD_AOT_DIR/fathomd"
points=$(( 100 * 7 * 8640 ))

# The query: series s0044 (a one-decimal random-walk gauge), the 4th day (2025-01-04), 1 min buckets.
FROM=2025-01-04T00:00:00Z
TO=${FATHOM_TO:-2025-01-04T23:59:59Z} # to is inclusive in Fathom; the last bucket is [23:59, 24:00)
from_s=$(date -ud "$FROM" +%s)
urlq() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

emit "# $(date -u +%FT%TZ) $(nproc) cpus, load $(loadavg), 100 series x 7 days at 10 s ($points points); query: one series, 1 day at 1 min avg; wrk -t2 -c$CONNS -d${DURATION}s --latency, $ROUNDS rounds; fathomd $(stat -c %s "$fathomd") bytes, influxd $(influxd version 2>/dev/null | cut -d' ' -f2), victoria-metrics $(dpkg-query -W -f '${Version}' victoria-metrics), wrk $(dpkg-query -W -f '${Version}' wrk)"

# ---- load ------------------------------------------------------------------------------------
log "Fathom: loading $points points"
run_emit dotnet "$loader" load-api "$work/fathom.db"

log "InfluxDB: loading $points points"
start_influxd "$work/influx"
dotnet "$peer" ping "$INFLUX_URL" 60
dotnet "$peer" create-db "$INFLUX_URL" db=bench
run_emit dotnet "$peer" write "$INFLUX_URL" shape=api series=100 points="$points" seconds=900 concurrency=2 prebuild=0

vm_port=$(free_port)
mkdir -p "$work/vm"
victoria-metrics -storageDataPath="$work/vm" -httpListenAddr="127.0.0.1:$vm_port" -retentionPeriod=100y \
  -loggerLevel=WARN >"$work/vm.log" 2>&1 &
VM_PID=$!
VM_URL="http://127.0.0.1:$vm_port/"
for _ in $(seq 100); do curl -sf "${VM_URL}health" >/dev/null && break; sleep 0.2; done
log "VictoriaMetrics: pid $VM_PID on $VM_URL; loading $points points"
run_child "$work/out" dotnet "$peer" write "$VM_URL" shape=api series=100 points="$points" seconds=900 concurrency=2 prebuild=0
emit "$(sed 's/^influxdb /victoria-metrics /' "$work/out")"
curl -sf "${VM_URL}internal/force_flush" >/dev/null

# ---- fathomd ---------------------------------------------------------------------------------
api_port=$(free_port)
cat >"$work/fathom.conf" <<CONF
collection_interval 1
<archive>
    type sqlite
    path $work/fathom.db
</archive>
<collector host>
    module host
</collector>
<api>
    listen 127.0.0.1:$api_port
</api>
CONF
"$fathomd" --foreground --config="$work/fathom.conf" --ignorepid 2>"$work/fathomd.log" &
FATHOMD_PID=$!
API_URL="http://127.0.0.1:$api_port/"
for _ in $(seq 100); do curl -sf "${API_URL}healthz" >/dev/null && break; sleep 0.1; done
log "fathomd: pid $FATHOMD_PID on $API_URL"

# ---- the same query three ways ---------------------------------------------------------------
last_s=$(( from_s + 1439 * 60 ))
URL_FATHOM="${API_URL}api/v1/query?name=bench.value&tag=series%3Ds0044&from=$FROM&to=$TO&step=1m&agg=avg"
URL_INFLUX="${INFLUX_URL}query?db=bench&epoch=ns&q=$(urlq "SELECT mean(\"value\") FROM \"bench.value\" WHERE \"series\"='s0044' AND time >= '$FROM' AND time < '$(date -ud "@$(( from_s + 86400 ))" +%FT%TZ)' GROUP BY time(1m) fill(none)")"
# A rollup window at t is (t-1m, t]; shifted by -59 s it is the bucket [t, t+1m) of the others.
VM_QUERY=$(urlq 'avg_over_time({__name__="bench.value_value",series="s0044"}[1m] offset -59s)')
URL_VM="${VM_URL}api/v1/query_range?query=$VM_QUERY&start=$from_s&end=$last_s&step=60&nocache=1"
URL_VM_CACHED="${VM_URL}api/v1/query_range?query=$VM_QUERY&start=$from_s&end=$last_s&step=60"
if [ -n "${PEERS_ONLY:-}" ]; then # a check of the peers alone (before fathomd had /api/v1/query)
  python3 "$here/api-check.py" - "$URL_INFLUX" "$URL_VM"; python3 "$here/api-check.py" - "$URL_INFLUX" "$URL_VM_CACHED"
  for u in "$URL_INFLUX" "$URL_VM" "$URL_VM_CACHED"; do wrk -t2 -c"$CONNS" -d5s --latency "$u" | grep -E '^ +(50|99)%|Requests/sec|Non-2xx'; done
  exit 0
fi
printf '%s\n' "$URL_FATHOM" "$URL_INFLUX" "$URL_VM" "$URL_VM_CACHED" >"$work/urls.txt"
emit "# urls: fathom $URL_FATHOM | influxdb $URL_INFLUX | victoria-metrics $URL_VM"
emit "$(python3 "$here/api-check.py" "$URL_FATHOM" "$URL_INFLUX" "$URL_VM")" || true
grep -q ' ok$' "$OUT" || { log "the answers differ: not timing"; tail -1 "$OUT" >&2; exit 1; }
emit "$(python3 "$here/api-check.py" "$URL_FATHOM" "$URL_INFLUX" "$URL_VM_CACHED" | sed 's/^check /check cached-vm /')" || true
for u in "$URL_FATHOM" "$URL_INFLUX" "$URL_VM"; do
  printf '# response bytes %s\n' "$(curl -s "$u" | wc -c)"
done | while read -r line; do emit "$line"; done

# ---- timing ----------------------------------------------------------------------------------
to_ms() { # 1.23ms | 456.00us | 1.02s | 1.00m -> ms
  awk -v x="$1" 'BEGIN { n = x + 0; u = x; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; printf "%.3f", n }'
}
# wrk_run LABEL URL CONNS PID : one wrk run, one result line (latency percentiles, requests/s,
# errors, and the server's CPU over the run in % of one core).
wrk_run() {
  local label=$1 url=$2 c=$3 pid=$4 t0 t1 c0 c1 p50 p75 p90 p99 rps non2xx errs
  c0=$(cpu_ticks "$pid"); t0=${EPOCHREALTIME/./}
  wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d"${DURATION}s" --latency "$url" >"$work/wrk.txt" 2>&1
  c1=$(cpu_ticks "$pid"); t1=${EPOCHREALTIME/./}
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$work/wrk.txt")")
  p75=$(to_ms "$(awk '$1 == "75%" { print $2 }' "$work/wrk.txt")")
  p90=$(to_ms "$(awk '$1 == "90%" { print $2 }' "$work/wrk.txt")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$work/wrk.txt")")
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$work/wrk.txt")
  non2xx=$(awk '/Non-2xx/ { print $NF }' "$work/wrk.txt"); non2xx=${non2xx:-0}
  errs=$(awk '/Socket errors/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$work/wrk.txt"); errs=${errs:-0}
  emit "$(printf 'wrk %-24s conns=%-3s p50_ms=%s p75_ms=%s p90_ms=%s p99_ms=%s rps=%s non2xx=%s socket_errors=%s server_cpu_pct=%s load=%s' \
    "$label" "$c" "$p50" "$p75" "$p90" "$p99" "$rps" "$non2xx" "$errs" \
    "$(awk -v a="$c0" -v b="$c1" -v hz="$CLK_TCK" -v t="$(( t1 - t0 ))" 'BEGIN { printf "%.0f", (b - a) / hz / (t / 1e6) * 100 }')" \
    "$(cut -d' ' -f1 /proc/loadavg)")"
}

names=(fathom influxdb victoria-metrics victoria-metrics-cached)
urls=("$URL_FATHOM" "$URL_INFLUX" "$URL_VM" "$URL_VM_CACHED")
pids=("$FATHOMD_PID" "$INFLUXD_PID" "$VM_PID" "$VM_PID")
log "warm-up: 3 s of wrk each"
for k in 0 1 2 3; do wrk -t2 -c"$CONNS" -d3s "${urls[k]}" >/dev/null 2>&1; done
for ((r = 0; r < ROUNDS; r++)); do
  log "round $((r + 1))/$ROUNDS (load $(loadavg))"
  for ((j = 0; j < 4; j++)); do
    k=$(( (j + r) % 4 ))
    wrk_run "${names[k]}" "${urls[k]}" "$CONNS" "${pids[k]}"
  done
done
for c in $CONN_SWEEP; do
  for k in 0 1 2; do wrk_run "${names[k]}" "${urls[k]}" "$c" "${pids[k]}"; done
done

rss() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
emit "# rss_mb at the end: fathomd $(rss "$FATHOMD_PID") influxd $(rss "$INFLUXD_PID") victoria-metrics $(rss "$VM_PID")"
emit "# end $(date -u +%FT%TZ), load $(loadavg)"
