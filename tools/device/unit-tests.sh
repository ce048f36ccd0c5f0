#!/usr/bin/env bash
# The portable unit tests (PowerBrain.Tests/Portable) on the real nanoFramework runtime: built with
# nanoFramework.TestFramework against the device build of the firmware, run by the launcher on the
# nanoCLR. Usage: tools/device/unit-tests.sh DEVICE_BUILD_DIR (the Release folder of build.sh).
# Prints the launcher's line per test and "device tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/../.."
SHARED="${PB_SHARED:-$(cd .. && pwd)/shared}"
KIT="$SHARED/nanoframework/kit"
DIR="${1:?usage: tools/device/unit-tests.sh DEVICE_BUILD_DIR}"
source tools/device/firmware.sh
mapfile -t refs < <(firmware_refs "$DIR")
out=$(mktemp)
"$KIT/nf-test.sh" -c Release "${refs[@]}" PowerBrain.Tests/Portable > "$out" 2>&1
rc=$?
grep -v '^Test passed,' "$out" | grep -v '^[0-9]* passed, ' || true
p=$(grep -c '^Test passed,' "$out"); f=$(grep -c '^Test failed,' "$out"); s=$(grep -c '^Test skipped,' "$out")
rm -f "$out"
echo "device tests: $p passed, $f failed, $s skipped"
[ "$rc" -eq 0 ] && [ "$f" -eq 0 ] && [ "$s" -eq 0 ] && [ "$p" -gt 0 ]
