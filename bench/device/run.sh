#!/usr/bin/env bash
# Figures from the real nanoFramework runtime (the kit's nanoCLR), for README:
#   1. DeviceBench: idle heap of a wallbox, µs per Modbus FC03/FC06, per MeterValues CALL built,
#      per SetChargingProfile handled;
#   2. the wallbox scenario with -gcstats and heap checkpoints (peak while charging);
#   3. the smallest heap on which the whole scenario still runs (searched with -heap).
# Not part of ./test.sh: it takes minutes. Usage: bench/device/run.sh [--no-search]
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED="${PB_SHARED:-$(cd .. && pwd)/shared}"
KIT="$SHARED/nanoframework/kit"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source tools/device/firmware.sh
build_firmware Release "$work"
mapfile -t refs < <(firmware_refs "$work")
mapfile -t pes < <(firmware_pes "$work")
support=(PowerBrain.Tests/Portable/Support/MemoryStorage.cs PowerBrain.Tests/Portable/Support/SimClock.cs
         PowerBrain.Tests/Portable/Support/ScriptedBoard.cs PowerBrain.Tests/Portable/Support/ListLog.cs PowerBrain.Tests/Portable/Support/ScriptBox.cs
         PowerBrain.Tests/Portable/Support/RsaVector.cs PowerBrain.Tests/Portable/Support/SignatureVectors.cs)
"$KIT/nf-build.sh" -q -exe -name DeviceBench -c Release "${refs[@]}" -o "$work" bench/device/DeviceBench.cs "${support[@]}"
echo "== DeviceBench on the nanoCLR"
"$KIT/nf-run.sh" -t 600 -gcstats -expect "device-bench: end" "$work/DeviceBench.pe" "${pes[@]}" 2>&1 | grep -v "^device-bench: end"

echo "== the wallbox scenario with heap checkpoints"
tools/device/scenario.sh -gcstats -define SCENARIO_HEAP 2>&1 | grep -E "^heap:|^nf-run: heap" || true

if [ "${1:-}" != "--no-search" ]; then
  echo "== the smallest heap the whole scenario runs on (KiB)"
  lo=48 hi=400
  while [ $lo -lt $hi ]; do
    m=$(( (lo + hi) / 2 ))
    if tools/device/scenario.sh -heap ${m}K >/dev/null 2>&1; then hi=$m; else lo=$((m + 1)); fi
  done
  echo "smallest heap: ${lo} KiB"
  for h in $lo $((lo + 4)) $((lo + 8)); do
    if tools/device/scenario.sh -heap ${h}K >/dev/null 2>&1; then echo "  ${h} KiB: runs"; else echo "  ${h} KiB: fails"; fi
  done
fi
