#!/usr/bin/env bash
# CPU cost per 1,000 ICMP probes: fathomd's ping collector (500 targets, every 1 s, count 1)
# versus fping (loop mode, same targets and period) and Prometheus' blackbox exporter (icmp
# module, each of the 500 targets scraped once a second by one bounded curl --parallel loop).
# Targets: 500 loopback aliases 127.1.x.y (all of 127/8 answers on lo; nothing to set up).
# Probes are counted by an nftables counter on lo (echo requests), CPU from /proc/PID/stat
# utime+stime over a fixed window after a warm-up. Tools run one after another, same host.
# Needs root; installs fping, prometheus-blackbox-exporter, nftables, curl, iputils-ping when missing.
# fathomd: FATHOMD_BUILDS (default "aot jit") says which builds are measured, one after another:
# aot = the NativeAOT publish that packaging/ and the README install (dotnet publish src/Fathom.Daemon
# -c Release -r linux-x64, as scripts/test.sh does, into $FATHOMD_AOT_DIR, default artifacts/native;
# about 2 minutes on 2 cores; NO_BUILD=1 reuses what is there), jit = the framework-dependent Release build.
# Usage: bench/ping-cost.sh [WINDOW_S=30] [WARMUP_S=8]   -> bench/results/ping.md
set -euo pipefail
source "$(dirname "$0")/lib.sh"
WINDOW=${1:-30}
WARMUP=${2:-8}
N=500
OUT="$BENCH_DIR/results/ping.md"
WORK=$(mktemp -d /tmp/ping-cost.XXXXXX)
TABLE="fathom_bench_$$"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  nft delete table inet "$TABLE" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
ensure_packages "$WORK" fping prometheus-blackbox-exporter nftables curl iputils-ping

targets=()
for i in $(seq 0 $((N - 1))); do targets+=("127.1.$((i / 250)).$((i % 250 + 1))"); done

nft add table inet "$TABLE"
nft add chain inet "$TABLE" out "{ type filter hook output priority 0; }"
nft add rule inet "$TABLE" out oifname lo icmp type echo-request counter
probes() { nft list chain inet "$TABLE" out | sed -n 's/.*counter packets \([0-9]*\).*/\1/p'; }

# measure NAME PID: CPU ms and probes over the window; appends a row.
ROWS=()
measure() {
  local name=$1 pid=$2
  sleep "$WARMUP"
  kill -0 "$pid" || { log "$name died"; return 1; }
  local t0 p0 t1 p1
  t0=$(cpu_ticks "$pid"); p0=$(probes)
  sleep "$WINDOW"
  t1=$(cpu_ticks "$pid"); p1=$(probes)
  local ms=$(( (t1 - t0) * 1000 / CLK_TCK )) n=$(( p1 - p0 ))
  local per=$(awk -v ms="$ms" -v n="$n" 'BEGIN { printf "%.1f", n ? ms * 1000 / n : 0 }')
  local rss; rss=$(rss_kb "$pid")
  local load; load=$(loadavg)
  log "$name: $ms ms CPU, $n probes, $per ms per 1000, RSS $rss kB, load $load"
  ROWS+=("| $name | $n | $ms | $per | $rss | $load |")
  eval "PER_$3=$per"
}

stop() { kill "$1"; wait "$1" 2>/dev/null || true; }

# 1. fathomd, each build in FATHOMD_BUILDS
FATHOMD_BUILDS=${FATHOMD_BUILDS:-aot jit}
case " $FATHOMD_BUILDS " in *" jit "*) build_fathomd "$WORK" ;; esac
case " $FATHOMD_BUILDS " in
  *" aot "*)
    if [ "${NO_BUILD:-0}" != 1 ] || [ ! -x "$FATHOMD_AOT_DIR/fathomd" ]; then
      log "publishing NativeAOT fathomd to $FATHOMD_AOT_DIR"
      (cd "$REPO_DIR" && dotnet publish src/Fathom.Daemon -c Release -r linux-x64 -nologo -v q -o "$FATHOMD_AOT_DIR") \
        >"$WORK/publish-aot.log" 2>&1 || { tail -20 "$WORK/publish-aot.log" >&2; exit 1; }
    fi ;;
esac
dotnet build "$REPO_DIR/src/Fathom.Cli" -c Release -v quiet -nologo >/dev/null
FATHOM_CLI="$REPO_DIR/src/Fathom.Cli/bin/Release/net10.0/fathom"
{
  echo "<archive>"; echo "  type sqlite"; echo "  path $WORK/fathom-BUILD.db"; echo "</archive>"
  echo "<collector p>"; echo "  module ping"; echo "  collection_interval 1"; echo "  schedule aligned"; echo "  count 1"
  for t in "${targets[@]}"; do echo "  target $t"; done
  echo "</collector>"
} >"$WORK/fathom.conf"
FIRST_BUILD=""
for build in $FATHOMD_BUILDS; do
  case $build in
    aot) bin="$FATHOMD_AOT_DIR/fathomd"; label="fathomd NativeAOT ping collector" ;;
    jit) bin="$FATHOMD_RELEASE"; label="fathomd JIT ping collector" ;;
    *) log "unknown fathomd build $build (aot or jit)"; exit 2 ;;
  esac
  sed "s/fathom-BUILD.db/fathom-$build.db/" "$WORK/fathom.conf" >"$WORK/fathom-$build.conf"
  "$bin" --foreground --ignorepid --config="$WORK/fathom-$build.conf" >"$WORK/fathomd-$build.log" 2>&1 &
  FPID=$!; PIDS+=("$FPID")
  measure "$label" "$FPID" "FATHOM_$build"
  stop "$FPID"
  [ -n "$FIRST_BUILD" ] || FIRST_BUILD=$build
done
eval "PER_FATHOM=\$PER_FATHOM_$FIRST_BUILD"

# 2. fping: loop mode, 1 s per target, at least 1 ms between packets (fping's -i).
fping -l -q -p 1000 -i 1 -t 1000 "${targets[@]}" >/dev/null 2>"$WORK/fping.txt" &
PPID_=$!; PIDS+=("$PPID_")
measure "fping -l -p 1000 -i 1" "$PPID_" FPING
kill -INT "$PPID_"; wait "$PPID_" 2>/dev/null || true

# 3. blackbox exporter, scraped for every target each second.
PORT=$(( 19000 + $$ % 1000 ))
cat >"$WORK/blackbox.yml" <<YML
modules:
  icmp:
    prober: icmp
    timeout: 1s
    icmp:
      preferred_ip_protocol: ip4
YML
prometheus-blackbox-exporter --config.file="$WORK/blackbox.yml" --web.listen-address="127.0.0.1:$PORT" >"$WORK/blackbox.log" 2>&1 &
BPID=$!; PIDS+=("$BPID")
for t in "${targets[@]}"; do printf 'url = "http://127.0.0.1:%s/probe?module=icmp&target=%s"\noutput = /dev/null\n' "$PORT" "$t"; done >"$WORK/curl.cfg"
(
  end=$((SECONDS + WARMUP + WINDOW + 5))
  while [ $SECONDS -lt $end ]; do
    start=$EPOCHREALTIME
    curl -s -S --no-progress-meter --parallel --parallel-max 100 -K "$WORK/curl.cfg" || true
    left=$(awk -v s="$start" -v n="$EPOCHREALTIME" 'BEGIN { d = 1 - (n - s); print (d > 0 ? d : 0) }')
    sleep "$left"
  done
) &
LPID=$!; PIDS+=("$LPID")
measure "blackbox exporter (icmp)" "$BPID" BLACKBOX
kill "$LPID" 2>/dev/null || true; stop "$BPID"

# RTT agreement under the same load: mean over all 500 targets of the collector's archived
# ping.rtt.avg, and of fping's per-target averages (its summary at SIGINT); plus iputils ping alone.
ours=$("$FATHOM_CLI" query --archive "$WORK/fathom-$FIRST_BUILD.db" --name ping.rtt.avg --from -1h --format csv \
  | awk -F, 'NR > 1 { s += $NF; n++ } END { if (n) printf "%.4f", s / n }')
fp=$(awk -F'min/avg/max = ' 'NF > 1 { split($2, a, "/"); s += a[2]; n++ } END { if (n) printf "%.4f", s / n }' "$WORK/fping.txt")
ip=$(ping -q -n -c 20 -i 0.02 127.1.0.1 | sed -n 's/.*= [0-9.]*\/\([0-9.]*\)\/.*/\1/p')
{
  echo "# ping collector cost (bench/ping-cost.sh)"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs shared with other builds, kernel $(uname -r)."
  echo "$N targets (127.1.x.y on lo), one probe per target per second, window ${WINDOW} s after ${WARMUP} s warm-up,"
  echo "tools run one after another. Probes counted by an nftables counter on lo; CPU = utime+stime of the"
  echo "tool's process (threads included; the loopback replies are made in the sender's softirq and count too)."
  echo
  echo "| tool | probes in window | CPU ms | CPU ms per 1,000 probes | RSS kB | load average at the end of its window |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  for build in $FATHOMD_BUILDS; do
    eval "per=\$PER_FATHOM_$build"
    echo "Ratios ($build fathomd): fathomd / fping = $(awk -v a="$per" -v b="$PER_FPING" 'BEGIN { printf "%.2f", a / b }'),"
    echo "fathomd / blackbox = $(awk -v a="$per" -v b="$PER_BLACKBOX" 'BEGIN { printf "%.2f", a / b }')."
  done
  echo "fathomd builds: $FATHOMD_BUILDS (aot = $FATHOMD_AOT_DIR/fathomd, the NativeAOT publish that is installed;"
  echo "jit = $FATHOMD_RELEASE, framework-dependent). The RTT line below is the $FIRST_BUILD build's."
  echo "fathomd's figure includes the whole daemon (scheduler, SQLite archive of 9 series + 0 events per target per second);"
  echo "blackbox's excludes the curl scraper (a separate process)."
  echo
  echo "Mean RTT over the 500 targets under this load (ms): fathomd $ours, fping $fp; iputils ping -c 20 to one target alone: $ip."
  echo
  echo "Goal: ≤ 1.5× fping and below blackbox exporter (compare the ratios above)."
  echo "What fathomd does beyond fping each second: 500 result sets × 9 samples (4,500 points) through the"
  echo "pipeline into the archive, and the scheduler's run. Ping's own socket work is done fping-style by one"
  echo "thread per address family that sends and receives: one sendto and one recvmsg per probe and one ppoll()"
  echo "wakeup per 10 ms batch of sends (~50 per run); no timers, probe state kept across runs."
} >"$OUT"
cat "$OUT"
