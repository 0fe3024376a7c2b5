#!/usr/bin/env bash
# Diagnostic for scheduler-lateness.sh's burst variant: lateness second by second.
# Runs N (default 10000) aligned 1 s no-op collectors with jitter 0 and `emit yes`, so each run
# writes one point whose timestamp is taken right after the run starts; since all slots fall on
# whole seconds, (time_ns mod 1 s) is that run's lateness (plus a few µs). Prints, per second of
# the run, the number of runs and p50/p99/max of that lateness, to show whether the tail comes
# from the first seconds (start-up, tier-0 JIT code) or from every burst.
# Caveat: emitting adds SQLite writes (N rows/s) on the pipeline thread; the figures are for
# diagnosis, the benchmark's figures are those of scheduler-lateness.sh (emit no).
#
# Usage: bench/burst-profile.sh   env: N=10000 DURATION=40 NO_BUILD=1 OUT=dir FATHOMD_ENV="VAR=value"
set -euo pipefail
source "$(dirname "$0")/lib.sh"
N=${N:-10000}
DURATION=${DURATION:-40}
OUT=${OUT:-/tmp/fathom-bench/burst-profile}
FATHOMD=${FATHOMD:-$FATHOMD_RELEASE}
rm -rf "$OUT"; mkdir -p "$OUT"
[ -n "${NO_BUILD:-}" ] || build_fathomd "$OUT"

{
  printf 'collection_interval 1\n<archive>\n    type sqlite\n    path %s\n</archive>\n' "$OUT/archive.db"
  for ((i = 1; i <= N; i++)); do
    printf '<collector c%d>\n    module noop\n    emit yes\n    schedule aligned\n</collector>\n' "$i"
  done
} >"$OUT/fathom.conf"

log "running $N emitting collectors (jitter 0) for ${DURATION}s"
env ${FATHOMD_ENV:-} "$FATHOMD" --foreground --config="$OUT/fathom.conf" --ignorepid 2>"$OUT/fathomd.log" &
pid=$!
for ((i = 0; i < DURATION; i++)); do sleep 1; kill -0 "$pid" 2>/dev/null || break; done
stop_pid "$pid" 60
grep -E 'stopped cleanly|scheduler lateness' "$OUT/fathomd.log" | cut -d' ' -f3- >&2

echo "second  runs  p50_ms  p99_ms  max_ms   (lateness from point timestamps; second 0 = first burst)"
dotnet build "$REPO_DIR/src/Fathom.Cli" -c Release -v quiet -nologo >/dev/null
# Point times (RFC 3339, 100 ns digits) as "second-of-day microseconds-into-the-second", sorted.
"$REPO_DIR/src/Fathom.Cli/bin/Release/net10.0/fathom" query --archive "$OUT/archive.db" --name noop.value \
  --from -1d --format csv |
awk -F, 'NR > 1 { split($1, dt, "T"); split(dt[2], hms, ":"); split(hms[3], sf, ".");
  frac = substr(sf[2] "0000000", 1, 7); printf "%d %d\n", hms[1] * 3600 + hms[2] * 60 + sf[1], frac / 10 }' |
sort -n -k1,1 -k2,2 |
awk '
  function flush() {
    if (n == 0) return
    printf "%6d %6d %7.3f %7.3f %7.3f\n", sec - first, n, v[int((n - 1) * 0.5) + 1] / 1000, v[int((n - 1) * 0.99) + 1] / 1000, v[n] / 1000
  }
  NR == 1 { first = $1 }
  $1 != sec { flush(); sec = $1; n = 0 }
  { v[++n] = $2 }
  END { flush() }'
