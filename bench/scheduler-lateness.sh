#!/usr/bin/env bash
# Scheduler lateness of fathomd with many aligned 1 s no-op collectors (emit no).
#
# For each count (default 1000 and 10000) and each jitter (0: all collectors due at the same
# instant every second; 1: offsets spread over the second), runs the Release fathomd for
# DURATION seconds (default 60), samples its CPU (utime+stime from /proc/PID/stat) and VmRSS
# every second, then SIGTERMs it and parses the lateness line it logs at a clean stop.
#
# Usage: bench/scheduler-lateness.sh            (builds first; about 4 x (DURATION + 5) s)
#   env: COUNTS="1000 10000" JITTERS="0 1" DURATION=60 WARMUP=5 NO_BUILD=1 FATHOMD=path OUT=dir
#        FATHOMD_ENV="VAR=value ..." (runtime settings passed to fathomd, e.g. to try a knob)
# Prints one table row per run (CPU % of one core over seconds WARMUP..DURATION; RSS max and at
# the end) and, on stderr, the busiest threads with their CPU, run-queue wait and context
# switches. Raw logs and samples stay in OUT (default /tmp/fathom-bench/lateness).
# Lateness depends on other load on the machine: the load average is printed with each row.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

COUNTS=${COUNTS:-"1000 10000"}
JITTERS=${JITTERS:-"0 1"}
DURATION=${DURATION:-60}
WARMUP=${WARMUP:-5}
OUT=${OUT:-/tmp/fathom-bench/lateness}
FATHOMD=${FATHOMD:-$FATHOMD_RELEASE}
mkdir -p "$OUT"

[ -n "${NO_BUILD:-}" ] || build_fathomd "$OUT"
[ -x "$FATHOMD" ] || { echo "no fathomd at $FATHOMD" >&2; exit 1; }

gen_config() { # gen_config FILE COUNT JITTER ARCHIVE
  local file=$1 n=$2 jitter=$3 db=$4 i
  {
    echo "collection_interval 1"
    echo "<archive>"
    echo "    type sqlite"
    echo "    path $db"
    echo "</archive>"
    for ((i = 1; i <= n; i++)); do
      echo "<collector c$i>"
      echo "    module noop"
      echo "    emit no"
      echo "    schedule aligned"
      [ "$jitter" = 0 ] || echo "    jitter $jitter"
      echo "</collector>"
    done
  } >"$file"
}

printf '%-10s %-6s %-13s %-8s %-9s %-9s %-9s %-8s %-10s %-10s %-7s %s\n' \
  collectors jitter span runs p50_ms p99_ms max_ms cpu_pct rss_max_mb rss_end_mb exit loadavg_before
for n in $COUNTS; do
  for j in $JITTERS; do
    tag="n$n-j$j"
    dir="$OUT/$tag"; rm -rf "$dir"; mkdir -p "$dir"
    gen_config "$dir/fathom.conf" "$n" "$j" "$dir/archive.db"
    la=$(loadavg)
    log "$tag: starting fathomd with $n collector(s), jitter $j, for ${DURATION}s (loadavg $la)"
    env ${FATHOMD_ENV:-} "$FATHOMD" --foreground --config="$dir/fathom.conf" --ignorepid 2>"$dir/fathomd.log" &
    pid=$!
    sample_pids "$dir/samples.txt" "$DURATION" "$pid"
    read -r cpu _ rss_max rss_end _ < <(summarize "$dir/samples.txt" "$pid" "$WARMUP")
    thread_cpu "$pid" >"$dir/threads.txt"
    stop_pid "$pid" 60; rc=$STOP_RC
    # fathomd logs lateness since start and in steady state (after its first 10 s); both are reported.
    for span in "since start" "steady state"; do
      line=$(grep -m1 "scheduler lateness $span" "$dir/fathomd.log" || true)
      if [[ $line =~ over\ ([0-9]+)\ in-daemon.*p50\ ([0-9.]+)\ ms,\ p99\ ([0-9.]+)\ ms,\ max\ ([0-9.]+)\ ms ]]; then
        runs=${BASH_REMATCH[1]} p50=${BASH_REMATCH[2]} p99=${BASH_REMATCH[3]} max=${BASH_REMATCH[4]}
      else
        runs=NA p50=NA p99=NA max=NA
        log "$tag: no '$span' lateness line in $dir/fathomd.log"
      fi
      printf '%-10s %-6s %-13s %-8s %-9s %-9s %-9s %-8s %-10s %-10s %-7s %s\n' \
        "$n" "$j" "${span%% *}" "$runs" "$p50" "$p99" "$max" "$cpu" "$rss_max" "$rss_end" "$rc" "$la"
    done
    { echo "$tag: busiest threads, whole run (name ticks on_cpu_ms runq_wait_ms voluntary_ctxsw involuntary_ctxsw threads):"; head -4 "$dir/threads.txt"; } >&2
    grep -E 'WARN|ERROR|FAIL' "$dir/fathomd.log" | cut -d' ' -f2- | sed -E 's/[0-9]+/N/g' | sort | uniq -c | sort -rn | head -5 >&2 || true
  done
done
[ -z "${FATHOMD_ENV:-}" ] || log "fathomd ran with: $FATHOMD_ENV"
log "raw logs and per-second samples: $OUT"
