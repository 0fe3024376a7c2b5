#!/usr/bin/env bash
# Archive ingest, same run, same machine: Fathom's block archive through the real pipeline and
# writer, beside a C program on libsqlite3 appending (series, time, value) rows (the SQLite append
# limit, rowid table), the same rows into a (series, time) WITHOUT ROWID table (row per point,
# Fathom's schema version 1 layout), and InfluxDB 1.6 (Debian's package) receiving the same points
# as line protocol over HTTP. 10,000 series in time order, 10,000-row transactions for the C peers,
# WAL, synchronous=NORMAL; bytes on disk after a TRUNCATE checkpoint (SQLite) or after InfluxDB's
# cache snapshot and full compaction have settled (InfluxDB).
#
#   bench/archive-ingest.sh                         60 s each (about 8 minutes)
#   SECONDS_EACH=10 bench/archive-ingest.sh         a quick smoke run
#   RUNS="fathom-mixed influxdb" bench/archive-ingest.sh   some runs only
#   RUNS="fathom-mixed fathom-mixed-latest fathom-mixed fathom-mixed-latest" ...   the cost of /metrics' observer
#
# InfluxDB: `influxd -config` on a generated config (bench/lib.sh start_influxd: a temporary folder,
# HTTP and RPC on free 127.0.0.1 ports, nothing else listening); the client (bench/InfluxPeer)
# builds the line-protocol payloads before the clock starts (INFLUX_PREBUILD points, by default
# 1.2 M per second of the run, at most 70 M or a third of the available memory) and posts 5,000-point batches on
# INFLUX_CONCURRENCY (default 2) connections. Its own ceiling is measured first against an
# in-process discard server. Everything started here is stopped by pid on exit, even on failure.
#
# Raw result lines go to $OUT (default bench/results/archive.raw.txt). Installs what is missing
# with apt-get (libsqlite3-dev, gcc, influxdb: its system service is not started).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
OUT=${OUT:-$here/results/archive.raw.txt}
SECONDS_EACH=${SECONDS_EACH:-60}
SERIES=${SERIES:-10000}
RUNS=${RUNS:-rowid fathom-mixed influxdb keyed fathom-random fathom-mixed-jitter}
INFLUX_CONCURRENCY=${INFLUX_CONCURRENCY:-2}
# Payloads take about 57 bytes a point: enough for 1.2 M points/s over the run, but at most 70 M
# points and a third of the available memory (a faster server gets the rest built while sending).
avail_kb=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
prebuild=$(( SECONDS_EACH * 1200000 ))
(( prebuild > 70000000 )) && prebuild=70000000
(( prebuild > avail_kb * 1024 / 3 / 57 )) && prebuild=$(( avail_kb * 1024 / 3 / 57 ))
INFLUX_PREBUILD=${INFLUX_PREBUILD:-$prebuild}
INFLUX_SETTLE_MIN=${INFLUX_SETTLE_MIN:-40}
bench_workdir fathom-archive-bench

need=()
command -v cc >/dev/null 2>&1 || need+=(gcc)
[ -e /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    { $sudo apt-get update -q && $sudo apt-get install -y -q "${need[@]}"; } >"$work/apt.log" 2>&1 || { tail -20 "$work/apt.log" >&2; exit 1; }
fi
case " $RUNS " in *" influxdb "*) ensure_influxdb "$work" ;; esac

log "building the C peer, the ingest driver and the InfluxDB client (Release)"
cc -O2 -Wall -o "$work/append" "$here/sqlite-append/append.c" -lsqlite3
(cd "$root" && dotnet build bench/ArchiveIngest -c Release -nologo -v q && dotnet build bench/InfluxPeer -c Release -nologo -v q) \
    >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
driver="$root/bench/ArchiveIngest/bin/Release/net10.0/Fathom.ArchiveIngest.dll"
peer="$root/bench/InfluxPeer/bin/Release/net10.0/Fathom.InfluxPeer.dll"

# InfluxDB: a fresh server, the timed writes, then the size once the cache is snapshotted and the
# cold shard fully compacted (at least INFLUX_SETTLE_MIN s after the last write, until du is steady).
# Runs in this shell (not in $(...)), so that the EXIT trap knows INFLUXD_PID; sets RESULT.
influx_run() {
    local dir="$work/influx" line c0 c1 after settled waited tsm points secs
    rm -rf "$dir"
    start_influxd "$dir"
    dotnet "$peer" ping "$INFLUX_URL" 60
    dotnet "$peer" create-db "$INFLUX_URL" db=bench
    c0=$(cpu_ticks "$INFLUXD_PID")
    run_child "$work/out" timeout $((SECONDS_EACH * 3 + 300)) dotnet "$peer" write "$INFLUX_URL" shape=ingest series="$SERIES" \
        seconds="$SECONDS_EACH" concurrency="$INFLUX_CONCURRENCY" prebuild="$INFLUX_PREBUILD"
    line=$(cat "$work/out")
    c1=$(cpu_ticks "$INFLUXD_PID")
    after=$(influx_bytes "$dir")
    read -r settled waited < <(influx_settle "$dir" "$INFLUX_SETTLE_MIN" 300)
    tsm=$(influx_tsm_bytes "$dir")
    stop_pid "$INFLUXD_PID" 30; INFLUXD_PID=
    points=$(sed -E 's/.* points=([0-9]+).*/\1/' <<<"$line")
    # The write timing starts after the payloads are built; influxd's CPU spans that too, so it is
    # divided by the writes' own time (from the line) rather than the wall time of the command.
    secs=$(sed -E 's/.* seconds=([0-9.]+).*/\1/' <<<"$line")
    RESULT=$(printf '%s influxd_cpu_pct_of_one_core=%s bytes_after_writes=%s bytes=%s bytes_per_point=%s settle_wait_s=%s tsm_bytes=%s tsm_bytes_per_point=%s influxd=%s index=inmem\n' \
        "$line" "$(awk -v c=$((c1 - c0)) -v hz="$CLK_TCK" -v s="$secs" 'BEGIN { printf "%.0f", c / hz / s * 100 }')" \
        "$after" "$settled" "$(awk -v b="$settled" -v p="$points" 'BEGIN { printf "%.2f", b / p }')" "$waited" \
        "$tsm" "$(awk -v b="$tsm" -v p="$points" 'BEGIN { printf "%.2f", b / p }')" "$(influxd version 2>/dev/null | cut -d' ' -f2)")
}

emit "# $(date -u +%FT%TZ) $(nproc) cpus, load $(loadavg), sqlite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1), $SERIES series, ${SECONDS_EACH} s each"
for run in $RUNS; do
    rm -f "$work"/db*
    log "run: $run"
    case $run in
        rowid|keyed) run_emit timeout $((SECONDS_EACH * 3 + 60)) "$work/append" "$work/db" "$run" "$SERIES" "$SECONDS_EACH" ;;
        fathom-mixed) run_emit timeout $((SECONDS_EACH * 3 + 60)) dotnet "$driver" "$work/db" "$SERIES" "$SECONDS_EACH" mixed ;;
        # The same with the latest-values observer /metrics reads (the daemon with an <api> block).
        fathom-mixed-latest) run_emit timeout $((SECONDS_EACH * 3 + 60)) dotnet "$driver" "$work/db" "$SERIES" "$SECONDS_EACH" mixed latest ;;
        fathom-random) run_emit timeout $((SECONDS_EACH * 3 + 60)) dotnet "$driver" "$work/db" "$SERIES" "$SECONDS_EACH" random ;;
        fathom-mixed-jitter) run_emit timeout $((SECONDS_EACH * 3 + 60)) dotnet "$driver" "$work/db" "$SERIES" "$SECONDS_EACH" mixed-jitter ;;
        influxdb)
            # The client alone first: the same payload builder and HTTP senders against a server
            # that discards the bodies (payloads built while sending, the harder case for the client).
            run_emit dotnet "$peer" sink-write shape=ingest series="$SERIES" seconds=10 concurrency="$INFLUX_CONCURRENCY"
            influx_run
            emit "$RESULT" ;;
        *) log "unknown run $run"; exit 2 ;;
    esac
done
