#!/usr/bin/env bash
# Start-to-ready of fathomd: the time from spawning `fathomd --foreground` to its sd_notify
# READY=1 (the archive opened and a first write transaction committed), RUNS times each, for
# the NativeAOT build and the JIT build, with the host collector at 1 s on an existing archive
# (the first, untimed start creates it) and on a new one. Also prints the binaries' sizes.
#
# Usage: bench/start-ready.sh     env: RUNS=10 AOT_DIR=artifacts/native (published when missing)
#                                      OUT=/tmp/fathom-bench/start-ready NO_BUILD=1
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-10}
AOT_DIR=${AOT_DIR:-$REPO_DIR/artifacts/native}
OUT=${OUT:-/tmp/fathom-bench/start-ready}
rm -rf "$OUT"; mkdir -p "$OUT"

if [ -z "${NO_BUILD:-}" ]; then
  build_fathomd "$OUT"
  [ -x "$AOT_DIR/fathomd" ] || publish_aot "$OUT" "$AOT_DIR"
fi

cat >"$OUT/fathom.conf" <<CONF
collection_interval 1
<archive>
    type sqlite
    path $OUT/archive.db
</archive>
<collector host>
    module host
</collector>
CONF

# One python process times every start: spawn, wait for READY=1 on our notify socket, SIGTERM, wait.
measure() { # measure LABEL BINARY FRESH(0|1)
  python3 - "$1" "$2" "$3" "$RUNS" "$OUT" <<'PY'
import os, socket, statistics, subprocess, sys, time
label, binary, fresh, runs, out = sys.argv[1], sys.argv[2], sys.argv[3] == "1", int(sys.argv[4]), sys.argv[5]
conf, db = f"{out}/fathom.conf", f"{out}/archive.db"
def clear():
    for suffix in ("", "-wal", "-shm", "-journal", ".lock"):
        try: os.unlink(db + suffix)
        except FileNotFoundError: pass
def start_once():
    path = f"{out}/notify.sock"
    try: os.unlink(path)
    except FileNotFoundError: pass
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(path); s.settimeout(30)
    env = dict(os.environ, NOTIFY_SOCKET=path)
    t0 = time.perf_counter()
    p = subprocess.Popen([binary, "--foreground", f"--config={conf}", "--ignorepid"], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while b"READY=1" not in s.recv(4096): pass
    ms = (time.perf_counter() - t0) * 1000
    p.terminate(); p.wait(30); s.close()
    return ms
clear(); start_once()            # creates the archive (and warms the page cache), untimed
times = []
for _ in range(runs):
    if fresh: clear()
    times.append(start_once())
times.sort()
print(f"{label:<34} runs {runs:3d}  min {times[0]:7.1f}  median {statistics.median(times):7.1f}  max {times[-1]:7.1f} ms")
PY
}
echo "start to READY=1 (ms), $RUNS starts each, loadavg $(loadavg)"
measure "fathomd NativeAOT, existing archive" "$AOT_DIR/fathomd" 0
measure "fathomd NativeAOT, new archive" "$AOT_DIR/fathomd" 1
measure "fathomd JIT, existing archive" "$FATHOMD_RELEASE" 0
measure "fathomd JIT, new archive" "$FATHOMD_RELEASE" 1
echo
echo "sizes (bytes):"
for f in "$AOT_DIR/fathomd" "$AOT_DIR/fathom" "$AOT_DIR/fathom-plugin-host"; do
  [ -e "$f" ] && printf '  %-40s %10d\n' "${f#$REPO_DIR/}" "$(stat -c %s "$f")"
done
printf '  %-40s %10d  (fathomd JIT build: its folder, the runtime not counted)\n' "src/Fathom.Daemon/bin/Release/net10.0/" \
  "$(du -sb "$(dirname "$FATHOMD_RELEASE")" | cut -f1)"
printf '  %-40s %10d  (everything fathom-plugin-host needs but the shared runtime)\n' "plugin host files" \
  "$(cd "$AOT_DIR" && du -cb fathom-plugin-host fathom-plugin-host.dll fathom-plugin-host.*.json Fathom.*.dll Microsoft.*.dll | tail -1 | cut -f1)"
