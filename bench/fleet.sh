#!/usr/bin/env bash
# Fleet simulation: how many agents one PostgreSQL on this machine holds. Simulated agents, each
# with its own Fathom PostgreSQL writer (its own connection, host identity and delivery stream),
# write 100 series at 10 s with time sped up SPEEDUP times, spread over PROCS driver processes
# (bench/PostgresBench fleet). A step of A agents offers the load of A × SPEEDUP real agents: the
# same points/s, batches/s and blocks closed per second (fewer connections and distinct series:
# see BENCHMARKS.md). Steps raise A (STEPS) until one is not held (at the end a batch had been due
# for more than 1 s unwritten, or fewer than 98% of the offered points/s were stored in the
# measured window, the last four fifths); each step uses a fresh database.
# The drivers run on the same 2 cores as PostgreSQL and encode the blocks (on real agents that
# work is theirs): PostgreSQL's own CPU is reported beside the figures.
#
#   bench/fleet.sh                               SPEEDUP 200, steps of 50..400 agents, 40 s each
#   STEPS="150 300" SECONDS_EACH=20 bench/fleet.sh
#
# PostgreSQL 15 as in bench/postgres-ingest.sh (bench/pg-lib.sh), max_connections above the
# agents. Raw lines go to $OUT (default bench/results/fleet.raw.txt).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
# shellcheck source=bench/pg-lib.sh
source "$here/pg-lib.sh"
OUT=${OUT:-$here/results/fleet.raw.txt}
SPEEDUP=${SPEEDUP:-200}
STEPS=${STEPS:-50 100 150 200 250 300 400}
SECONDS_EACH=${SECONDS_EACH:-40}
PROCS=${PROCS:-2}
read -r -a PG_SETTINGS <<<"${PG_SETTINGS:--c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min -c max_connections=500}"
FLEET_PIDS=()

bench_workdir fathom-fleet
stop_fleet() { local p; for p in "${FLEET_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; FLEET_PIDS=(); }
trap 'stop_fleet; stop_postgres; rm -rf "$work"' EXIT
chmod 755 "$work" # the postgres user works in $work/pg
ensure_postgres "$work"

log "building the PostgreSQL bench driver (Release)"
(cd "$root" && dotnet build bench/PostgresBench -c Release -nologo -v q) >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
driver="$root/bench/PostgresBench/bin/Release/net10.0/Fathom.PostgresBench.dll"
[ -e "$(dirname "$driver")/Fathom.Archive.Postgres.dll" ] || { log "no src/Fathom.Archive.Postgres in this tree"; exit 1; }

start_postgres "$work/pg" "${PG_SETTINGS[@]}"
emit "# $(date -u +%FT%TZ) $(nproc) cpus, load $(loadavg), postgres $("$PG_BIN/postgres" --version | awk '{print $3}') (${PG_SETTINGS[*]}), commit $(git -C "$root" rev-parse --short HEAD), speedup $SPEEDUP, $PROCS driver processes, ${SECONDS_EACH} s a step"
held_agents=0 held_points=0
for agents in $STEPS; do
    db=fleet_$agents
    pg_sql postgres "CREATE DATABASE $db"
    # The schema first, by one writer, so that the agents' writers only open it.
    dotnet "$driver" fleet "$(pg_conn "$db")" 0 1 "$SPEEDUP" 0.1 >/dev/null
    log "step: $agents agents x $SPEEDUP = $((agents * SPEEDUP)) agents' load"
    c0=$(pg_cpu_ticks); t0=${EPOCHREALTIME/./}; lsn0=$(pg_sql postgres "SELECT pg_current_wal_lsn()")
    FLEET_PIDS=()
    for ((p = 0; p < PROCS; p++)); do
        n=$(( agents / PROCS + (p < agents % PROCS ? 1 : 0) ))
        first=$(( 1 + p * (agents / PROCS + 1) ))
        timeout $((SECONDS_EACH * 4 + 300)) dotnet "$driver" fleet "$(pg_conn "$db")" "$first" "$n" "$SPEEDUP" "$SECONDS_EACH" >"$work/fleet.$p" 2>"$work/fleet.$p.err" &
        FLEET_PIDS+=($!)
    done
    rc=0
    for p in "${FLEET_PIDS[@]}"; do wait "$p" || rc=$?; done
    FLEET_PIDS=()
    pg_wait_idle "$db"; c1=$(pg_cpu_ticks); t1=${EPOCHREALTIME/./}; wal=$(pg_sql postgres "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '$lsn0')")
    [ $rc = 0 ] || { cat "$work"/fleet.*.err >&2; emit "# step $agents: a driver failed (exit $rc)"; break; }
    # Sums over the drivers: points/s and backlog add up, latencies are the worst driver's.
    line=$(cat "$work"/fleet.[0-9] | awk -v a="$agents" -v s="$SPEEDUP" '
        { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
          pps += v["points_per_s"]; off += v["offered_points_per_s"]; pts += v["points"]; beh += v["batches_behind"]; ab += v["agents_behind"]; cpu += v["driver_cpu_s"]
          if (v["backlog_s"] > bl) bl = v["backlog_s"]
          if (v["write_ms_p50"] > p50) p50 = v["write_ms_p50"]; if (v["write_ms_p99"] > p99) p99 = v["write_ms_p99"]; if (v["write_ms_max"] > mx) mx = v["write_ms_max"] }
        END { printf "fleet agents=%d speedup=%d agents_equivalent=%d offered_points_per_s=%.0f points_per_s=%.0f points=%d batches_behind=%d backlog_s=%.2f agents_behind=%d write_ms_p50=%.1f write_ms_p99=%.1f write_ms_max=%.1f drivers_cpu_s=%.1f held=%s",
                     a, s, a * s, off, pps, pts, beh, bl, ab, p50, p99, mx, cpu, (bl <= 1 && pps >= 0.98 * off) ? "yes" : "no" }')
    bytes=$(pg_db_bytes "$db")
    emit "$line postgres_cpu_pct_of_one_core=$(awk -v c=$((c1 - c0)) -v hz="$CLK_TCK" -v us=$((t1 - t0)) 'BEGIN { printf "%.0f", c / hz / (us / 1e6) * 100 }') step_wall_s=$(awk -v us=$((t1 - t0)) 'BEGIN { printf "%.1f", us / 1e6 }') load=$(loadavg | tr ' ' ,) bytes=$bytes bytes_per_point=$(awk -v b="$bytes" -v p="$(sed -E 's/.* points=([0-9]+).*/\1/' <<<"$line")" 'BEGIN { printf "%.2f", b / p }') wal_bytes_per_point=$(awk -v b="$wal" -v p="$(sed -E 's/.* points=([0-9]+).*/\1/' <<<"$line")" 'BEGIN { printf "%.2f", b / p }')"
    pg_sql postgres "DROP DATABASE $db"
    case $line in
        *held=yes*) held_agents=$((agents * SPEEDUP)); held_points=$(sed -E 's/.* points_per_s=([0-9]+).*/\1/' <<<"$line") ;;
        *) break ;;
    esac
done
emit "fleet-summary agents_held=$held_agents points_per_s_held=$held_points goal_points_per_s=300000 goal=$( ((held_points >= 300000)) && echo met || echo missed)"
