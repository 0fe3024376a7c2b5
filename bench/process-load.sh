#!/usr/bin/env bash
# In-daemon schedule and kill -9 loss with many isolation-process children (issue 8).
#
# Runs the Release fathomd with CHILDREN (default 16) `isolation process` noop collectors
# emitting every 0.2 s, an in-daemon aligned 1 s noop collector (tick) and an in-daemon script
# counter every 0.5 s that writes down each value it prints. Once every child streams, it
# measures DURATION seconds (default 60), kills fathomd with SIGKILL, restarts it on the same
# archive, stops it cleanly, and reads the archive with the real `fathom query`:
#   ticks     1 s slots of the window with a tick stored (of all slots)
#   script    counter runs in the window (of 2 per second)
#   children  child samples stored in the window (of CHILDREN x 5 per second)
#   lost      counter values printed but not stored (what kill -9 lost)
#
# Usage: bench/process-load.sh     env: CHILDREN=16 DURATION=60 NO_BUILD=1 FATHOMD=path FATHOM=path OUT=dir
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CHILDREN=${CHILDREN:-16}
DURATION=${DURATION:-60}
OUT=${OUT:-/tmp/fathom-bench/process-load}
FATHOMD=${FATHOMD:-$FATHOMD_RELEASE}
FATHOM=${FATHOM:-$REPO_DIR/src/Fathom.Cli/bin/Release/net10.0/fathom}
rm -rf "$OUT" && mkdir -p "$OUT"

if [ -z "${NO_BUILD:-}" ]; then
  build_fathomd "$OUT"
  (cd "$REPO_DIR" && dotnet build src/Fathom.Cli -c Release -nologo -v q) >"$OUT/build-cli.log" 2>&1
fi
[ -x "$FATHOMD" ] && [ -x "$FATHOM" ] || { echo "no fathomd/fathom at $FATHOMD / $FATHOM" >&2; exit 1; }

cat >"$OUT/counter.sh" <<SCRIPT
#!/bin/sh
n=\$(cat '$OUT/state' 2>/dev/null || echo 0)
n=\$((n + 1))
echo \$n > '$OUT/state'
echo \$n >> '$OUT/emitted'
echo "fathom_counter value=\$n"
SCRIPT
chmod +x "$OUT/counter.sh"

header() {
  printf 'collection_interval 1\nshutdown_timeout 5\n<archive>\n    type sqlite\n    path %s\n</archive>\n' "$OUT/archive.db"
}
{
  header
  for ((i = 0; i < CHILDREN; i++)); do
    printf '<collector load%d>\n    module noop\n    emit yes\n    collection_interval 0.2\n    isolation process\n</collector>\n' "$i"
  done
  printf '<collector tick>\n    module noop\n    emit yes\n    collection_interval 1\n    schedule aligned\n</collector>\n'
  printf '<collector counter>\n    module script\n    command %s\n    collection_interval 0.5\n</collector>\n' "$OUT/counter.sh"
} >"$OUT/load.conf"
{ header; printf '<collector after>\n    module noop\n    emit no\n</collector>\n'; } >"$OUT/restart.conf"

log "starting fathomd with $CHILDREN isolated children (load average $(loadavg))"
"$FATHOMD" --foreground --config="$OUT/load.conf" --ignorepid >"$OUT/fathomd.log" 2>&1 &
pid=$!
started=$EPOCHREALTIME
streaming() {
  "$FATHOM" query --archive="$OUT/archive.db" --name=noop.value --from=-10m --format=json 2>/dev/null \
    | python3 -c 'import json,sys; print(sum(1 for s in json.load(sys.stdin) if s["tags"].get("collector","").startswith("load") and s["points"]))' 2>/dev/null || echo 0
}
until [ "$(streaming)" -ge "$CHILDREN" ]; do
  kill -0 "$pid" 2>/dev/null || { cat "$OUT/fathomd.log" >&2; exit 1; }
  if (( ${EPOCHREALTIME%.*} - ${started%.*} > 120 )); then
    log "not every child streams after 120 s: that alone is the result"; break
  fi
  sleep 1
done
log "all children stream after $(( ${EPOCHREALTIME%.*} - ${started%.*} )) s; measuring $DURATION s"
from=$EPOCHREALTIME
before=$(wc -l <"$OUT/emitted" 2>/dev/null || echo 0)
sleep "$DURATION"
to=$EPOCHREALTIME
kill -KILL "$pid"; wait "$pid" 2>/dev/null || true

"$FATHOMD" --foreground --config="$OUT/restart.conf" --ignorepid >"$OUT/restart.log" 2>&1 &
pid=$!
until grep -qs ready "$OUT/restart.log"; do sleep 0.2; done
kill -TERM "$pid"; wait "$pid"

"$FATHOM" query --archive="$OUT/archive.db" --name='*' --from=-1h --format=json >"$OUT/points.json"
python3 - "$OUT" "$from" "$to" "$before" "$CHILDREN" "$DURATION" <<'PY'
import json, sys
from datetime import datetime
out, frm, to, before, children, duration = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
series = json.load(open(f"{out}/points.json"))
def ts(text):
    # RFC 3339 with up to 9 fraction digits; Python takes 6.
    base, _, frac = text.rstrip("Z").partition(".")
    return datetime.fromisoformat(base + "+00:00").timestamp() + (float("0." + frac) if frac else 0.0)
def times(s): return [ts(p["time"]) for p in s["points"]]
ticks = [t for s in series if s["tags"].get("collector") == "tick" for t in times(s)]
slots = list(range(int(frm) + 1, int(to) - 1))
missed = [s for s in slots if not any(s <= t < s + 1 for t in ticks)]
child = sum(1 for s in series if s["tags"].get("collector", "").startswith("load") for t in times(s) if frm <= t <= to)
emitted = [int(l) for l in open(f"{out}/emitted") if l.strip()]
stored = {int(p["value"]) for s in series if s["name"] == "fathom_counter.value" for p in s["points"]}
lost = [n for n in emitted if n not in stored]
runs = sum(1 for n in emitted[before:]) if len(emitted) > before else 0
print(f"children {children}  window {to - frm:.0f} s")
print(f"ticks     {len(slots) - len(missed)}/{len(slots)} slots  (missed {len(missed)})")
print(f"script    {runs} runs (due {2 * duration})")
print(f"children  {child} samples (due {children * 5 * duration})")
print(f"lost      {len(lost)} of {len(emitted)} counter values  {lost[:10]}")
PY
