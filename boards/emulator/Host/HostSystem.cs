using System;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Emulator.Host;

/// <summary>Reboot restarts the wallbox inside the emulator process; memory figures come from the GC.</summary>
public sealed class HostSystem : ISystem
{
    public event Action RebootRequested;

    public void Reboot() => RebootRequested?.Invoke();

    /// <summary>The desktop heap has no meaningful "free" figure for a 100 KiB device.</summary>
    public long FreeManagedBytes() => -1;

    public long UsedManagedBytes() => GC.GetTotalMemory(false);
}
