#!/usr/bin/env bash
# The boot-and-load path on the nanoCLR: builds a small application "App" with the kit, embeds its
# .pe as bytes, and runs PowerBrain.Tests/Device/Boot (AppSlots + AppLoader: Assembly.Load, rollback).
# The desktop test DeviceBootTests runs this script and checks its lines.
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED="${PB_SHARED:-$(cd .. && pwd)/shared}"
KIT="$SHARED/nanoframework/kit"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source tools/device/firmware.sh
build_firmware Release "$work" >&2
mkdir -p "$work/app"
cat > "$work/app/Entry.cs" <<'CS'
namespace App
{
    public static class Entry
    {
        public static void Main() { System.Console.WriteLine("app: the application runs (" + typeof(Entry).Assembly.FullName + ")"); }
    }
}
CS
"$KIT/nf-build.sh" -q -name App -o "$work/app" "$work/app/Entry.cs" >&2
python3 - "$work/app/App.pe" "$work/BootImages.cs" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
with open(sys.argv[2], 'w') as f:
    f.write('namespace PowerBrain.BootTest\n{\n    static class BootImages\n    {\n        public static readonly byte[] App = new byte[] {\n')
    for i in range(0, len(data), 24):
        f.write('            ' + ', '.join(str(b) for b in data[i:i + 24]) + ',\n')
    f.write('        };\n    }\n}\n')
PY
mapfile -t refs < <(firmware_refs "$work")
mapfile -t pes < <(firmware_pes "$work")
"$KIT/nf-build.sh" -q -exe -name BootTest -c Release "${refs[@]}" -o "$work" \
  PowerBrain.Tests/Device/Boot "$work/BootImages.cs" PowerBrain.Tests/Portable/Support/MemoryStorage.cs >&2
"$KIT/nf-run.sh" -t 120 -expect "boot: end" "$work/BootTest.pe" "${pes[@]}"
