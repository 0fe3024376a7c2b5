#!/usr/bin/env bash
# SNMP polling cost: fathomd's snmp collector against net-snmp's snmpd, beside snmpbulkwalk (a
# shell loop on the same schedule) and collectd's snmp plugin doing the same work.
# (a) polls per second: 200 snmp collector blocks (COLLECTORS_A), each polling `interface lo` (one GET of 12
#     varbinds) every 100 ms, for WINDOW_A s; polls counted by snmpd itself (snmpInGetRequests),
#     beside a sequential snmpget loop asking the same varbinds.
# (b) CPU of polling 100 interfaces every 10 s for WINDOW_B s: the agent runs in a network
#     namespace holding 100 extra interfaces (dummy, or bridge where this kernel has no dummy
#     driver), deleted at the end. fathomd: one collector with check_all_interfaces yes;
#     snmpbulkwalk: one walk per column (10 columns, -Cr100) each 10 s; collectd: the snmp plugin
#     with Table blocks for the same 10 columns, Interval 10, csv output to a temporary folder.
#     CPU = utime+stime from /proc (for the shell loop: its children's time, cutime+cstime).
# Needs root (ip netns). Installs snmpd, snmp, collectd-core when missing.
# fathomd: the NativeAOT publish in $FATHOMD_AOT_DIR (artifacts/native; published when missing
# unless NO_BUILD=1 and it is there).
# Usage: bench/snmp.sh [WINDOW_B_S=120] [WINDOW_A_S=20]   -> bench/results/snmp.md
set -euo pipefail
source "$(dirname "$0")/lib.sh"
WINDOW_B=${1:-120}
WINDOW_A=${2:-20}
WARMUP=12
COLLECTORS_A=${COLLECTORS_A:-200}
IFACES=100
OUT="$BENCH_DIR/results/snmp.md"
WORK=$(mktemp -d /tmp/snmp-bench.XXXXXX)
NS="fathom-snmp-$$"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  ip netns del "$NS" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
ensure_packages "$WORK" snmpd snmp collectd-core

IF_NAME=1.3.6.1.2.1.31.1.1.1.1
COLUMNS=(1.3.6.1.2.1.31.1.1.1.1 1.3.6.1.2.1.31.1.1.1.6 1.3.6.1.2.1.31.1.1.1.10 1.3.6.1.2.1.2.2.1.14 1.3.6.1.2.1.2.2.1.20
  1.3.6.1.2.1.2.2.1.13 1.3.6.1.2.1.2.2.1.19 1.3.6.1.2.1.2.2.1.8 1.3.6.1.2.1.2.2.1.7 1.3.6.1.2.1.31.1.1.1.15)
IN_GETS=1.3.6.1.2.1.11.15.0
IN_PKTS=1.3.6.1.2.1.11.1.0
# The net-snmp tools without MIB parsing (numeric OIDs only): their cheapest start.
TOOL_OPTS=(-v2c -c public -On -Oq -m '' -M /nonexistent)

# --- the agent: snmpd in its own namespace with 100 extra interfaces ---
ip netns add "$NS"
ip netns exec "$NS" ip link set lo up
kind=dummy
ip netns exec "$NS" ip link add probe0 type dummy 2>/dev/null && ip netns exec "$NS" ip link del probe0 || kind=bridge
for i in $(seq 0 $((IFACES - 1))); do ip netns exec "$NS" ip link add "if$i" type "$kind"; done
PORT=$(( 20000 + $$ % 1000 ))
mkdir -p "$WORK/snmpd"
printf 'agentAddress udp:127.0.0.1:%s\nrocommunity public 127.0.0.1\n' "$PORT" >"$WORK/snmpd/snmpd.conf"
SNMP_PERSISTENT_DIR="$WORK/snmpd" ip netns exec "$NS" /usr/sbin/snmpd -f -Lo -C -c "$WORK/snmpd/snmpd.conf" -p "$WORK/snmpd/pid" >"$WORK/snmpd/log" 2>&1 &
SPID=$!; PIDS+=("$SPID")
AGENT="127.0.0.1:$PORT"
snmp_in() { ip netns exec "$NS" snmpget "${TOOL_OPTS[@]}" "$AGENT" "$1" | awk '{ print $2 }'; }
for _ in $(seq 1 50); do snmp_in "$IN_PKTS" >/dev/null 2>&1 && break; sleep 0.2; done
rows=$(ip netns exec "$NS" snmpbulkwalk "${TOOL_OPTS[@]}" -Cr100 "$AGENT" "$IF_NAME" | wc -l)
log "snmpd pid $SPID on $AGENT in netns $NS: $rows interfaces ($kind)"

# --- fathomd ---
if [ "${NO_BUILD:-0}" != 1 ] || [ ! -x "$FATHOMD_AOT_DIR/fathomd" ]; then
  log "publishing NativeAOT fathomd to $FATHOMD_AOT_DIR"
  (cd "$REPO_DIR" && dotnet publish src/Fathom.Daemon -c Release -r linux-x64 -nologo -v q -o "$FATHOMD_AOT_DIR") \
    >"$WORK/publish-aot.log" 2>&1 || { tail -20 "$WORK/publish-aot.log" >&2; exit 1; }
fi
FATHOMD="$FATHOMD_AOT_DIR/fathomd"
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
# cpu_all PID: utime+stime+cutime+cstime in ticks (a shell loop's cost is its children's).
cpu_all() { local line rest; read -r line <"/proc/$1/stat"; rest=${line##*) }; set -- $rest; echo $(( ${12} + ${13} + ${14} + ${15} )); }

# ---------- (a) polls per second ----------
{
  echo "<archive>"; echo "  type sqlite"; echo "  path $WORK/rate.db"; echo "</archive>"
  for c in $(seq 1 "$COLLECTORS_A"); do
    printf '<collector lo%s>\n  module snmp\n  address 127.0.0.1\n  port %s\n  community public\n  interface lo\n  collection_interval 100ms\n  timeout 2\n</collector>\n' "$c" "$PORT"
  done
} >"$WORK/rate.conf"
ip netns exec "$NS" "$FATHOMD" --foreground --ignorepid --config="$WORK/rate.conf" >"$WORK/fathomd-rate.log" 2>&1 &
FPID=$!; PIDS+=("$FPID")
sleep 5
kill -0 "$FPID" || { cat "$WORK/fathomd-rate.log" >&2; exit 1; }
g0=$(snmp_in "$IN_GETS"); c0=$(cpu_ticks "$FPID"); s0=$(cpu_ticks "$SPID"); t0=$EPOCHREALTIME
sleep "$WINDOW_A"
g1=$(snmp_in "$IN_GETS"); c1=$(cpu_ticks "$FPID"); s1=$(cpu_ticks "$SPID"); t1=$EPOCHREALTIME
stop "$FPID"
A_POLLS=$(awk -v a="$g0" -v b="$g1" -v s="$t0" -v e="$t1" 'BEGIN { printf "%.0f", (b - a - 1) / (e - s) }')
A_MS=$(awk -v c=$((c1 - c0)) -v a="$g0" -v b="$g1" -v hz="$CLK_TCK" 'BEGIN { printf "%.3f", c * 1000 / hz / (b - a - 1) }')
A_SNMPD=$(awk -v c=$((s1 - s0)) -v s="$t0" -v e="$t1" -v hz="$CLK_TCK" 'BEGIN { printf "%.0f", c / hz / (e - s) * 100 }')
log "(a) fathomd: $A_POLLS polls/s, $A_MS ms CPU per poll, snmpd at $A_SNMPD% CPU"

LO_OIDS=(1.3.6.1.2.1.1.3.0)
for col in 1.3.6.1.2.1.31.1.1.1.1 1.3.6.1.2.1.31.1.1.1.6 1.3.6.1.2.1.31.1.1.1.10 1.3.6.1.2.1.2.2.1.14 1.3.6.1.2.1.2.2.1.20 \
  1.3.6.1.2.1.2.2.1.13 1.3.6.1.2.1.2.2.1.19 1.3.6.1.2.1.2.2.1.8 1.3.6.1.2.1.2.2.1.7 1.3.6.1.2.1.31.1.1.1.15 1.3.6.1.2.1.2.2.1.5; do
  LO_OIDS+=("$col.1")
done
g0=$(snmp_in "$IN_GETS"); t0=$EPOCHREALTIME
ip netns exec "$NS" bash -c 'end=$((SECONDS + '"$WINDOW_A"')); while [ $SECONDS -lt $end ]; do snmpget "$@" >/dev/null; done' _ \
  "${TOOL_OPTS[@]}" "$AGENT" "${LO_OIDS[@]}" &
LPID=$!; PIDS+=("$LPID")
wait "$LPID" || true
g1=$(snmp_in "$IN_GETS"); t1=$EPOCHREALTIME
A_PEER=$(awk -v a="$g0" -v b="$g1" -v s="$t0" -v e="$t1" 'BEGIN { printf "%.0f", (b - a - 1) / (e - s) }')
log "(a) snmpget loop: $A_PEER polls/s"

# ---------- (b) 100 interfaces every 10 s ----------
ROWS=()
measure() { # measure NAME PID KEY
  local name=$1 pid=$2 t0 t1 p0 p1 r0 r1
  sleep "$WARMUP"
  kill -0 "$pid" || { log "$name died"; return 1; }
  t0=$(cpu_all "$pid"); p0=$(snmp_in "$IN_PKTS"); r0=$EPOCHREALTIME
  sleep "$WINDOW_B"
  t1=$(cpu_all "$pid"); p1=$(snmp_in "$IN_PKTS"); r1=$EPOCHREALTIME
  local ms=$(( (t1 - t0) * 1000 / CLK_TCK )) n=$(( p1 - p0 - 1 ))
  local per; per=$(awk -v ms="$ms" -v w="$WINDOW_B" 'BEGIN { printf "%.1f", ms / (w / 10) }')
  local rss; rss=$(rss_kb "$pid" || echo "-")
  log "$name: $ms ms CPU in ${WINDOW_B} s ($per ms per poll), $n requests to snmpd, RSS $rss kB"
  [ "$n" -gt 0 ] || { log "$name sent snmpd nothing: see $WORK"; cat "$WORK"/*.log >&2 || true; return 1; }
  ROWS+=("| $name | $ms | $per | $n | $rss |")
  eval "MS_$3=$ms"
}

cat >"$WORK/poll.conf" <<CONF
<archive>
  type sqlite
  path $WORK/poll.db
</archive>
<collector if100>
  module snmp
  address 127.0.0.1
  port $PORT
  community public
  check_all_interfaces yes
  collection_interval 10
  schedule aligned
</collector>
CONF
ip netns exec "$NS" "$FATHOMD" --foreground --ignorepid --config="$WORK/poll.conf" >"$WORK/fathomd-poll.log" 2>&1 &
FPID=$!; PIDS+=("$FPID")
measure "fathomd NativeAOT, snmp collector (check_all_interfaces)" "$FPID" FATHOM
stop "$FPID"

ip netns exec "$NS" bash -c '
  agent=$1; shift; n=$1; shift
  while :; do
    start=$EPOCHREALTIME
    for col in "$@"; do snmpbulkwalk -v2c -c public -On -Oq -m "" -M /nonexistent -Cr100 "$agent" "$col" >/dev/null; done
    left=$(awk -v s="$start" -v n="$EPOCHREALTIME" "BEGIN { d = 10 - (n - s); print (d > 0 ? d : 0) }")
    sleep "$left"
  done' _ "$AGENT" "${#COLUMNS[@]}" "${COLUMNS[@]}" &
LPID=$!; PIDS+=("$LPID")
measure "snmpbulkwalk -Cr100, one per column, shell loop" "$LPID" WALK
stop "$LPID"

mkdir -p "$WORK/csv"
{
  echo "Interval 10"
  echo "TypesDB \"/usr/share/collectd/types.db\""
  echo "LoadPlugin logfile"; echo "<Plugin logfile>"; echo "  File \"$WORK/collectd-plugin.log\""; echo "</Plugin>"
  echo "LoadPlugin snmp"
  echo "LoadPlugin csv"
  echo "<Plugin csv>"; echo "  DataDir \"$WORK/csv\""; echo "  StoreRates false"; echo "</Plugin>"
  echo "<Plugin snmp>"
  data() { # data NAME TYPE OID...
    local name=$1 type=$2; shift 2
    printf '  <Data "%s">\n    Type "%s"\n    Table true\n    TypeInstanceOID ".%s"\n    Values' "$name" "$type" "$IF_NAME"
    printf ' ".%s"' "$@"; printf '\n  </Data>\n'
  }
  data if_octets if_octets 1.3.6.1.2.1.31.1.1.1.6 1.3.6.1.2.1.31.1.1.1.10
  data if_errors if_errors 1.3.6.1.2.1.2.2.1.14 1.3.6.1.2.1.2.2.1.20
  data if_dropped if_dropped 1.3.6.1.2.1.2.2.1.13 1.3.6.1.2.1.2.2.1.19
  data if_oper gauge 1.3.6.1.2.1.2.2.1.8
  data if_admin gauge 1.3.6.1.2.1.2.2.1.7
  data if_speed gauge 1.3.6.1.2.1.31.1.1.1.15
  echo "  <Host \"agent\">"
  echo "    Address \"udp:$AGENT\""; echo "    Version 2"; echo "    Community \"public\""
  echo "    Collect \"if_octets\" \"if_errors\" \"if_dropped\" \"if_oper\" \"if_admin\" \"if_speed\""
  echo "    Interval 10"
  echo "  </Host>"
  echo "</Plugin>"
} >"$WORK/collectd.conf"
MIBS="" MIBDIRS=/nonexistent ip netns exec "$NS" /usr/sbin/collectd -f -C "$WORK/collectd.conf" >"$WORK/collectd.log" 2>&1 &
CPID=$!; PIDS+=("$CPID")
measure "collectd 5.12 snmp plugin (Table, 6 Data blocks)" "$CPID" COLLECTD
stop "$CPID"
CSV_FILES=$(find "$WORK/csv" -type f | wc -l)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b ? a / b : 0 }'; }
{
  echo "# SNMP polling (bench/snmp.sh)"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs shared with other builds, kernel $(uname -r); net-snmp $(snmpd -v | sed -n 's/.*version: *//p' | head -1)."
  echo
  echo "(a) Polls per second against snmpd (one GET of sysUpTime + lo's 11 columns per poll, counted by snmpd's snmpInGetRequests over ${WINDOW_A} s):"
  echo "fathomd ($COLLECTORS_A collectors, 100 ms interval each, so at most $((COLLECTORS_A * 10)) polls/s) $A_POLLS polls/s at $A_MS ms of fathomd CPU per poll, snmpd at $A_SNMPD% of a core;"
  echo "a sequential snmpget loop $A_PEER polls/s."
  echo
  echo "(b) $rows interfaces ($kind links in a network namespace, plus lo) polled every 10 s, ${WINDOW_B} s window after ${WARMUP} s warm-up,"
  echo "one tool after another, the same 10 columns (ifName, ifHCIn/OutOctets, ifIn/OutErrors, ifIn/OutDiscards, ifOper/AdminStatus, ifHighSpeed):"
  echo
  echo "| tool | CPU ms in window | CPU ms per poll | requests to snmpd | RSS kB |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Ratios: fathomd / snmpbulkwalk = $(ratio "$MS_FATHOM" "$MS_WALK"), fathomd / collectd = $(ratio "$MS_FATHOM" "$MS_COLLECTD")."
  echo "fathomd's figure is the whole daemon (scheduler, pipeline, SQLite archive of ~1,500 points per poll: counters, rates,"
  echo "status, speed); collectd's includes writing its csv files ($CSV_FILES files); snmpbulkwalk's prints to /dev/null."
} >"$OUT"
cat "$OUT"
