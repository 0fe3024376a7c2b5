# Shared helpers of the bench/ scripts (sourced, not run). Bash 5 ($EPOCHREALTIME).
# Sampling uses only shell builtins (read from /proc) plus one `sleep` per second, so the
# sampler itself stays far below the processes it measures.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
CLK_TCK="$(getconf CLK_TCK)"
FATHOMD_RELEASE="$REPO_DIR/src/Fathom.Daemon/bin/Release/net10.0/fathomd"
FATHOMD_TRIM_DIR="${FATHOMD_TRIM_DIR:-/tmp/fathomd-trim}"
FATHOMD_TRIM_R2R_DIR="${FATHOMD_TRIM_R2R_DIR:-/tmp/fathomd-trim-r2r}"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# Release build of fathomd (framework-dependent).
build_fathomd() {
  log "building fathomd (Release)"
  (cd "$REPO_DIR" && dotnet build src/Fathom.Daemon -c Release -nologo -v q) >"$1/build.log" 2>&1 \
    || { cat "$1/build.log" >&2; return 1; }
}

FATHOMD_AOT_DIR="${FATHOMD_AOT_DIR:-$REPO_DIR/artifacts/native}"

# NativeAOT publish of fathomd, fathom and the plugin host, as scripts/test.sh and the README do.
publish_aot() { # publish_aot LOGDIR [DIR]
  local dir=${2:-$FATHOMD_AOT_DIR} p rid
  log "publishing NativeAOT fathomd and fathom (+ fathom-plugin-host) to $dir"
  for p in src/Fathom.Daemon src/Fathom.Cli src/Fathom.PluginHost; do
    rid="-r linux-x64"; [ "$p" = src/Fathom.PluginHost ] && rid=""
    (cd "$REPO_DIR" && dotnet publish "$p" -c Release $rid -nologo -v q -o "$dir") >>"$1/publish-aot.log" 2>&1 \
      || { tail -20 "$1/publish-aot.log" >&2; return 1; }
  done
}

# Trimmed self-contained publish (the NativeAOT one above is what is installed). Since issue 9
# nothing raises trim warnings (plugins load in fathom-plugin-host); TreatWarningsAsErrors=false
# stays so that an older commit can still be measured. Returns non-zero if it fails.
publish_trimmed() {
  log "publishing trimmed self-contained fathomd to $FATHOMD_TRIM_DIR"
  (cd "$REPO_DIR" && dotnet publish src/Fathom.Daemon -c Release -r linux-x64 --self-contained \
     -p:PublishTrimmed=true -p:TreatWarningsAsErrors=false -nologo -o "$FATHOMD_TRIM_DIR") >"$1/publish-trim.log" 2>&1 \
    || { tail -20 "$1/publish-trim.log" >&2; return 1; }
  local n; n=$(grep -oE 'warning IL[0-9]+' "$1/publish-trim.log" | sort -u | tr '\n' ' ')
  log "trimmed publish ok; trim warnings: ${n:-none} (see $1/publish-trim.log)"
}

# Trimmed self-contained publish with ReadyToRun (precompiled) code, so that less is JIT-compiled.
publish_trimmed_r2r() {
  log "publishing trimmed self-contained ReadyToRun fathomd to $FATHOMD_TRIM_R2R_DIR"
  (cd "$REPO_DIR" && dotnet publish src/Fathom.Daemon -c Release -r linux-x64 --self-contained \
     -p:PublishTrimmed=true -p:PublishReadyToRun=true -p:TreatWarningsAsErrors=false -nologo -o "$FATHOMD_TRIM_R2R_DIR") \
     >"$1/publish-trim-r2r.log" 2>&1 || { tail -20 "$1/publish-trim-r2r.log" >&2; return 1; }
}

# utime+stime of a process (all its threads), in clock ticks. The comm field may hold spaces,
# so the fields are taken after the last ')'.
cpu_ticks() {
  local line rest
  read -r line <"/proc/$1/stat" 2>/dev/null || return 1
  rest=${line##*) }
  # rest starts at field 3 (state); utime is field 14, stime field 15 -> indexes 11 and 12
  local -a f=($rest)
  echo $(( f[11] + f[12] ))
}

# VmRSS of a process in kB.
rss_kb() {
  local k v _
  while read -r k v _; do
    if [ "$k" = "VmRSS:" ]; then echo "$v"; return 0; fi
  done <"/proc/$1/status" 2>/dev/null
  return 1
}

# sample_pids OUT SECONDS PID... : one line per PID each second, "elapsed_s pid ticks rss_kb",
# for SECONDS seconds (bounded), on a fixed one-second grid from the start (no drift).
sample_pids() {
  local out=$1 secs=$2; shift 2
  local t0=${EPOCHREALTIME/./} now i p ticks rss next
  : >"$out"
  for ((i = 0; i <= secs; i++)); do
    now=${EPOCHREALTIME/./}
    for p in "$@"; do
      ticks=$(cpu_ticks "$p") || continue
      rss=$(rss_kb "$p") || continue
      printf '%d.%06d %s %s %s\n' $(( (now - t0) / 1000000 )) $(( (now - t0) % 1000000 )) "$p" "$ticks" "$rss" >>"$out"
    done
    next=$(( t0 + (i + 1) * 1000000 ))
    now=${EPOCHREALTIME/./}
    (( next > now )) && sleep "$(printf '%d.%06d' $(( (next - now) / 1000000 )) $(( (next - now) % 1000000 )))"
  done
}

# summarize SAMPLES PID WARMUP_S : prints "cpu_pct rss_avg_mb rss_max_mb rss_end_mb window_s"
# CPU % of one core = delta(utime+stime) / CLK_TCK / delta(wall) over the samples taken at or
# after WARMUP_S; RSS figures over the same samples.
summarize() {
  awk -v pid="$2" -v warm="$3" -v hz="$CLK_TCK" '
    $2 == pid && $1 >= warm {
      if (n == 0) { t0 = $1; c0 = $3 }
      t1 = $1; c1 = $3; n++; sum += $4; if ($4 > max) max = $4; last = $4
    }
    END {
      if (n < 2) { print "NA NA NA NA NA"; exit }
      printf "%.3f %.1f %.1f %.1f %.0f\n", (c1 - c0) / hz / (t1 - t0) * 100, sum / n / 1024, max / 1024, last / 1024, t1 - t0
    }' "$1"
}

# stop_pid PID [GRACE_S] : SIGTERM, wait up to GRACE_S (default 30) for it to exit, then SIGKILL.
# Only ever used on processes this script started itself (a child of this shell, so that `wait`
# can read its status). Sets STOP_RC to the exit status; call it directly, not in $(...).
stop_pid() {
  local pid=$1 grace=${2:-30} i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid did not stop within ${grace}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  STOP_RC=0
  wait "$pid" 2>/dev/null || STOP_RC=$?
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# Free TCP port on 127.0.0.1 (kernel-chosen).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $(( 20000 + RANDOM % 20000 ))
}

# thread_cpu PID : per thread name (threads of one name summed), busiest first:
#   "name ticks on_cpu_ms runq_wait_ms vol_ctxsw invol_ctxsw threads"
# ticks = utime+stime; on_cpu and runq_wait from /proc/PID/task/TID/schedstat (time spent
# running, and time runnable but waiting for a CPU: the cost of sharing the cores).
thread_cpu() {
  local t line rest name k v _ vol inv run wait
  for t in /proc/"$1"/task/*; do
    read -r line <"$t/stat" 2>/dev/null || continue
    name=${line#*(}; name=${name%)*}; rest=${line##*) }
    local -a f=($rest)
    vol=0 inv=0
    while read -r k v _; do
      case $k in voluntary_ctxt_switches:) vol=$v;; nonvoluntary_ctxt_switches:) inv=$v;; esac
    done <"$t/status"
    read -r run wait _ <"$t/schedstat" 2>/dev/null || { run=0; wait=0; }
    printf '%s\t%d\t%d\t%d\t%d\t%d\n' "${name// /_}" $(( f[11] + f[12] )) "$run" "$wait" "$vol" "$inv"
  done | awk -F'\t' '{ c[$1] += $2; r[$1] += $3; w[$1] += $4; v[$1] += $5; i[$1] += $6; n[$1]++ }
    END { for (k in c) printf "%s %d %.0f %.0f %d %d %d\n", k, c[k], r[k] / 1e6, w[k] / 1e6, v[k], i[k], n[k] }' | sort -k2,2nr
}

# rss_breakdown PID : RSS (kB) of a process by kind of mapping, from /proc/PID/smaps:
#   "anon_kB native_runtime_kB managed_images_kB other_files_kB" and, on stderr-free stdout lines
# after it, the 12 largest mappings ("kB name"). anon = anonymous memory (GC heap, JIT'd code,
# runtime data, thread stacks); native_runtime = libcoreclr/libclrjit/libSystem.*.so and
# friends; managed_images = mapped .dll files (and the single-file bundle, if any).
rss_breakdown() {
  awk '
    /^[0-9a-f]+-[0-9a-f]+ / { name = (NF >= 6) ? $6 : "[anon]"; next }
    /^Rss:/ { rss[name] += $2 }
    END {
      for (n in rss) {
        if (n ~ /^\[anon|^\[heap|^\[stack|^\/memfd:|^\[anon:/) a += rss[n]
        else if (n ~ /\.so(\.[0-9.]+)?$/ && n ~ /(coreclr|clrjit|hostfxr|hostpolicy|libSystem\.|clrgc|mscordaccore|mscordbi)/) r += rss[n]
        else if (n ~ /\.dll$/) m += rss[n]
        else o += rss[n]
      }
      printf "%d %d %d %d\n", a, r, m, o
      for (n in rss) printf "%d %s\n", rss[n], n | "sort -rn | head -12"
    }' "/proc/$1/smaps"
}

# run_child OUTFILE CMD... : runs CMD in the background, stdout to OUTFILE, and waits for it: bash
# defers a trapped signal until a foreground child ends, but not while in `wait`. CHILD_PID names
# the child meanwhile, so that an EXIT trap can stop it (stop_child).
run_child() {
  local out=$1 rc=0; shift
  "$@" >"$out" &
  CHILD_PID=$!
  wait "$CHILD_PID" || rc=$?
  CHILD_PID=
  return $rc
}

# stop_child : stops the child run_child is waiting for, if any (for EXIT traps).
stop_child() {
  if [ -n "${CHILD_PID:-}" ]; then
    kill -TERM "$CHILD_PID" 2>/dev/null || true
    wait "$CHILD_PID" 2>/dev/null || true
    CHILD_PID=
  fi
}

# ensure_packages LOGDIR PKG... : installs the Debian packages that are missing (apt-get update once
# if the first try fails), with services kept from starting (a policy-rc.d that denies every start).
ensure_packages() {
  local logdir=$1; shift
  local missing=() p sudo="" made=0
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  log "installing: ${missing[*]} (services not started)"
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null && $sudo chmod +x /usr/sbin/policy-rc.d && made=1
  fi
  { $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" \
      || { $sudo apt-get update -q && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"; }; } \
    >"$logdir/apt.log" 2>&1 || { tail -20 "$logdir/apt.log" >&2; [ $made = 1 ] && $sudo rm -f /usr/sbin/policy-rc.d; return 1; }
  [ $made = 1 ] && $sudo rm -f /usr/sbin/policy-rc.d
  return 0
}

# ensure_influxdb LOGDIR : installs Debian's influxdb package (1.6.x) if influxd is missing, without
# letting it start as a system service (a policy-rc.d that denies every start during the install,
# then the unit disabled), so that only the benchmark's own influxd runs.
ensure_influxdb() {
  command -v influxd >/dev/null 2>&1 && return 0
  local sudo="" made=0
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  log "installing Debian's influxdb package (its service is not started)"
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null && $sudo chmod +x /usr/sbin/policy-rc.d && made=1
  fi
  { $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q influxdb \
      || { $sudo apt-get update -q && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q influxdb; }; } \
    >"$1/apt-influxdb.log" 2>&1 || { tail -20 "$1/apt-influxdb.log" >&2; [ $made = 1 ] && $sudo rm -f /usr/sbin/policy-rc.d; return 1; }
  [ $made = 1 ] && $sudo rm -f /usr/sbin/policy-rc.d
  if command -v deb-systemd-helper >/dev/null 2>&1; then $sudo deb-systemd-helper disable influxdb.service >/dev/null 2>&1 || true; fi
  command -v influxd >/dev/null 2>&1
}

# start_influxd DIR : writes DIR/influxdb.conf and starts `influxd -config` as a child of this shell.
# Data, meta and WAL under DIR; HTTP on a free 127.0.0.1 port, the RPC (backup) listener on another
# free 127.0.0.1 port; no reporting, no _internal monitor database, no UDP/graphite/collectd/
# opentsdb listeners, no continuous queries, no per-request log. The cache is snapshotted after 10 s
# without writes and a cold shard fully compacted after 30 s (defaults: 10 min and 4 h), so that the
# size on disk settles within the benchmark. Sets INFLUXD_PID and INFLUX_URL (http://127.0.0.1:PORT/).
start_influxd() {
  local dir=$1 http rpc
  http=$(free_port); rpc=$(free_port)
  while [ "$rpc" = "$http" ]; do rpc=$(free_port); done
  mkdir -p "$dir/meta" "$dir/data" "$dir/wal"
  cat >"$dir/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$rpc"
[meta]
  dir = "$dir/meta"
  logging-enabled = false
[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  index-version = "inmem"
  query-log-enabled = false
  cache-snapshot-write-cold-duration = "10s"
  compact-full-write-cold-duration = "30s"
[retention]
  enabled = false
[shard-precreation]
  enabled = false
[monitor]
  store-enabled = false
[subscriber]
  enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:$http"
  log-enabled = false
  pprof-enabled = false
[ifql]
  enabled = false
[continuous_queries]
  enabled = false
[logging]
  level = "info"
CONF
  influxd -config "$dir/influxdb.conf" >"$dir/influxd.log" 2>&1 &
  INFLUXD_PID=$!
  INFLUX_URL="http://127.0.0.1:$http/"
  log "influxd $(influxd version 2>/dev/null | cut -d' ' -f2) pid $INFLUXD_PID on $INFLUX_URL (rpc 127.0.0.1:$rpc)"
}

# influx_bytes DIR : bytes allocated on disk to the data and WAL folders (du: 1.6's series file
# preallocates 4 MiB segments that stay sparse, so the apparent size would overstate it by ~32 MiB).
influx_bytes() { du -s -B1 "$1/data" "$1/wal" | awk '{ s += $1 } END { print s }'; }

# influx_tsm_bytes DIR : bytes allocated to the TSM files alone (the compressed points).
influx_tsm_bytes() { find "$1/data" -name '*.tsm' -print0 | du -c -B1 --files0-from=- 2>/dev/null | awk 'END { print $1 + 0 }'; }

# influx_settle DIR MIN_S MAX_S : waits at least MIN_S after the last write, then until the bytes of
# the data and WAL folders are unchanged over two 5 s polls with no compaction or cache snapshot
# under way (per influxd's log), at most MAX_S. Prints "bytes waited_s".
influx_settle() {
  local dir=$1 min=$2 max=$3 t=0 prev=-1 same=0 now busy
  while :; do
    now=$(influx_bytes "$dir")
    busy=$(awk '/msg="TSM compaction \(start\)"|msg="Cache snapshot \(start\)"/ { n++ }
                /msg="TSM compaction \(end\)"|msg="Cache snapshot \(end\)"/ { n-- } END { print n + 0 }' "$dir/influxd.log")
    if (( t >= min )); then
      if [ "$now" = "$prev" ] && [ "$busy" -le 0 ]; then same=$((same + 1)); else same=0; fi
      (( same >= 2 || t >= max )) && break
    fi
    prev=$now
    sleep 5; t=$((t + 5))
  done
  echo "$now $t"
}

# bench_workdir PREFIX : sets $work to a new temporary folder, and traps that on exit (or SIGINT/
# SIGTERM) stop the child run_child waits for and the influxd of start_influxd, and remove $work.
bench_workdir() {
  work=$(mktemp -d "/tmp/$1.XXXXXX")
  INFLUXD_PID=
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

bench_cleanup() {
  stop_child
  if [ -n "$INFLUXD_PID" ]; then stop_pid "$INFLUXD_PID" 30; INFLUXD_PID=; fi
  rm -rf "$work"
}

# emit LINE : prints a result line and appends it to $OUT.
emit() { printf '%s\n' "$1" | tee -a "$OUT"; }

# run_emit CMD... : the result lines of CMD (run as a child that the EXIT trap can stop), emitted.
run_emit() { local line; run_child "$work/out" "$@"; while read -r line; do emit "$line"; done <"$work/out"; }
