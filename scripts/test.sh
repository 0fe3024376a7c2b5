#!/usr/bin/env bash
# Installs what the tests need (Debian packages, when missing), builds, runs every test project,
# and ends with the line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use: the Config::General reference, /proc tools, util-linux's setpriv,
# the system SQLite the archive binds to, PCP's tools and libraries (mmvdump, pmcd, pminfo,
# libpcp_mmv for the C program that writes a reference MMV file), a C compiler, InfluxDB (reads
# back what 'fathom archive export' writes), curl (the reference for http's timings), Node.js and
# npm (Fathom.Api's build runs the dashboard's npm build), chromium (the dashboard's browser tests,
# driven headless by Microsoft.Playwright; never a downloaded browser), prometheus (promtool
# checks /metrics; a real prometheus scrapes the real fathomd).
# NativeAOT's link of fathomd and fathom: gcc (the ILCompiler's fallback when clang is absent) with
# libc6-dev, and binutils' objcopy for the stripped symbols. No zlib1g-dev: the NativeAOT runtime
# pack ships its own libz.a.
# perfSONAR's Perl sLS client (../shared/conformance/sls/sls-client.pl, the lookup server's
# reference client): perl and the Debian packages of the modules its library uses.
# PostgreSQL 15 (the central archive's tests): the server binaries in /usr/lib/postgresql/15/bin,
# run as the postgres user; the client package brings psql for whoever debugs a failure.
# net-snmp's snmpd (the SNMP collectors' real agent, on 127.0.0.1 only) and its snmpget/snmpwalk/
# snmpbulkwalk (the reference values the tests compare against).
PACKAGES=(postgresql-15 postgresql-client-15 libconfig-general-perl procps coreutils util-linux libsqlite3-0 iproute2 passwd
          pcp libpcp-mmv1-dev libpcp3-dev gcc libc6-dev binutils
          python3 dnsmasq-base iperf3 iputils-ping fping nftables influxdb curl nodejs chromium prometheus
          perl libjson-perl libparams-validate-perl liburi-perl libdatetime-format-iso8601-perl
          libcrypt-openssl-rsa-perl libnet-dns-perl libnetaddr-ip-perl libregexp-common-perl
          libsocket6-perl libmojolicious-perl liblog-log4perl-perl libdata-validate-domain-perl
          libdata-validate-ip-perl snmpd snmp)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  # pcp's postinst calls systemctl, which fails where systemd is not PID 1: put a systemctl that
  # succeeds first on PATH while installing (services are started by the tests themselves).
  shim=$(mktemp -d)
  printf '#!/bin/sh\nexit 0\n' > "$shim/systemctl"; chmod +x "$shim/systemctl"
  $SUDO apt-get update -qq
  $SUDO env PATH="$shim:$PATH" DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || $SUDO env PATH="$shim:$PATH" dpkg --configure -a >/dev/null \
    || { echo "could not install: ${missing[*]}"; echo "0 passed, 1 failed"; exit 1; }
  rm -rf "$shim"
fi

# npm: inside nodejs where it comes from NodeSource, Debian's own package otherwise (installing
# Debian's npm beside NodeSource's nodejs would conflict, so only when there is none).
if ! command -v npm >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq; $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null \
    || { echo "could not install npm (the dashboard's build needs it)"; echo "0 passed, 1 failed"; exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if ! dotnet build Fathom.sln -c Release -nologo -v q 2>&1 | tee /tmp/fathom-build.log | grep -E "error|Build succeeded" ; then :; fi
if ! grep -q "Build succeeded" /tmp/fathom-build.log; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# Fathom.Abstractions as the NuGet package plugin authors reference (examples/plugin builds from it).
if ! dotnet pack src/Fathom.Abstractions -c Release --no-build -nologo -v q -o artifacts/packages >/tmp/fathom-pack.log 2>&1; then
  cat /tmp/fathom-pack.log | tail -20
  echo "pack of Fathom.Abstractions failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# The installed build: NativeAOT fathomd and fathom, with the framework-dependent
# fathom-plugin-host beside them (as packaging/ installs them). The integration tests run these
# (FATHOM_BIN_DIR); the unit tests use the JIT build above. Measured on the 2 cores here: about
# 2 min 50 s (fathomd 129 s, fathom 28 s, the plugin host 12 s).
export FATHOM_BIN_DIR="$PWD/artifacts/native"
rm -rf "$FATHOM_BIN_DIR"
publish_start=$SECONDS
for p in src/Fathom.Daemon src/Fathom.Cli src/Fathom.PluginHost; do
  rid=(-r linux-x64); [ "$p" = src/Fathom.PluginHost ] && rid=()
  if ! dotnet publish "$p" -c Release "${rid[@]}" -nologo -v q -o "$FATHOM_BIN_DIR" >/tmp/fathom-publish.log 2>&1; then
    grep -E "error|warning" /tmp/fathom-publish.log | sort -u | head -20
    echo "publish of $p failed"
    echo "0 passed, 1 failed"
    exit 1
  fi
done
echo "published NativeAOT fathomd and fathom to $FATHOM_BIN_DIR in $((SECONDS - publish_start)) s"

# One PostgreSQL for the whole run (FATHOM_TEST_PG; each test makes its own database in it):
# initdb in a fresh folder owned by postgres, a free loopback port, trust auth on loopback only,
# fsync off (a test server needs speed, not crash safety). Stopped by its pid when the script ends.
# Tests that stop PostgreSQL start private servers of their own.
pg_dir=$(mktemp -d /tmp/fathom-test-pg.XXXXXX)
chown postgres:postgres "$pg_dir"
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop_pg() {
  if [ -f "$pg_dir/data/postmaster.pid" ]; then
    pg_pid=$(head -1 "$pg_dir/data/postmaster.pid")
    kill -INT "$pg_pid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$pg_dir"
}
trap stop_pg EXIT
if runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$pg_dir/data" -A trust -U postgres --no-sync -E UTF8 --locale=C >"$pg_dir/initdb.log" 2>&1 \
   && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
        -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null; then
  export FATHOM_TEST_PG="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=false"
  echo "PostgreSQL 15 for the tests on 127.0.0.1:$pg_port"
else
  cat "$pg_dir/initdb.log" "$pg_dir/server.log" 2>/dev/null | tail -20
  echo "could not start PostgreSQL for the tests (each test process starts its own)"
fi

results=$(mktemp -d)
status=0
for proj in tests/*/; do
  name=$(basename "$proj")
  case "$name" in Fathom.TestSupport|Fathom.TestPlugins) continue;; esac
  echo "=== $name"
  dotnet test "$proj" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" 2>&1 \
    | grep -vE "^\s*$|Test run for|VSTest version|Starting test execution|A total of" || true
  [ "${PIPESTATUS[0]}" -ne 0 ] && status=1
done

# Count from the TRX files, so a project that crashed before reporting still shows as failed.
read -r passed failed skipped < <(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None:
        f += 1; continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    s += int(c.get("notExecuted", 0))
print(p, f, s)
PY
)
expected=$(ls -d tests/*/ | grep -vcE "TestSupport|TestPlugins")
got=$(ls "$results"/*.trx 2>/dev/null | wc -l)
if [ "$got" -lt "$expected" ]; then
  failed=$((failed + expected - got))
fi
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
