#!/usr/bin/env bash
# Archive queries, same run, same machine: the same 100 million points (1,000 series × 100,000 points
# at a 315 s step: one year per series, "mixed" values) loaded into Fathom's SQLite archive and into
# InfluxDB 1.6 (Debian's package), then three queries timed warm on both (one warm-up, median of
# RUNS):
#   (a) one series, one day at 1 min avg     (b) last value of all 1,000 series
#   (c) one series, one year at 1 day avg
# Fathom: SqliteArchive through the write port, IArchiveWriter.WriteAsync (10,000-point batches),
# queries in process through IArchiveReader from SqliteArchiveBackend (bench/ArchiveQuery). InfluxDB: line protocol over HTTP in 5,000-point batches
# (bench/InfluxPeer), queries over HTTP GET /query with the round trip counted. Bytes per stored
# point: the SQLite file after a TRUNCATE checkpoint; InfluxDB's data + WAL folders (du) after the
# cache snapshot and the full compaction of the cold shards have settled.
#
#   bench/archive-query.sh                         100 M points (about 4 minutes here)
#   POINTS_PER_SERIES=10000 bench/archive-query.sh a quick smoke run (10 M points)
#
# InfluxDB's load stops at INFLUX_LOAD_MAX_S (default 900 s) if it has not taken every point by then;
# the result line says how many it holds. Raw result lines go to $OUT (default
# bench/results/archive-query.raw.txt). Installs influxdb with apt-get if missing (its system service
# is not started); everything started here is stopped by pid on exit, even on failure.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
OUT=${OUT:-$here/results/archive-query.raw.txt}
SERIES=1000
POINTS_PER_SERIES=${POINTS_PER_SERIES:-100000}
RUNS=${RUNS:-10}
INFLUX_CONCURRENCY=${INFLUX_CONCURRENCY:-2}
INFLUX_LOAD_MAX_S=${INFLUX_LOAD_MAX_S:-900}
INFLUX_SETTLE_MIN=${INFLUX_SETTLE_MIN:-40}
bench_workdir fathom-query-bench
total=$(( SERIES * POINTS_PER_SERIES ))

ensure_influxdb "$work"
log "building the Fathom query driver and the InfluxDB client (Release)"
(cd "$root" && dotnet build bench/ArchiveQuery -c Release -nologo -v q && dotnet build bench/InfluxPeer -c Release -nologo -v q) \
    >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
driver="$root/bench/ArchiveQuery/bin/Release/net10.0/Fathom.ArchiveQuery.dll"
peer="$root/bench/InfluxPeer/bin/Release/net10.0/Fathom.InfluxPeer.dll"

emit "# $(date -u +%FT%TZ) $(nproc) cpus, load $(loadavg), $SERIES series x $POINTS_PER_SERIES points at 315 s, $RUNS runs per query, influxd $(influxd version 2>/dev/null | cut -d' ' -f2)"

log "Fathom: loading $total points"
run_emit dotnet "$driver" load "$work/fathom.db" "$SERIES" "$POINTS_PER_SERIES"
log "Fathom: queries (load $(loadavg))"
run_emit dotnet "$driver" query "$work/fathom.db" "$RUNS"
rm -f "$work"/fathom.db*

log "InfluxDB: loading $total points (at most ${INFLUX_LOAD_MAX_S} s)"
start_influxd "$work/influx"
dotnet "$peer" ping "$INFLUX_URL" 60
dotnet "$peer" create-db "$INFLUX_URL" db=bench
run_child "$work/out" dotnet "$peer" write "$INFLUX_URL" shape=query series="$SERIES" points="$total" seconds="$INFLUX_LOAD_MAX_S" \
    concurrency="$INFLUX_CONCURRENCY" prebuild=0
line=$(cat "$work/out")
points=$(sed -E 's/.* points=([0-9]+).*/\1/' <<<"$line")
after=$(influx_bytes "$work/influx")
log "InfluxDB: $points points written; waiting for the size to settle (at least ${INFLUX_SETTLE_MIN} s)"
read -r settled waited < <(influx_settle "$work/influx" "$INFLUX_SETTLE_MIN" 900)
tsm=$(influx_tsm_bytes "$work/influx")
shards=$(find "$work/influx/data/bench/autogen" -mindepth 1 -maxdepth 1 -type d | wc -l)
emit "${line/influxdb /influxdb load } bytes_after_writes=$after bytes=$settled bytes_per_point=$(awk -v b="$settled" -v p="$points" 'BEGIN { printf "%.2f", b / p }') settle_wait_s=$waited tsm_bytes=$tsm tsm_bytes_per_point=$(awk -v b="$tsm" -v p="$points" 'BEGIN { printf "%.2f", b / p }') shards=$shards index=inmem"
log "InfluxDB: queries (load $(loadavg))"
run_emit dotnet "$peer" query "$INFLUX_URL" db=bench runs="$RUNS"
stop_pid "$INFLUXD_PID" 30; INFLUXD_PID=
emit "# end $(date -u +%FT%TZ), load $(loadavg)"
