#!/usr/bin/env bash
# The device build on Linux, with the kit's real toolchain (../shared/nanoframework/kit):
#   1. nf-check-set.sh: the kit's pinned package set carries the firmware's native checksums;
#   2. compile PowerBrain.Boot, PowerBrain.Core, PowerBrain.Charging, PowerBrain.Firmware and PowerBrain.Web
#      (libraries, in that order), boards/esp32 (the application) and boards/esp32-boot (the boot program)
#      against the set's reference assemblies, convert them to .pe with the metadata processor, in
#      Release and Debug;
#   3. load-check each configuration's .pe files with the set on the nanoCLR (every reference resolves);
#   4. print each assembly's use of the PE tables that have 16-bit offsets.
# Any failure ends the script with a non-zero status. Outputs go to OUTDIR/<Configuration>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED="${PB_SHARED:-$(cd .. && pwd)/shared}"
KIT="$SHARED/nanoframework/kit"
OUT="${1:?usage: tools/device/build.sh OUTDIR}"
[ -x "$KIT/nf-build.sh" ] || { echo "device-build: kit not found at $KIT"; exit 2; }
mkdir -p "$OUT"
source tools/device/firmware.sh

echo "== device: the kit's package set against firmware 1.17.0.30 (nf-check-set.sh)"
"$KIT/nf-check-set.sh" | tail -n 3

table="$OUT/tables.txt"
: > "$table"
for config in Release Debug; do
  dir="$OUT/$config"
  mkdir -p "$dir"
  echo "== device: $config build"
  build_firmware "$config" "$dir" | tee -a "$table"
  mapfile -t refs < <(firmware_refs "$dir")
  "$KIT/nf-build.sh" -q -exe -name PowerBrain.Esp32 -c "$config" "${refs[@]}" -o "$dir" boards/esp32 boards/esp32-boot/FlashStorage.cs | tee -a "$table"
  "$KIT/nf-build.sh" -q -exe -name PowerBrain.Esp32Boot -c "$config" -r "$dir/PowerBrain.Boot.dll" -o "$dir" boards/esp32-boot | tee -a "$table"
  echo "== device: $config load check on the nanoCLR"
  mapfile -t pes < <(firmware_pes "$dir")
  "$KIT/nf-load-check.sh" "${pes[@]}" "$dir/PowerBrain.Esp32.pe" | tail -n 2
  "$KIT/nf-load-check.sh" "$dir/PowerBrain.Boot.pe" "$dir/PowerBrain.Esp32Boot.pe" | tail -n 2
done

echo "== device: PE tables (limit 65535 bytes each)"
printf '%-22s %-8s %18s %18s %18s\n' assembly config "byte code" strings signatures
sed -nE 's|^nf-build: .*/([^/]+)\.pe \(([A-Za-z]+), [a-z]+\) [0-9]+ bytes: byte code ([0-9]+) of [0-9]+ bytes \(([0-9]+)%\), strings ([0-9]+) \(([0-9]+)%\), signatures ([0-9]+) \(([0-9]+)%\).*|\1 \2 \3 \4 \5 \6 \7 \8|p' "$table" |
  while read -r name config code codep str strp sig sigp; do
    printf '%-22s %-8s %11s (%3s%%) %11s (%3s%%) %11s (%3s%%)\n' "$name" "$config" "$code" "$codep" "$str" "$strp" "$sig" "$sigp"
  done
rows=$(grep -c '^nf-build: ' "$table" || true)
expected=$(( 2 * (${#FIRMWARE_ASSEMBLIES[@]} + 2) ))
[ "$rows" -eq "$expected" ] || { echo "device-build: expected $expected assemblies in the table, got $rows"; exit 1; }

# The firmware package of this build (README: "Firmware packages"): the Release application, without
# the boot assembly and the boot program (deployed once).
version=$(sed -nE 's/.*Version = "([^"]+)".*/\1/p' PowerBrain.Core/Core/FirmwareInfo.cs)
nano=$(sed -nE 's/^\| ESP32 nanoCLR firmware \| \*\*([0-9.]+)\*\*.*/\1/p' "$KIT/README.md" | head -n 1)
mapfile -t release_pes < <(app_pes "$OUT/Release")
python3 tools/device/package.py "$OUT/Release/powerbrain-$version.pbpkg" "$version" "${nano:-unknown}" "${release_pes[@]}" "$OUT/Release/PowerBrain.Esp32.pe"
