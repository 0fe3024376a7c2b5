#!/usr/bin/env bash
# Fathom's TimerRegistry beside PCP's pmWebTimerRegister/pmWebTimerRelease (libpcp_web), same run,
# same machine. Builds both sides, runs them interleaved, prints a table.
#
#   bench/timer-registry.sh            everything (about 6-8 minutes on 2 cores)
#   QUICK=1 bench/timer-registry.sh    fewer runs/ticks, no BenchmarkDotNet (a smoke test)
#   NO_BDN=1 bench/timer-registry.sh   skip BenchmarkDotNet
#
# Raw "RESULT ..." lines go to $OUT (default bench/results/timer-registry.raw.txt).
# Every loop here is bounded; each harness call has a timeout.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
OUT=${OUT:-$here/results/timer-registry.raw.txt}
QUICK=${QUICK:-0}
NO_BDN=${NO_BDN:-$QUICK}

need=()
for pkg in libpcp-web1-dev libpcp3-dev libpcp-mmv1-dev libuv1-dev; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
done
if ((${#need[@]})); then
    echo "installing ${need[*]}" >&2
    if [[ $(id -u) -ne 0 ]]; then
        echo "need root (or sudo apt-get install ${need[*]})" >&2
        exit 1
    fi
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

work=$(mktemp -d /tmp/timer-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export PCP_TMP_DIR=$work/pcp-tmp     # mmv_stats_start writes $PCP_TMP_DIR/mmv/<name>
mkdir -p "$PCP_TMP_DIR/mmv"

echo "== build" >&2
make -s -C "$here/pcp-timer" BUILD="$work/pcp" >&2
pcp=$work/pcp/pcp-timer-bench
dotnet build -c Release -v quiet -nologo "$here/Fathom.Benchmarks/Fathom.Benchmarks.csproj" -o "$work/fathom" >&2
fathom=(dotnet "$work/fathom/Fathom.Benchmarks.dll")

mkdir -p "$(dirname "$OUT")"
: >"$OUT"
{
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "# nproc=$(nproc) cpu=\"$(lscpu | sed -n 's/^Model name: *//p' | head -1)\" mem=\"$(free -h | awk '/^Mem:/{print $2}')\" kernel=$(uname -r)"
    echo "# dotnet=$(dotnet --version) pcp=$(dpkg-query -W -f='${Version}' libpcp-web1) libuv=$(dpkg-query -W -f='${Version}' libuv1) cc=\"$(cc --version | head -1)\""
    echo "# loadavg at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$OUT"

run() { # label, then the command; keeps RESULT lines, fails loudly otherwise
    local label=$1
    shift
    echo "== $label" >&2
    timeout 300 "$@" | tee -a "$OUT" | grep '^RESULT' >&2
}

if ((QUICK)); then
    regrel=("10 200000 3" "1000 20000 3" "100000 2000 3")
    ticks=2
    refresh_ops="2000 3"
else
    regrel=("10 1000000 7" "1000 200000 7" "100000 20000 5")
    ticks=7
    refresh_ops="20000 7"
fi

# 1. Release a random live handle + register a new one, N live (interleaved PCP/Fathom per N).
for args in "${regrel[@]}"; do
    run "pcp regrel $args" "$pcp" regrel $args
    run "fathom regrel $args" "${fathom[@]}" harness regrel $args
done

# 2. Real 1 s ticks, N no-op callbacks bracketed by two time stamps.
for n in 10 1000 100000; do
    run "pcp dispatch $n" "$pcp" dispatch "$n" "$ticks"
    run "fathom dispatch $n" "${fathom[@]}" harness dispatch "$n" "$ticks"
done

# 3. The self-metrics refresh: inside real ticks, and looped.
run "pcp metrics tick" "$pcp" metrics $((ticks + 2))
run "fathom metrics tick" "${fathom[@]}" harness metrics $((ticks + 2))
run "pcp refresh loop" "$pcp" replica $refresh_ops
run "fathom refresh loop" "${fathom[@]}" harness refresh $refresh_ops

# BenchmarkDotNet: the same three plus the cost breakdown of a Release+Register pair.
if ((!NO_BDN)); then
    echo "== BenchmarkDotNet (several minutes)" >&2
    # BenchmarkDotNet rebuilds the project it finds from the working directory: run it from there.
    (cd "$here/Fathom.Benchmarks" && timeout 1500 "${fathom[@]}" bdn --filter '*' --artifacts "$work/bdn") \
        >"$work/bdn.log" 2>&1 || { tail -50 "$work/bdn.log" >&2; exit 1; }
    sed -n '/^| *Method/,/^$/p' "$work/bdn.log" | sed 's/^/# /' >>"$OUT"
    grep '^RESULT' "$work/bdn.log" | tee -a "$OUT" >&2
    if grep -q '^RESULT.*failed=1' "$work/bdn.log"; then
        grep -iE 'exception|error' "$work/bdn.log" | head -20 >&2
        exit 1
    fi
fi
echo "# loadavg at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT"

# The table: medians, ns. Per-callback dispatch = tick / N.
awk '
/^RESULT/ {
    delete f
    for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    key = f["bench"] SUBSEP f["n"]
    if (f["side"] == "pcp") pcp[key] = f["median_ns"]
    else if (f["side"] == "fathom") fat[key] = f["median_ns"]
    else if (f["side"] == "fathom-bdn") bdn[f["bench"] SUBSEP f["n"]] = f["median_ns"]
}
function row(label, key, div, bkey, bdiv,   p, q, b) {
    p = (key in pcp) ? pcp[key] / div : -1
    q = (key in fat) ? fat[key] / div : -1
    b = (bkey in bdn) ? bdn[bkey] / bdiv : -1
    printf "| %-46s | %12s | %12s | %12s | %8s |\n", label, fmt(p), fmt(q), fmt(b), (p > 0 && q > 0) ? sprintf("%.2fx", q / p) : "-"
}
function fmt(v) { return v < 0 ? "-" : (v >= 10000 ? sprintf("%.0f", v) : sprintf("%.1f", v)) }
END {
    printf "\n| %-46s | %12s | %12s | %12s | %8s |\n", "ns (median)", "PCP 6.0.3", "Fathom", "Fathom (BDN)", "F/PCP"
    printf "|%s|%s|%s|%s|%s|\n", "------------------------------------------------", "-------------:", "-------------:", "-------------:", "---------:"
    split("10 1000 100000", ns, " ")
    for (i = 1; i <= 3; i++) row("1. release+register pair, N=" ns[i], "regrel" SUBSEP ns[i], 1, "ReleaseRegister" SUBSEP ns[i], 1)
    for (i = 1; i <= 3; i++) row("2. dispatch per callback (real tick), N=" ns[i], "dispatch_tick" SUBSEP ns[i], ns[i], "Tick" SUBSEP ns[i], ns[i])
    row("3. self-metrics refresh in a real tick", "metrics_tick" SUBSEP 1, 1, "RefreshTick" SUBSEP 1, 1)
    row("3. self-metrics refresh, looped", "metrics_replica" SUBSEP 1, 1, "Refresh" SUBSEP 1, 1)
    print "\nFathom (BDN): BenchmarkDotNet, back to back with warm caches (dispatch: the whole OnTick / N)."
}' "$OUT"
echo "raw results: $OUT" >&2
