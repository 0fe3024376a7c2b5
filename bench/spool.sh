#!/usr/bin/env bash
# Spool throughput, same run, same machine, same disk: Fathom's disk spool appending batches of
# 1,000 series (records framed with CRC-32C, fsync per batch = spool_sync batch, or an interval),
# reading them back (replay: open scan + decode), and acknowledging (ack log vs replacing the state
# file), beside dd writing the spool's own bytes (its segments, concatenated) with the same fsync
# pattern: `dd oflag=dsync bs=<record size>` for a sync per batch; plain dd + sync for the interval.
#
#   bench/spool.sh                                 10 s per append run, two A B pairs each (about 4 minutes)
#   SECONDS_EACH=3 SAMPLES="1000" bench/spool.sh   a quick smoke run
#   SPOOL_DIR=/var/tmp bench/spool.sh              another disk (default: a folder under /tmp)
#   APPENDS=0 REPEAT=3 bench/spool.sh              the acknowledgement rows only
#
# Raw result lines go to $OUT (default bench/results/spool.raw.txt, appended). Needs coreutils (dd,
# sync), installed through ensure_packages like every bench script's peers.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
OUT=${OUT:-$here/results/spool.raw.txt}
SECONDS_EACH=${SECONDS_EACH:-10}
SAMPLES=${SAMPLES:-100 1000 5000}
INTERVAL_MS=${INTERVAL_MS:-100}
ACKS=${ACKS:-1000}
REPEAT=${REPEAT:-2}
bench_workdir fathom-spool-bench
base=${SPOOL_DIR:-$work}
[ "$base" = "$work" ] || base=$(mktemp -d "$base/fathom-spool-bench.XXXXXX")
cleanup_base() { [ "$base" = "$work" ] || rm -rf "$base"; bench_cleanup; }
trap cleanup_base EXIT

ensure_packages "$work" coreutils
log "building the spool driver (Release)"
(cd "$root" && dotnet build bench/SpoolBench -c Release -nologo -v q) >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
driver="$root/bench/SpoolBench/bin/Release/net10.0/Fathom.SpoolBench.dll"

field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; }
emit() { echo "$*" | tee -a "$OUT"; }

# dd_run LABEL BS COUNT FLAGS... : dd of the spool's bytes; with FLAGS "sync" a sync after it (timed with it).
dd_run() {
  local label=$1 bs=$2 count=$3; shift 3
  local t0 t1 secs bytes extra=() dosync=0
  for f in "$@"; do [ "$f" = sync ] && dosync=1 || extra+=("$f"); done
  rm -f "$base/dd.out"; sync
  t0=$EPOCHREALTIME
  dd if="$base/same.bin" of="$base/dd.out" bs="$bs" count="$count" "${extra[@]}" status=none
  [ $dosync = 1 ] && sync
  t1=$EPOCHREALTIME
  bytes=$(stat -c %s "$base/dd.out")
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  rm -f "$base/dd.out"
  echo "$label bs=$bs count=$count bytes=$bytes seconds=$secs mb_per_s=$(awk -v b="$bytes" -v s="$secs" 'BEGIN { printf "%.2f", b / s / 1e6 }') writes_per_s=$(awk -v c="$count" -v s="$secs" 'BEGIN { printf "%.1f", c / s }')"
}

{
  echo "# bench/spool.sh $(date -u +%Y-%m-%dT%H:%M:%SZ) commit $(cd "$root" && git rev-parse --short HEAD)"
  echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg); $(free -g | awk '/^Mem:/ { print $2 " GB RAM" }')"
  echo "# spool folder on $(df --output=source,fstype "$base" | tail -1 | xargs) ($(findmnt -n -o OPTIONS --target "$base" | cut -c1-60))"
} | tee -a "$OUT"

# The disk and the CPUs are shared: each spool run is followed by its dd run, REPEAT times (A B A B).
[ "${APPENDS:-1}" = 1 ] || SAMPLES=""
for s in $SAMPLES; do
 for ((r = 1; r <= REPEAT; r++)); do
  rm -rf "$base/spool"
  log "spool append, a sync per batch, $s samples per batch, ${SECONDS_EACH} s (pair $r of $REPEAT)"
  line=$(dotnet "$driver" append "$base/spool" batch "$s" "$SECONDS_EACH")
  emit "$line pair=$r"
  batches=$(field batches "$line"); rec=$(field record_bytes "$line")
  cat "$base"/spool/*.seg >"$base/same.bin"
  log "dd oflag=dsync bs=$rec count=$batches (the same bytes, a sync per record)"
  dd_line=$(dd_run dd-dsync "$rec" "$batches" oflag=dsync)
  emit "$dd_line samples=$s pair=$r spool_over_dd=$(awk -v a="$(field mb_per_s "$line")" -v b="$(field mb_per_s "$dd_line")" 'BEGIN { printf "%.2f", a / b }')"
  [ "$r" -lt "$REPEAT" ] && rm -f "$base/same.bin"
 done
  log "spool replay (open scan + read and decode every record)"
  # Only the spool's own pages leave the cache (fadvise DONTNEED through dd), not the machine's.
  sync; for f in "$base"/spool/*.seg; do dd if="$f" iflag=nocache count=0 status=none; done
  emit "$(dotnet "$driver" replay "$base/spool") samples=$s cache=dropped"
  emit "$(dotnet "$driver" replay "$base/spool") samples=$s cache=warm"
  rm -f "$base/same.bin"
done

for ((r = 1; r <= REPEAT; r++)); do
  [ "${APPENDS:-1}" = 1 ] || break
  rm -rf "$base/spool"
  log "spool append, a sync at most every ${INTERVAL_MS} ms, 1000 samples per batch, ${SECONDS_EACH} s (pair $r of $REPEAT)"
  line=$(dotnet "$driver" append "$base/spool" "$INTERVAL_MS" 1000 "$SECONDS_EACH")
  emit "$line pair=$r"
  batches=$(field batches "$line"); rec=$(field record_bytes "$line")
  cat "$base"/spool/*.seg >"$base/same.bin"
  dd_line=$(dd_run dd-then-sync "$rec" "$batches" sync)
  emit "$dd_line samples=1000 pair=$r spool_over_dd=$(awk -v a="$(field mb_per_s "$line")" -v b="$(field mb_per_s "$dd_line")" 'BEGIN { printf "%.2f", a / b }')"
  rm -f "$base/same.bin"
done
[ "${APPENDS:-1}" = 1 ] && emit "$(dotnet "$driver" replay "$base/spool") samples=1000 cache=warm"
rm -rf "$base/spool"

log "acknowledgements: the spool's ack log (append + fdatasync) beside replacing the state file per ack and a bare append + fsync, REPEAT times"
for ((r = 1; r <= REPEAT; r++)); do
  emit "$(dotnet "$driver" ack "$base/ack" "$ACKS") pair=$r"
  emit "$(dotnet "$driver" ackfile "$base/ackfile" "$ACKS") pair=$r"
  emit "$(dotnet "$driver" acklog "$base/acklog" "$ACKS") pair=$r"
  rm -rf "$base/ack" "$base/ackfile" "$base/acklog"
done
log "results appended to $OUT"
