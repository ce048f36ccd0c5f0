#!/usr/bin/env bash
# The wallbox scenario (PowerBrain.Tests/Scenario) on the nanoCLR: builds the firmware and the
# scenario with the kit and runs it; prints the scenario's lines on stdout. The desktop test
# ScenarioTests runs the same script in process and compares the two line for line.
# Usage: tools/device/scenario.sh [-heap BYTES] [-gcstats] [-needed] [-allowoom] [-define SYM] [-c Release|Debug]
# (-needed, -allowoom: as for the kit's nf-run.sh; -allowoom shows where the firmware meets an OutOfMemoryException)
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED="${PB_SHARED:-$(cd .. && pwd)/shared}"
KIT="$SHARED/nanoframework/kit"
config=Release run=() defs=()
while [ $# -gt 0 ]; do
  case "$1" in
    -heap) run+=(-heap "$2"); shift 2;;
    -gcstats) run+=(-gcstats); shift;;
    -needed) run+=(-needed); shift;;
    -allowoom) run+=(-allowoom); shift;;
    -define) defs+=(-define "$2"); shift 2;;
    -c) config=$2; shift 2;;
    *) echo "scenario.sh: unknown option $1" >&2; exit 2;;
  esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source tools/device/firmware.sh
build_firmware "$config" "$work" >&2
mapfile -t refs < <(firmware_refs "$work")
mapfile -t pes < <(firmware_pes "$work")
"$KIT/nf-build.sh" -q -exe -name Scenario -c "$config" "${defs[@]}" "${refs[@]}" -o "$work" \
  PowerBrain.Tests/Scenario PowerBrain.Tests/Portable/Support/MemoryStorage.cs PowerBrain.Tests/Portable/Support/SimClock.cs \
  PowerBrain.Tests/Portable/Support/ScriptedBoard.cs PowerBrain.Tests/Portable/Support/RtuFrames.cs \
  PowerBrain.Tests/Portable/Support/ScriptedCsms.cs >&2
"$KIT/nf-run.sh" -t 300 "${run[@]}" -expect "scenario: end" "$work/Scenario.pe" "${pes[@]}"
