#!/usr/bin/env bash
# The one command that runs every test: installs the peers the tests use, builds, runs the
# nanoFramework gate over all firmware code, then the MSTest suite (unit and end-to-end).
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

# --- the nanoFramework gate over every firmware file ------------------------------------------
echo "== nanoFramework gate"
gate_sources=(--source PowerBrain.Firmware)
if compgen -G "boards/esp32/**/*.cs" >/dev/null || compgen -G "boards/esp32/*.cs" >/dev/null; then
  gate_sources+=(--source boards/esp32)
fi
dotnet tools/NfGate/bin/Release/net10.0/NfGate.dll --api "$SHARED/nanoframework/api-stable.tsv" "${gate_sources[@]}" \
  --project PowerBrain.Firmware/PowerBrain.Firmware.nfproj

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
rm -rf "$results"
echo "tests: ${passed:-0} passed, ${failed:-0} failed, $(( ${total:-0} - ${executed:-0} )) skipped"
if [ "$status" -ne 0 ] || [ "${passed:-0}" -eq 0 ]; then exit 1; fi
if [ "${total:-0}" -ne "${executed:-0}" ]; then echo "test.sh: tests that did not run are not allowed"; exit 1; fi
