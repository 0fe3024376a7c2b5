#!/usr/bin/env bash
# Archive ingest, same run, same machine: Fathom's block archive through the real pipeline and
# writer, beside a C program on libsqlite3 appending (series, time, value) rows (the SQLite append
# limit, rowid table) and the same rows into a (series, time) WITHOUT ROWID table (row per point,
# Fathom's schema version 1 layout). 10,000 series in time order, 10,000-row transactions for the
# C peers, WAL, synchronous=NORMAL; bytes on disk after a TRUNCATE checkpoint.
#
#   bench/archive-ingest.sh                 60 s each (about 6 minutes)
#   SECONDS_EACH=10 bench/archive-ingest.sh a quick smoke run
#
# Raw result lines go to $OUT (default bench/results/archive.raw.txt). Needs libsqlite3-dev and cc.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
OUT=${OUT:-$here/results/archive.raw.txt}
SECONDS_EACH=${SECONDS_EACH:-60}
SERIES=${SERIES:-10000}
work=$(mktemp -d /tmp/fathom-archive-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

log "building the C peer and the ingest driver (Release)"
cc -O2 -Wall -o "$work/append" "$here/sqlite-append/append.c" -lsqlite3
(cd "$root" && dotnet build bench/ArchiveIngest -c Release -nologo -v q) >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
driver="$root/bench/ArchiveIngest/bin/Release/net10.0/Fathom.ArchiveIngest.dll"

{
    echo "# $(date -u +%FT%TZ) $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg), sqlite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1), $SERIES series, ${SECONDS_EACH} s each"
    for run in rowid fathom-mixed keyed fathom-random fathom-mixed-jitter; do
        rm -f "$work"/db*
        log "run: $run"
        case $run in
            rowid|keyed) timeout $((SECONDS_EACH * 3 + 60)) "$work/append" "$work/db" "$run" "$SERIES" "$SECONDS_EACH" ;;
            fathom-mixed) timeout $((SECONDS_EACH * 3 + 60)) dotnet "$driver" "$work/db" "$SERIES" "$SECONDS_EACH" mixed ;;
            fathom-random) timeout $((SECONDS_EACH * 3 + 60)) dotnet "$driver" "$work/db" "$SERIES" "$SECONDS_EACH" random ;;
            fathom-mixed-jitter) timeout $((SECONDS_EACH * 3 + 60)) dotnet "$driver" "$work/db" "$SERIES" "$SECONDS_EACH" mixed-jitter ;;
        esac
    done
} | tee -a "$OUT"
