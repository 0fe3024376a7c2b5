#!/usr/bin/env bash
# /metrics scrape time with 10,000 collected series: the real NativeAOT fathomd (a script collector
# emitting SERIES series every 10 s, api on 127.0.0.1) beside Debian's prometheus-node-exporter
# (its default collectors), same run, same machine. Each is scraped the way Prometheus scrapes:
# one connection, one request after the other, no compression. wrk gives the latency
# distribution (1 thread, 1 connection, DURATION s); curl gives sizes and a cold first scrape.
#
#   bench/metrics-scrape.sh                   publish NativeAOT, 20 s of wrk each
#   DURATION=5 bench/metrics-scrape.sh        a quick run
#   NO_PUBLISH=1 bench/metrics-scrape.sh      use the NativeAOT build already in $FATHOMD_AOT_DIR
#
# Raw result lines go to $OUT (default bench/results/metrics-scrape.raw.txt). Installs wrk,
# prometheus (promtool) and prometheus-node-exporter if missing (services not started). Everything
# started here listens on 127.0.0.1 and is stopped by pid on exit.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
OUT=${OUT:-$here/results/metrics-scrape.raw.txt}
SERIES=${SERIES:-10000}
DURATION=${DURATION:-20}
NO_PUBLISH=${NO_PUBLISH:-0}

bench_workdir metrics-scrape
FATHOMD_PID=
NODE_PID=
cleanup_all() {
  if [ -n "$FATHOMD_PID" ]; then stop_pid "$FATHOMD_PID" 30; FATHOMD_PID=; fi
  if [ -n "$NODE_PID" ]; then stop_pid "$NODE_PID" 10; NODE_PID=; fi
  bench_cleanup
}
trap cleanup_all EXIT

ensure_packages "$work" wrk prometheus prometheus-node-exporter curl
[ "$NO_PUBLISH" = 1 ] || publish_aot "$work"
fathomd="$FATHOMD_AOT_DIR/fathomd"
[ -x "$fathomd" ] || { log "no NativeAOT fathomd at $fathomd"; exit 1; }

# SERIES series: 100 measurement names × SERIES/100 targets, values that change every run.
cat >"$work/emit.sh" <<EOF
#!/bin/sh
exec awk -v n=$SERIES -v t="\$(date +%s)" 'BEGIN { for (i = 0; i < n; i++) printf "bench.m%d,target=host-%d.example value=%d.%d\n", i % 100, int(i / 100), t % 1000, i }'
EOF
chmod +x "$work/emit.sh"
api_port=$(free_port)
cat >"$work/fathom.conf" <<EOF
collection_interval 10
pid_dir $work
<archive>
    type sqlite
    path $work/archive.db
</archive>
<mmv>
    enabled no
</mmv>
<api>
    listen 127.0.0.1:$api_port
</api>
<collector bench>
    module script
    command $work/emit.sh
</collector>
EOF
"$fathomd" --foreground --config="$work/fathom.conf" --ignorepid >"$work/fathomd.log" 2>&1 &
FATHOMD_PID=$!
node_port=$(free_port)
prometheus-node-exporter --web.listen-address="127.0.0.1:$node_port" >"$work/node.log" 2>&1 &
NODE_PID=$!

fathom_url="http://127.0.0.1:$api_port/metrics"
node_url="http://127.0.0.1:$node_port/metrics"
for ((i = 0; i < 600; i++)); do
  n=$(curl -sf "$fathom_url" 2>/dev/null | awk '$1 == "fathom_metrics_series" { print $2 }' || true)
  [ "${n:-0}" -ge "$SERIES" ] && break
  kill -0 "$FATHOMD_PID" 2>/dev/null || { cat "$work/fathomd.log" >&2; exit 1; }
  sleep 0.1
done
[ "${n:-0}" -ge "$SERIES" ] || { log "fathomd never exposed $SERIES series (last: ${n:-none})"; tail "$work/fathomd.log" >&2; exit 1; }
for ((i = 0; i < 100; i++)); do curl -sf -o /dev/null "$node_url" && break; sleep 0.1; done

mkdir -p "$(dirname "$OUT")"
{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo '?') nproc=$(nproc) loadavg=\"$(loadavg)\""
  echo "# node_exporter $(dpkg-query -W -f='${Version}' prometheus-node-exporter) wrk $(dpkg-query -W -f='${Version}' wrk) series=$SERIES duration=${DURATION}s"
} | tee -a "$OUT"

measure() { # measure NAME URL PID
  local name=$1 url=$2 pid=$3 bytes samples lint
  curl -sf "$url" >"$work/$name.txt"
  bytes=$(wc -c <"$work/$name.txt")
  samples=$(grep -vc '^#' "$work/$name.txt")
  lint=$( (promtool check metrics <"$work/$name.txt" 2>&1 || true) | wc -l) # its exit status is 3 on lint findings (node_exporter has some)
  # One connection, requests back to back: wrk's latency is the scrape time (p50, p99, mean, max).
  wrk -t1 -c1 -d"${DURATION}s" --latency "$url" >"$work/$name.wrk" 2>&1
  local rps p50 p99 mean max
  rps=$(awk '/^Requests\/sec/ { print $2 }' "$work/$name.wrk")
  p50=$(awk '$1 == "50%" { print $2 }' "$work/$name.wrk")
  p99=$(awk '$1 == "99%" { print $2 }' "$work/$name.wrk")
  mean=$(awk '$1 == "Latency" { print $2; exit }' "$work/$name.wrk")
  max=$(awk '$1 == "Latency" { print $4; exit }' "$work/$name.wrk")
  emit "RESULT name=$name samples=$samples bytes=$bytes scrapes_per_s=$rps p50=$p50 p99=$p99 mean=$mean max=$max rss_kb=$(rss_kb "$pid") promtool_lines=$lint"
}

measure fathomd "$fathom_url" "$FATHOMD_PID"
measure node_exporter "$node_url" "$NODE_PID"
# OpenMetrics, as Prometheus asks for it (same daemon, same series).
om_accept='application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1'
curl -sf -H "Accept: $om_accept" "$fathom_url" >"$work/om.txt"
tail -1 "$work/om.txt" | grep -qx '# EOF' || { log "OpenMetrics answer lacks # EOF"; exit 1; }
cat >"$work/om.lua" <<EOF
wrk.headers["Accept"] = "$om_accept"
EOF
wrk -t1 -c1 -d"${DURATION}s" --latency -s "$work/om.lua" "$fathom_url" >"$work/om.wrk" 2>&1
emit "RESULT name=fathomd-openmetrics bytes=$(wc -c <"$work/om.txt") scrapes_per_s=$(awk '/^Requests\/sec/ { print $2 }' "$work/om.wrk") p50=$(awk '$1 == "50%" { print $2 }' "$work/om.wrk") p99=$(awk '$1 == "99%" { print $2 }' "$work/om.wrk")"

# Restart: the first scrape after a restart shows every series again, seeded from the archive.
stop_pid "$FATHOMD_PID" 30
FATHOMD_PID=
"$fathomd" --foreground --config="$work/fathom.conf" --ignorepid >"$work/fathomd2.log" 2>&1 &
FATHOMD_PID=$!
for ((i = 0; i < 600; i++)); do
  grep -q 'api listening' "$work/fathomd2.log" && break
  kill -0 "$FATHOMD_PID" 2>/dev/null || { cat "$work/fathomd2.log" >&2; exit 1; }
  sleep 0.05
done
n=$(curl -sf "$fathom_url" | awk '$1 == "fathom_metrics_series" { print $2 }')
seed=$(grep -o "[0-9]* series' latest values read from the archive in [0-9]* ms" "$work/fathomd2.log" || echo "no seed line")
emit "RESULT name=fathomd-restart first_scrape_series=$n seed=\"$seed\""
