# Sourced by the device scripts: the firmware's device assemblies, in dependency order, built with
# the kit (KIT must be set). One place that knows the assemblies and what each references.
FIRMWARE_ASSEMBLIES=(PowerBrain.Core PowerBrain.Charging PowerBrain.Firmware PowerBrain.Web)

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
