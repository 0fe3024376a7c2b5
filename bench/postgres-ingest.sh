#!/usr/bin/env bash
# PostgreSQL ingest, same run, same machine, the same points three ways: Fathom's PostgreSQL writer
# (compressed per-series blocks and the recent points of open blocks, over binary COPY, through the
# write port as fathomd uses it), a plain row per point (series_id int4, time timestamptz, value
# float8, primary key (series_id, time)) over binary COPY, and the same rows by multi-row INSERT
# (1,000 rows a prepared statement). SERIES series × ROUNDS rounds at 10 s from a fixed base, a
# round (one point of every series) a transaction/batch, values as bench/archive-ingest.sh's
# "mixed". Then Fathom's SQLite writer on the same batches, for bytes per point beside it.
# Bytes: pg_total_relation_size of every table (indexes, TOAST) after VACUUM ANALYZE and CHECKPOINT;
# SQLite: the file after the writer closed (its WAL checkpointed). WAL: PostgreSQL's WAL written
# during the run (what a streaming replica receives), per point.
#
#   bench/postgres-ingest.sh                       10,000 series × 720 rounds (7.2 M points) each
#   ROUNDS=120 bench/postgres-ingest.sh            a quick run
#   RUNS="fathom-pg rows-copy" bench/postgres-ingest.sh
#
# PostgreSQL 15 (Debian's) is started here as the postgres user in a temporary folder, on a free
# 127.0.0.1 port (bench/pg-lib.sh), with PG_SETTINGS (default: shared_buffers 1GB, max_wal_size
# 8GB, checkpoint_timeout 30min so no checkpoint lands inside a run; fsync and synchronous_commit
# on, as in production), and stopped by its pid on exit. Raw lines go to $OUT (default
# bench/results/postgres-ingest.raw.txt).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
# shellcheck source=bench/pg-lib.sh
source "$here/pg-lib.sh"
OUT=${OUT:-$here/results/postgres-ingest.raw.txt}
SERIES=${SERIES:-10000}
ROUNDS=${ROUNDS:-720}
RUNS=${RUNS:-fathom-pg rows-copy rows-insert fathom-sqlite}
read -r -a PG_SETTINGS <<<"${PG_SETTINGS:--c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min -c max_connections=200}"

bench_workdir fathom-pg-ingest
trap 'stop_child; stop_postgres; rm -rf "$work"' EXIT
chmod 755 "$work" # the postgres user works in $work/pg
ensure_postgres "$work"

log "building the PostgreSQL bench driver (Release)"
(cd "$root" && dotnet build bench/PostgresBench -c Release -nologo -v q) >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
driver="$root/bench/PostgresBench/bin/Release/net10.0/Fathom.PostgresBench.dll"
has_pg_backend=0; [ -e "$(dirname "$driver")/Fathom.Archive.Postgres.dll" ] && has_pg_backend=1

start_postgres "$work/pg" "${PG_SETTINGS[@]}"
emit "# $(date -u +%FT%TZ) $(nproc) cpus, load $(loadavg), $(awk '/^MemTotal:/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), postgres $("$PG_BIN/postgres" --version | awk '{print $3}') (${PG_SETTINGS[*]}), sqlite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1), commit $(git -C "$root" rev-parse --short HEAD), $SERIES series x $ROUNDS rounds"
for run in $RUNS; do
    log "run: $run"
    case $run in
        fathom-sqlite)
            rm -f "$work"/sqlite.db*
            run_child "$work/out" timeout 3600 dotnet "$driver" fathom-sqlite "$work/sqlite.db" "$SERIES" "$ROUNDS"
            bytes=$(cat "$work"/sqlite.db* | wc -c)
            # Pages in use (the file less its free list: journal chunks freed as blocks closed), as VACUUM leaves PostgreSQL's tables.
            used=$(sqlite3 "$work/sqlite.db" "SELECT (SELECT page_count FROM pragma_page_count) - (SELECT freelist_count FROM pragma_freelist_count)")
            used=$(( used * $(sqlite3 "$work/sqlite.db" "PRAGMA page_size") ))
            emit "$(cat "$work/out") bytes=$bytes bytes_per_point=$(awk -v b="$bytes" -v p=$((SERIES * ROUNDS)) 'BEGIN { printf "%.2f", b / p }') bytes_in_use=$used bytes_in_use_per_point=$(awk -v b="$used" -v p=$((SERIES * ROUNDS)) 'BEGIN { printf "%.2f", b / p }')" ;;
        fathom-pg|rows-copy|rows-insert)
            if [ "$run" = fathom-pg ] && [ $has_pg_backend = 0 ]; then emit "# $run skipped: no src/Fathom.Archive.Postgres in this tree"; continue; fi
            db=${run//-/_}
            pg_sql postgres "CREATE DATABASE $db"
            c0=$(pg_cpu_ticks); lsn0=$(pg_sql postgres "SELECT pg_current_wal_lsn()")
            run_child "$work/out" timeout 3600 dotnet "$driver" "$run" "$(pg_conn "$db")" "$SERIES" "$ROUNDS"
            pg_wait_idle "$db"; c1=$(pg_cpu_ticks); wal=$(pg_sql postgres "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '$lsn0')")
            secs=$(sed -E 's/.* seconds=([0-9.]+).*/\1/' "$work/out")
            pg_sql "$db" "VACUUM ANALYZE"
            pg_sql "$db" "CHECKPOINT"
            bytes=$(pg_db_bytes "$db")
            emit "$(cat "$work/out") postgres_cpu_pct_of_one_core=$(awk -v c=$((c1 - c0)) -v hz="$CLK_TCK" -v s="$secs" 'BEGIN { printf "%.0f", c / hz / s * 100 }') bytes=$bytes bytes_per_point=$(awk -v b="$bytes" -v p=$((SERIES * ROUNDS)) 'BEGIN { printf "%.2f", b / p }') wal_bytes_per_point=$(awk -v b="$wal" -v p=$((SERIES * ROUNDS)) 'BEGIN { printf "%.2f", b / p }')"
            emit "#   $run tables: $(pg_table_bytes "$db" | cut -c1-600)"
            pg_sql postgres "DROP DATABASE $db" ;;
        *) log "unknown run $run"; exit 2 ;;
    esac
done
