#!/usr/bin/env bash
# The RSS the API part adds to the NativeAOT fathomd: the same configuration (the `host` collector
# at 1 s into SQLite, the archive holding bench/api-query.sh's 6 M points beforehand) with
# `<api> listen 127.0.0.1:PORT </api>` ("api") and with `<api> enabled no </api>` ("off"), run one
# after the other, alternating, RUNS times each; WINDOW seconds sampled each second after WARMUP.
# During an api window a client sends REQ_PER_S requests a second over loopback (one curl each
# second, keep-alive between its URLs), cycling through: one series' day at 1 min (1,440 points),
# the last minute of every host series, /api/v1/series, /api/v1/collectors, /healthz, /readyz and
# /metrics (those the daemon answers with 200 when the run starts; the others are left out and
# named). Reports each run and the medians; also the binary's size now and, with OLD_AOT_DIR, the
# size of a build from before the API, which then also runs in each round ("old": the same
# configuration without the <api> block, which that build does not know).
#
#   bench/api-footprint.sh   env: RUNS=3 WINDOW=75 WARMUP=10 REQ_PER_S=4 NO_BUILD=1
#                                 FATHOMD_AOT_DIR=artifacts/native OLD_AOT_DIR=(unset)
#                                 OUT=bench/results/api-footprint.raw.txt
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
OUT=${OUT:-$here/results/api-footprint.raw.txt}
RUNS=${RUNS:-3}
WINDOW=${WINDOW:-75}
WARMUP=${WARMUP:-10}
REQ_PER_S=${REQ_PER_S:-4}
bench_workdir fathom-api-footprint
ensure_packages "$work" curl

if [ -z "${NO_BUILD:-}" ]; then
  log "publishing NativeAOT fathomd to $FATHOMD_AOT_DIR"
  (cd "$root" && dotnet publish src/Fathom.Daemon -c Release -r linux-x64 -nologo -v q -o "$FATHOMD_AOT_DIR") \
    >"$work/publish.log" 2>&1 || { tail -20 "$work/publish.log" >&2; exit 1; }
fi
(cd "$root" && dotnet build bench/ArchiveQuery -c Release -nologo -v q) >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
fathomd="$FATHOMD_AOT_DIR/fathomd"
log "filling the template archive (bench/api-query.sh's 6 M points)"
dotnet "$root/bench/ArchiveQuery/bin/Release/net10.0/Fathom.ArchiveQuery.dll" load-api "$work/template.db" >"$work/load.txt"

size_line="# fathomd $(stat -c %s "$fathomd") bytes ($fathomd)"
[ -n "${OLD_AOT_DIR:-}" ] && [ -x "$OLD_AOT_DIR/fathomd" ] && size_line+=", before the API $(stat -c %s "$OLD_AOT_DIR/fathomd") bytes ($OLD_AOT_DIR/fathomd): +$(( $(stat -c %s "$fathomd") - $(stat -c %s "$OLD_AOT_DIR/fathomd") ))"
emit "# $(date -u +%FT%TZ) $(nproc) cpus, load $(loadavg); $RUNS alternating runs each of api on / enabled no, ${WINDOW} s windows after ${WARMUP} s, $REQ_PER_S requests/s while on"
emit "$size_line"

# client PORT SECONDS : REQ_PER_S requests a second for SECONDS seconds; prints the count of 200s.
client() {
  local port=$1 secs=$2 i j n=0 ok base="http://127.0.0.1:$1"
  local -a args=()
  for ((i = 0; i < secs; i++)); do
    args=()
    for ((j = 0; j < REQ_PER_S; j++)); do args+=(-o /dev/null -w '%{http_code}\n' "$base${PATHS[(i * REQ_PER_S + j) % ${#PATHS[@]}]}"); done
    ok=$(curl -s -m 5 "${args[@]}" | grep -c '^200$' || true)
    n=$(( n + ok ))
    sleep 1
  done
  echo "$n"
}

declare -a ON=() OFF=() OLD=()
one_run() { # one_run MODE(api|off|old) N
  local mode=$1 n=$2 port dir pid served=0 cpid=
  port=$(free_port); dir="$work/$mode-$n"; mkdir -p "$dir"
  local api_block="<api>
    listen 127.0.0.1:$port
</api>"
  [ "$mode" = off ] && api_block="<api>
    listen 127.0.0.1:$port
    enabled no
</api>"
  [ "$mode" = old ] && api_block=""
  cp "$work/template.db" "$dir/archive.db"
  cat >"$dir/fathom.conf" <<CONF
collection_interval 1
<archive>
    type sqlite
    path $dir/archive.db
</archive>
<collector host>
    module host
    collection_interval 1
</collector>
$api_block
CONF
  local bin=$fathomd; [ "$mode" = old ] && bin=$OLD_AOT_DIR/fathomd
  "$bin" --foreground --config="$dir/fathom.conf" --ignorepid 2>"$dir/fathomd.log" &
  pid=$!
  if [ "$mode" = api ]; then
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
    if [ -z "${PATHS+x}" ]; then
      local -a candidates=(
        "/api/v1/query?name=bench.value&tag=series%3Ds0044&from=2025-01-04T00:00:00Z&to=2025-01-05T00:00:00Z&step=1m&agg=avg"
        "/api/v1/query?name=host.*&from=-1m"
        "/api/v1/series" "/api/v1/collectors" "/healthz" "/readyz" "/metrics")
      PATHS=()
      local p missing=""
      for p in "${candidates[@]}"; do
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$p")" = 200 ]; then PATHS+=("$p"); else missing+=" ${p%%\?*}"; fi
      done
      emit "# requests cycle through ${#PATHS[@]} paths:$(printf ' %s' "${PATHS[@]%%\?*}"); not answered with 200, left out:${missing:- none}"
    fi
    client "$port" $(( WARMUP + WINDOW )) >"$dir/served" &
    cpid=$!
  fi
  sample_pids "$dir/samples.txt" $(( WARMUP + WINDOW )) "$pid"
  [ -n "$cpid" ] && { wait "$cpid" || true; served=$(cat "$dir/served"); }
  rss_breakdown "$pid" >"$dir/rss-breakdown.txt" || true
  stop_pid "$pid" 30
  read -r cpu avg max end w < <(summarize "$dir/samples.txt" "$pid" "$WARMUP")
  emit "run $mode $n cpu_pct=$cpu rss_avg_mb=$avg rss_max_mb=$max rss_end_mb=$end window_s=$w requests_200=$served exit=$STOP_RC anon_kb=$(head -1 "$dir/rss-breakdown.txt" | cut -d' ' -f1) load=$(cut -d' ' -f1 /proc/loadavg)"
  case $mode in api) ON+=("$avg");; off) OFF+=("$avg");; old) OLD+=("$avg");; esac
}

for ((n = 1; n <= RUNS; n++)); do
  log "run $n/$RUNS (load $(loadavg))"
  if (( n % 2 )); then one_run api "$n"; one_run off "$n"; else one_run off "$n"; one_run api "$n"; fi
  [ -n "${OLD_AOT_DIR:-}" ] && one_run old "$n"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
m_on=$(median "${ON[@]}"); m_off=$(median "${OFF[@]}")
emit "median rss_avg_mb api=$m_on off=$m_off added_mb=$(awk -v a="$m_on" -v b="$m_off" 'BEGIN { printf "%.1f", a - b }') (goal < 10)"
[ ${#OLD[@]} -gt 0 ] && emit "median rss_avg_mb before_api=$(median "${OLD[@]}") (api on - before: $(awk -v a="$m_on" -v b="$(median "${OLD[@]}")" 'BEGIN { printf "%.1f", a - b }') MB)"
emit "# end $(date -u +%FT%TZ), load $(loadavg)"
