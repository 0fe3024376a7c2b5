#!/usr/bin/env bash
# The dashboard's speed goals (issue 10), in Debian's headless Chromium on loopback:
#   first useful paint of / (navigation start → collectors listed) under 300 ms;
#   a chart of a week at 1 min, 10,080 points × 4 series, drawn under 100 ms.
# The real API runs in process (Kestrel on 127.0.0.1:0) over a real SQLite archive holding the
# browser tests' demo data plus the 4 week-long series; the page is the embedded build (as fathomd
# serves it). Timings are the page's own performance marks, read through Playwright
# (bench/DashboardBench). Each figure: RUNS page loads (default 20) after one warm-up, each in a
# fresh browser context (empty cache).
#
#   bench/dashboard.sh            RUNS=50 bench/dashboard.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ensure_packages "$work" chromium nodejs   # the browser, and npm for the embedded page's build
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
(cd "$root" && dotnet build bench/DashboardBench -c Release -nologo -v q) >/tmp/fathom-dashboard-bench-build.log 2>&1 \
  || { cat /tmp/fathom-dashboard-bench-build.log >&2; exit 1; }
cd "$root" && dotnet bench/DashboardBench/bin/Release/net10.0/Fathom.DashboardBench.dll
