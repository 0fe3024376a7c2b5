#!/usr/bin/env bash
# Footprint of fathomd's `host` collector at 1 s writing to SQLite, side by side with collectd
# and prometheus-node-exporter, ALL RUNNING AT ONCE for the same window.
#
# Rows (all started together, sampled together every second, figures over the same window
# after a warm-up):
#   fathomd            Release build, framework-dependent, host collector every 1 s -> SQLite
#   fathomd-aot        the same configuration, NativeAOT build (what the README installs)
#   fathomd-trim       the same, trimmed self-contained publish (if the publish works)
#   fathomd-trim-r2r   trimmed self-contained with ReadyToRun code (-p:PublishReadyToRun=true)
#   collectd           cpu memory load interface disk df swap -> csv, Interval 1
#   node_exporter      Debian's defaults, scraped every 1 s on 127.0.0.1 (scrape cost not counted)
#   node_exporter-min  only the collectors that match fathomd's host module (cpu, meminfo,
#                      loadavg, netdev, diskstats, filesystem), scraped every 1 s
#   dotnet-sleep       trivial console app that sleeps (runtime baseline), framework-dependent
#   dotnet-sleep-trim  the same, trimmed self-contained
#   fathomd+ENV...     (VARIANTS=1, the default) fathomd with one runtime env var each, to see
#                      what moves CPU and RSS (recommendations only; src/ is not changed)
#
# CPU % = delta(utime+stime of the process, all threads) / CLK_TCK / wall time, in % of one core.
# RSS = VmRSS from /proc/PID/status, average / max / at the end of the window.
#
# Usage: bench/host-footprint.sh       (installs collectd-core and prometheus-node-exporter
#                                       when missing, builds, runs DURATION + WARMUP seconds)
#   env: DURATION=120 WARMUP=10 FATHOMD_AOT_DIR=artifacts/native (the committed figures also use DURATION=300) VARIANTS=1 NO_BUILD=1 OUT=dir (default /tmp/fathom-bench/footprint)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DURATION=${DURATION:-120}
WARMUP=${WARMUP:-10}
VARIANTS=${VARIANTS:-1}
OUT=${OUT:-/tmp/fathom-bench/footprint}
SLEEP_TRIM_DIR=${SLEEP_TRIM_DIR:-/tmp/fathom-bench/sleepapp-trim}
rm -rf "$OUT"; mkdir -p "$OUT"

# ---- peers: Debian packages, installed without starting any service ------------------------
install_peers() {
  local missing=() p
  for p in collectd-core prometheus-node-exporter curl; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  local made_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    # invoke-rc.d / deb-systemd-invoke ask policy-rc.d; 101 = "action not allowed": the
    # postinst of prometheus-node-exporter would otherwise start its service.
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; made_policy=1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$OUT/apt.log" 2>&1 \
    || { tail -20 "$OUT/apt.log" >&2; [ -z "$made_policy" ] || rm -f /usr/sbin/policy-rc.d; return 1; }
  [ -z "$made_policy" ] || rm -f /usr/sbin/policy-rc.d
}
install_peers
# No packaged service may run beside ours (it would be a second, unmeasured instance). This only
# lists; it never stops a process this script did not start.
if others=$(pgrep -x -d' ' 'collectd|prometheus-node' 2>/dev/null); then
  echo "ERROR: collectd/node_exporter already running (pids: $others); stop that service first" >&2
  exit 1
fi

# ---- builds ----------------------------------------------------------------------------------
if [ -z "${NO_BUILD:-}" ]; then
  build_fathomd "$OUT"
  publish_aot "$OUT" || log "NativeAOT publish failed: no fathomd-aot row"
  publish_trimmed "$OUT" || log "trimmed publish failed: no fathomd-trim row"
  publish_trimmed_r2r "$OUT" || log "trimmed ReadyToRun publish failed: no fathomd-trim-r2r row"
  log "building the baseline console app"
  (cd "$BENCH_DIR/baseline/SleepApp" && dotnet build -c Release -nologo -v q && \
   dotnet publish -c Release -r linux-x64 --self-contained -p:PublishTrimmed=true -nologo -o "$SLEEP_TRIM_DIR") \
    >"$OUT/sleepapp-build.log" 2>&1 || { tail -20 "$OUT/sleepapp-build.log" >&2; exit 1; }
fi
SLEEP_FDD="$BENCH_DIR/baseline/SleepApp/bin/Release/net10.0/SleepApp"
[ -x "$FATHOMD_RELEASE" ] && [ -x "$SLEEP_FDD" ] || { echo "missing builds: run without NO_BUILD" >&2; exit 1; }

# ---- configurations --------------------------------------------------------------------------
fathom_conf() { # fathom_conf NAME -> path of a config writing to $OUT/NAME/archive.db
  mkdir -p "$OUT/$1"
  cat >"$OUT/$1/fathom.conf" <<EOF
collection_interval 1
<archive>
    type sqlite
    path $OUT/$1/archive.db
</archive>
<collector host>
    module host
    collection_interval 1
</collector>
EOF
  echo "$OUT/$1/fathom.conf"
}

mkdir -p "$OUT/collectd/csv"
cat >"$OUT/collectd/collectd.conf" <<EOF
Hostname "bench"
FQDNLookup false
BaseDir "$OUT/collectd"
PIDFile "$OUT/collectd/collectd.pid"
PluginDir "/usr/lib/collectd"
TypesDB "/usr/share/collectd/types.db"
Interval 1
LoadPlugin cpu
LoadPlugin memory
LoadPlugin load
LoadPlugin interface
LoadPlugin disk
LoadPlugin df
LoadPlugin swap
LoadPlugin csv
<Plugin csv>
    DataDir "$OUT/collectd/csv"
    StoreRates false
</Plugin>
EOF
collectd -t -C "$OUT/collectd/collectd.conf" || { echo "collectd config test failed" >&2; exit 1; }

# ---- start everything ------------------------------------------------------------------------
declare -a NAMES=() PIDS=()
started() { NAMES+=("$1"); PIDS+=("$2"); log "started $1: pid $2"; }
declare -a SCRAPERS=()

cleanup() {
  local p
  for p in "${SCRAPERS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null && kill -TERM "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

start_fathomd() { # start_fathomd NAME BINARY [ENV=VALUE...]
  local name=$1 bin=$2; shift 2
  local conf; conf=$(fathom_conf "$name")
  env "$@" "$bin" --foreground --config="$conf" --ignorepid 2>"$OUT/$name/fathomd.log" &
  started "$name" $!
}

start_fathomd fathomd "$FATHOMD_RELEASE"
[ -x "$FATHOMD_AOT_DIR/fathomd" ] && start_fathomd fathomd-aot "$FATHOMD_AOT_DIR/fathomd"
[ -x "$FATHOMD_TRIM_DIR/fathomd" ] && start_fathomd fathomd-trim "$FATHOMD_TRIM_DIR/fathomd"
[ -x "$FATHOMD_TRIM_R2R_DIR/fathomd" ] && start_fathomd fathomd-trim-r2r "$FATHOMD_TRIM_R2R_DIR/fathomd"

collectd -f -C "$OUT/collectd/collectd.conf" >"$OUT/collectd/collectd.log" 2>&1 &
started collectd $!

NE_PORT=$(free_port)
mkdir -p "$OUT/node_exporter"
prometheus-node-exporter --web.listen-address="127.0.0.1:$NE_PORT" >"$OUT/node_exporter/log" 2>&1 &
started node_exporter $!
NE_MIN_PORT=$(free_port)
mkdir -p "$OUT/node_exporter-min"
prometheus-node-exporter --web.listen-address="127.0.0.1:$NE_MIN_PORT" --collector.disable-defaults \
  --collector.cpu --collector.meminfo --collector.loadavg --collector.netdev --collector.diskstats \
  --collector.filesystem >"$OUT/node_exporter-min/log" 2>&1 &
started node_exporter-min $!

"$SLEEP_FDD" >/dev/null &
started dotnet-sleep $!
if [ -x "$SLEEP_TRIM_DIR/SleepApp" ]; then "$SLEEP_TRIM_DIR/SleepApp" >/dev/null & started dotnet-sleep-trim $!; fi

if [ "$VARIANTS" = 1 ]; then
  start_fathomd "fathomd+GCgen0size=4MB" "$FATHOMD_RELEASE" DOTNET_GCgen0size=0x400000
  start_fathomd "fathomd+GCHeapHardLimit=16MB" "$FATHOMD_RELEASE" DOTNET_GCHeapHardLimit=0x1000000
  start_fathomd "fathomd+TieredCompilation=0" "$FATHOMD_RELEASE" DOTNET_TieredCompilation=0
  start_fathomd "fathomd+TieredPGO=0" "$FATHOMD_RELEASE" DOTNET_TieredPGO=0
  start_fathomd "fathomd+gcConcurrent=0" "$FATHOMD_RELEASE" DOTNET_gcConcurrent=0
  start_fathomd "fathomd+GCConserveMemory=9" "$FATHOMD_RELEASE" DOTNET_GCConserveMemory=9
  start_fathomd "fathomd+TPSpinLimit=0" "$FATHOMD_RELEASE" DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0
  start_fathomd "fathomd+EnableW^X=0" "$FATHOMD_RELEASE" DOTNET_EnableWriteXorExecute=0
fi

# Scrapers: one bounded curl loop per exporter, once a second for the whole window.
scrape_loop() { # scrape_loop PORT FILE SECONDS
  local i ok=0 deadline=$(( ${EPOCHREALTIME/./} + $3 * 1000000 ))
  sleep 1
  for ((i = 0; i < $3 + 5; i++)); do
    (( ${EPOCHREALTIME/./} < deadline )) || break
    curl -s -m 2 -o "$2.last" "http://127.0.0.1:$1/metrics" && ok=$((ok + 1))
    sleep 1
  done
  echo "$ok" >"$2.count"
}
TOTAL=$(( DURATION + WARMUP ))
scrape_loop "$NE_PORT" "$OUT/node_exporter/scrape" "$TOTAL" & SCRAPERS+=($!)
scrape_loop "$NE_MIN_PORT" "$OUT/node_exporter-min/scrape" "$TOTAL" & SCRAPERS+=($!)

LA0=$(loadavg)
log "sampling ${#PIDS[@]} processes for ${TOTAL}s (first ${WARMUP}s excluded), loadavg $LA0"
sample_pids "$OUT/samples.txt" "$TOTAL" "${PIDS[@]}"
LA1=$(loadavg)
# Where the RSS is, at the end of the window (the .NET processes).
for ((k = 0; k < ${#PIDS[@]}; k++)); do
  case ${NAMES[k]} in fathomd|fathomd-aot|fathomd-trim|fathomd-trim-r2r|dotnet-sleep|dotnet-sleep-trim)
    mkdir -p "$OUT/${NAMES[k]}"; rss_breakdown "${PIDS[k]}" >"$OUT/${NAMES[k]}/rss-breakdown.txt" || true;;
  esac
done

# ---- stop, in reverse order; our own pids only -----------------------------------------------
for p in "${SCRAPERS[@]}"; do wait "$p" 2>/dev/null || true; done
SCRAPERS=()
declare -A RC=()
for ((k = ${#PIDS[@]} - 1; k >= 0; k--)); do
  stop_pid "${PIDS[k]}" 30; RC[${NAMES[k]}]=$STOP_RC
done
trap - EXIT

# ---- report ----------------------------------------------------------------------------------
per_run() { # what each process produced, for context
  case $1 in
    fathomd*) grep -oE '[0-9]+ measurement\(s\) written, [0-9]+ dropped' "$OUT/$1/fathomd.log" || echo "no stop line";;
    collectd) echo "$(find "$OUT/collectd/csv" -type f | wc -l) csv series";;
    node_exporter*) echo "$(grep -vc '^#' "$OUT/$1/scrape.last" 2>/dev/null || echo 0) samples/scrape, $(cat "$OUT/$1/scrape.count" 2>/dev/null || echo 0) scrapes ok";;
    *) echo "-";;
  esac
}

declare -A CPU=() CPULATE=() RSSAVG=() RSSMAX=() RSSEND=()
LATE_FROM=$(( TOTAL - 120 > (TOTAL + WARMUP) / 2 ? TOTAL - 120 : (TOTAL + WARMUP) / 2 ))  # last 120 s or last half
for ((k = 0; k < ${#PIDS[@]}; k++)); do
  read -r c a m e w < <(summarize "$OUT/samples.txt" "${PIDS[k]}" "$WARMUP")
  CPU[${NAMES[k]}]=$c RSSAVG[${NAMES[k]}]=$a RSSMAX[${NAMES[k]}]=$m RSSEND[${NAMES[k]}]=$e WINDOW=$w
  read -r c _ < <(summarize "$OUT/samples.txt" "${PIDS[k]}" "$LATE_FROM")
  CPULATE[${NAMES[k]}]=$c
done

echo
echo "host footprint: all processes at once, ${WINDOW}s window after ${WARMUP}s warm-up; loadavg $LA0 -> $LA1"
echo "cpu_pct: whole window; cpu_late: from ${LATE_FROM}s to the end (after .NET tiered JIT has settled); exit 143 = ended by our SIGTERM"
printf '%-30s %8s %9s %11s %11s %11s %5s  %s\n' process cpu_pct cpu_late rss_avg_mb rss_max_mb rss_end_mb exit output
for n in "${NAMES[@]}"; do
  printf '%-30s %8s %9s %11s %11s %11s %5s  %s\n' "$n" "${CPU[$n]}" "${CPULATE[$n]}" "${RSSAVG[$n]}" "${RSSMAX[$n]}" "${RSSEND[$n]}" "${RC[$n]}" "$(per_run "$n")"
done
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "NA" }'; }
for f in fathomd fathomd-aot fathomd-trim fathomd-trim-r2r; do
  [ -n "${CPU[$f]:-}" ] || continue
  echo "$f / collectd CPU: $(ratio "${CPU[$f]}" "${CPU[collectd]}")x (goal <= 1)   $f / node_exporter RSS avg: $(ratio "${RSSAVG[$f]}" "${RSSAVG[node_exporter]}")x (goal <= 1)"
done
[ -n "${RSSAVG[dotnet-sleep]:-}" ] && echo "fathomd RSS above the runtime baseline (dotnet-sleep): $(awk -v a="${RSSAVG[fathomd]}" -v b="${RSSAVG[dotnet-sleep]}" 'BEGIN{printf "%.1f", a-b}') MB"
[ -n "${RSSAVG[dotnet-sleep-trim]:-}" ] && [ -n "${RSSAVG[fathomd-trim]:-}" ] && echo "fathomd-trim RSS above the trimmed baseline (dotnet-sleep-trim): $(awk -v a="${RSSAVG[fathomd-trim]}" -v b="${RSSAVG[dotnet-sleep-trim]}" 'BEGIN{printf "%.1f", a-b}') MB"
echo
echo "RSS at the end by mapping kind, MB (anon = GC heap, JIT code, runtime data, stacks):"
printf '%-20s %8s %15s %15s %12s\n' process anon native_runtime managed_images other_files
for n in fathomd fathomd-aot fathomd-trim fathomd-trim-r2r dotnet-sleep dotnet-sleep-trim; do
  [ -s "$OUT/$n/rss-breakdown.txt" ] || continue
  read -r a r m o <"$OUT/$n/rss-breakdown.txt"
  awk -v n="$n" -v a="$a" -v r="$r" -v m="$m" -v o="$o" 'BEGIN { printf "%-20s %8.1f %15.1f %15.1f %12.1f\n", n, a/1024, r/1024, m/1024, o/1024 }'
done
log "raw samples and logs: $OUT"
