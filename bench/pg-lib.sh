# PostgreSQL 15 for the bench/ scripts (sourced after lib.sh, not run): Debian's server started by
# the script itself as the postgres user, in a temporary folder, on a free 127.0.0.1 port, trust
# authentication on loopback only, and stopped by its pid (never by name).

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_PID=

# ensure_postgres LOGDIR : installs Debian's postgresql-15 if its binaries are missing (its cluster service not started).
ensure_postgres() {
  [ -x "$PG_BIN/postgres" ] || ensure_packages "$1" postgresql-15
  [ -x "$PG_BIN/postgres" ] || { log "no PostgreSQL 15 at $PG_BIN"; return 1; }
}

as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }

# start_postgres DIR SETTING... : initdb in DIR/data, then postgres as a child of this shell
# (setpriv execs it, so $! is the postmaster; a shell function there would put a subshell between). Sets PG_PID and PG_PORT; waits until it answers.
start_postgres() {
  local dir=$1 i; shift
  PG_PORT=$(free_port)
  mkdir -p "$dir"; chown postgres:postgres "$dir"
  as_postgres "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust --no-sync >"$dir/initdb.log" 2>&1 \
    || { tail -20 "$dir/initdb.log" >&2; return 1; }
  setpriv --reuid=postgres --regid=postgres --init-groups "$PG_BIN/postgres" -D "$dir/data" -p "$PG_PORT" -k "$dir" -c listen_addresses=127.0.0.1 "$@" >"$dir/postgres.log" 2>&1 &
  PG_PID=$!
  for ((i = 0; i < 600; i++)); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
    kill -0 "$PG_PID" 2>/dev/null || { tail -20 "$dir/postgres.log" >&2; PG_PID=; return 1; }
    sleep 0.1
  done
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" || { log "postgres did not answer within 60 s"; return 1; }
  log "postgres $("$PG_BIN/postgres" --version | awk '{print $3}') pid $PG_PID on 127.0.0.1:$PG_PORT ($*)"
}

# stop_postgres : fast shutdown (SIGINT) of the postmaster started above, SIGQUIT after 60 s.
stop_postgres() {
  [ -n "$PG_PID" ] || return 0
  local i
  kill -INT "$PG_PID" 2>/dev/null || true
  for ((i = 0; i < 600; i++)); do kill -0 "$PG_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$PG_PID" 2>/dev/null; then log "postgres pid $PG_PID still running after 60 s: SIGQUIT"; kill -QUIT "$PG_PID" 2>/dev/null || true; fi
  wait "$PG_PID" 2>/dev/null || true
  PG_PID=
}

# pg_sql DB SQL : runs SQL as postgres over loopback TCP, unaligned tuples only.
pg_sql() { "$PG_BIN/psql" -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$1" -v ON_ERROR_STOP=1 -Atqc "$2"; }

pg_conn() { printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=postgres' "$PG_PORT" "$1"; }

# pg_cpu_ticks : CPU (clock ticks) of the postmaster, of the backends it has reaped (cutime+cstime:
# a client's backend ends with its connection) and of every process it has now.
pg_cpu_ticks() {
  local total=0 p t line
  read -r line <"/proc/$PG_PID/stat" || { echo 0; return; }
  local -a f=(${line##*) })
  total=$(( f[13] + f[14] ))
  for p in "$PG_PID" $(ps --ppid "$PG_PID" -o pid= 2>/dev/null); do
    t=$(cpu_ticks "$p" 2>/dev/null) && total=$((total + t))
  done
  echo "$total"
}

# pg_db_bytes DB : bytes of every table of DB outside the system schemas, indexes and TOAST included.
pg_db_bytes() {
  pg_sql "$1" "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
}

# pg_table_bytes DB : "table=bytes" for each such table, largest first (partitions named one by one).
pg_table_bytes() {
  pg_sql "$1" "SELECT string_agg(c.relname || '=' || pg_total_relation_size(c.oid), ' ' ORDER BY pg_total_relation_size(c.oid) DESC)
               FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
}

# pg_wait_idle DB : waits (at most 10 s) until no backend serves DB, so that pg_cpu_ticks, read
# next, counts the CPU of the backends that just ended (the postmaster reaps them a little later).
pg_wait_idle() {
  local i
  for ((i = 0; i < 100; i++)); do
    [ "$(pg_sql postgres "SELECT count(*) FROM pg_stat_activity WHERE datname = '$1'")" = 0 ] && break
    sleep 0.1
  done
  sleep 0.2
}
