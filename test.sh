#!/usr/bin/env bash
# The one command that runs every test: installs the peers the tests use, builds, runs the
# nanoFramework gate, the device build with the nanoFramework kit (../shared/nanoframework/kit),
# the portable unit tests and the wallbox scenario on the nanoCLR, then the MSTest suite.
set -euo pipefail
cd "$(dirname "$0")"
SHARED="${PB_SHARED:-$(cd .. && pwd)/shared}"
export PB_SHARED="$SHARED"
[ -f "$SHARED/nanoframework/api-stable.tsv" ] || { echo "test.sh: $SHARED/nanoframework/api-stable.tsv not found (set PB_SHARED)"; exit 2; }

# --- peers (Debian packages and npm); installed only when missing ---------------------------
apt_packages=()
need() { command -v "$1" >/dev/null 2>&1 || apt_packages+=("$2"); }
need curl curl
need mbpoll mbpoll
need socat socat
need chromium chromium
need openssl openssl
/usr/bin/python3 -c 'import pymodbus.client' >/dev/null 2>&1 || apt_packages+=(python3-pymodbus python3-serial-asyncio)
/usr/bin/python3 -c 'import pyftpdlib' >/dev/null 2>&1 || apt_packages+=(python3-pyftpdlib)   # FTP server for uploads
[ -x /usr/sbin/nginx ] || apt_packages+=(nginx-light)                                           # HTTP server (WebDAV PUT) for uploads
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "== installing ${apt_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

# ocpp-rpc (the strict OCPP central system) and playwright-core (drives Chromium), pinned by package-lock.json
(cd PowerBrain.Tests/Peers && npm ci --no-audit --no-fund --loglevel=error)

# --- build -----------------------------------------------------------------------------------
echo "== build"
dotnet build tools/NfGate/NfGate.csproj -c Release -nologo -v q
dotnet build PowerBrain.Tests/PowerBrain.Tests.csproj -c Release -nologo -v q

# --- the nanoFramework gate: the 1.x subset rules, against the device's real metadata -----------
echo "== nanoFramework gate"
KIT="$SHARED/nanoframework/kit"
gate() { dotnet tools/NfGate/bin/Release/net10.0/NfGate.dll --assemblies "$KIT/ref" "$@"; }
gate --source PowerBrain.Boot --project PowerBrain.Boot/PowerBrain.Boot.nfproj
gate --source PowerBrain.Boot --source PowerBrain.Core --project PowerBrain.Core/PowerBrain.Core.nfproj
gate --source PowerBrain.Boot --source PowerBrain.Core --source PowerBrain.Charging --project PowerBrain.Charging/PowerBrain.Charging.nfproj
gate --source PowerBrain.Boot --source PowerBrain.Core --source PowerBrain.Charging --source PowerBrain.Firmware --project PowerBrain.Firmware/PowerBrain.Firmware.nfproj
gate --source PowerBrain.Boot --source PowerBrain.Core --source PowerBrain.Charging --source PowerBrain.Firmware --source PowerBrain.Web --project PowerBrain.Web/PowerBrain.Web.nfproj
gate --source PowerBrain.Boot --source PowerBrain.Core --source PowerBrain.Charging --source PowerBrain.Firmware --source PowerBrain.Web --source boards/esp32 --source boards/esp32-boot --project boards/esp32/PowerBrain.Esp32.nfproj
gate --source PowerBrain.Boot --source boards/esp32-boot --project boards/esp32-boot/PowerBrain.Esp32Boot.nfproj

# --- the device: build, convert, load-check; unit tests and the wallbox scenario on the nanoCLR --
device=$(mktemp -d)
trap 'rm -rf "$device"' EXIT
tools/device/build.sh "$device"
echo "== device: portable unit tests on the nanoCLR"
set +e
tools/device/unit-tests.sh "$device/Release" | tee "$device/unit-tests.txt"
device_status=${PIPESTATUS[0]}
set -e
device_line=$(tail -n 1 "$device/unit-tests.txt")
[ "$device_status" -eq 0 ] || { echo "test.sh: the unit tests failed on the nanoCLR"; exit 1; }

# --- tests -----------------------------------------------------------------------------------
echo "== tests"
results=$(mktemp -d)
set +e
dotnet test PowerBrain.Tests/PowerBrain.Tests.csproj -c Release --no-build -nologo \
  --logger "console;verbosity=normal" --logger "trx;LogFileName=results.trx" --results-directory "$results"
status=$?
set -e
counters=$(grep -o '<Counters [^>]*>' "$results/results.trx" 2>/dev/null || true)
count() { sed -nE "s/.* $1=\"([0-9]+)\".*/\1/p" <<<"$counters"; }
total=$(count total); passed=$(count passed); failed=$(count failed); executed=$(count executed)
# The OCTT conformance matrix of this run (docs/conformance.md).
[ -f "$results/results.trx" ] && python3 tools/failures.py "$results/results.trx"
[ -f "$results/results.trx" ] && python3 tools/conformance.py "$SHARED/ocpp/OCTT-CASES.md" "$results/results.trx" PowerBrain.Tests/Octt/not-automated.tsv docs/conformance.md
rm -rf "$results"
echo "tests: ${passed:-0} passed, ${failed:-0} failed, $(( ${total:-0} - ${executed:-0} )) skipped (desktop); ${device_line#device tests: } (nanoCLR)"
if [ "$status" -ne 0 ] || [ "${passed:-0}" -eq 0 ]; then exit 1; fi
if [ "${total:-0}" -ne "${executed:-0}" ]; then echo "test.sh: tests that did not run are not allowed"; exit 1; fi
