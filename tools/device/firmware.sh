# Sourced by the device scripts: the firmware's device assemblies, in dependency order, built with
# the kit (KIT must be set). One place that knows the assemblies and what each references.
# PowerBrain.Boot is deployed once and never replaced; the others are the application an update
# replaces (APP_ASSEMBLIES, with the board's application, make a firmware package).
APP_ASSEMBLIES=(PowerBrain.Core PowerBrain.Charging PowerBrain.Firmware PowerBrain.Web)
FIRMWARE_ASSEMBLIES=(PowerBrain.Boot "${APP_ASSEMBLIES[@]}")

# build_firmware CONFIG OUTDIR: compiles and converts each into OUTDIR (prints nf-build's lines).
build_firmware() {
  local config=$1 out=$2 refs=()
  for name in "${FIRMWARE_ASSEMBLIES[@]}"; do
    "$KIT/nf-build.sh" -q -name "$name" -c "$config" "${refs[@]}" -o "$out" "$name"
    refs+=(-r "$out/$name.dll")
  done
}

# firmware_refs OUTDIR: -r options for code built on top of the firmware.
firmware_refs() { local name; for name in "${FIRMWARE_ASSEMBLIES[@]}"; do printf -- '-r\n%s\n' "$1/$name.dll"; done; }

# firmware_pes OUTDIR: the .pe files to load with it.
firmware_pes() { local name; for name in "${FIRMWARE_ASSEMBLIES[@]}"; do printf '%s\n' "$1/$name.pe"; done; }

# app_pes OUTDIR: the .pe files of the replaceable application (a package's files, in load order).
app_pes() { local name; for name in "${APP_ASSEMBLIES[@]}"; do printf '%s\n' "$1/$name.pe"; done; }
