using System;
using System.Collections.Concurrent;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Emulator.Sim;

/// <summary>The contactor: closes on command, unless told it is welded.</summary>
public sealed class SimulatedContactor : IContactor
{
    public bool Commanded { get; private set; }
    public bool Welded { get; set; }
    public int Phases { get; private set; } = 3;

    public void SetClosed(bool closed) => Commanded = closed;
    public bool FeedbackClosed => Commanded || Welded;
    public void SetPhases(int phases) => Phases = phases;
    public bool CanSwitchPhases => true;
}

/// <summary>A meter that integrates what the simulated EV draws through the contactor.</summary>
public sealed class SimulatedMeter(SimulatedEv ev, SimulatedContactor contactor, IClock clock) : IMeter
{
    readonly object _lock = new();
    long _lastMs = -1;
    double _energyWh;

    public bool IsPresent => true;

    /// <summary>Restores the register (the emulator persists it like a real meter keeps it).</summary>
    public long EnergyWh { get { lock (_lock) return (long)_energyWh; } set { lock (_lock) _energyWh = value; } }

    int DrawDeciAmps()
    {
        if (!contactor.FeedbackClosed || !ev.Plugged || !ev.Requesting) return 0;
        return Math.Min(ev.RequestAmps * 10, ev.OfferedDeciAmps);
    }

    public bool Read(MeterReading into)
    {
        lock (_lock)
        {
            long now = clock.UptimeMs;
            int deciAmps = DrawDeciAmps();
            int phases = contactor.Phases;
            int powerW = deciAmps * 230 * phases / 10;
            if (_lastMs >= 0) _energyWh += powerW * (now - _lastMs) / 3_600_000.0;
            _lastMs = now;
            into.EnergyWh = (long)_energyWh;
            into.PowerW = powerW;
            for (int i = 0; i < 3; i++)
            {
                into.CurrentMa[i] = i < phases ? deciAmps * 100 : 0;
                into.VoltageDeciV[i] = 2300;
            }
            into.TemperatureDeciC = 250;
            return true;
        }
    }
}

/// <summary>Cards presented through the emulator's API or panel.</summary>
public sealed class SimulatedRfid : IRfidReader
{
    readonly ConcurrentQueue<string> _cards = new();
    public bool IsFitted { get; set; } = true;
    public void Present(string uid) => _cards.Enqueue(uid);
    public string PollCard() => _cards.TryDequeue(out var uid) ? uid : null;
}
