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
    /// <summary>Set when phases were switched with the contactor closed: must never happen.</summary>
    public bool SwitchedUnderLoad { get; private set; }

    public void SetClosed(bool closed) => Commanded = closed;
    public bool FeedbackClosed => Commanded || Welded;

    public void SetPhases(int phases)
    {
        if (FeedbackClosed) SwitchedUnderLoad = true;
        Phases = phases;
    }
    public bool CanSwitchPhases => true;
}

/// <summary>
/// A meter that integrates what the simulated EV draws through the contactor. Like a real meter it
/// keeps its own register across restarts (in the data folder) and leaves the factory with a small
/// reading, never 0.
/// </summary>
public sealed class SimulatedMeter : IMeter
{
    public const string BlobName = "sim-meter.txt";
    public const long FactoryReadingWh = 10;

    readonly SimulatedEv _ev;
    readonly SimulatedContactor _contactor;
    readonly IClock _clock;
    readonly IStorage _storage;
    readonly object _lock = new();
    long _lastMs = -1;
    double _energyWh;
    long _savedWh;

    public SimulatedMeter(SimulatedEv ev, SimulatedContactor contactor, IClock clock, IStorage storage)
    {
        _ev = ev;
        _contactor = contactor;
        _clock = clock;
        _storage = storage;
        var saved = storage.Read(BlobName);
        _energyWh = saved != null && long.TryParse(System.Text.Encoding.ASCII.GetString(saved), out long wh) ? wh : FactoryReadingWh;
        _savedWh = (long)_energyWh;
    }

    public bool IsPresent => true;

    public long EnergyWh { get { lock (_lock) return (long)_energyWh; } }


    public bool Read(MeterReading into)
    {
        lock (_lock)
        {
            long now = _clock.UptimeMs;
            int drawn = _ev.DrawDeciAmps(now);
            int deciAmps = _contactor.FeedbackClosed ? drawn : 0;
            int phases = _contactor.Phases;
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
            if ((long)_energyWh != _savedWh)
            {
                _savedWh = (long)_energyWh;
                var text = System.Text.Encoding.ASCII.GetBytes(_savedWh.ToString());
                _storage.Write(BlobName, text, 0, text.Length);
            }
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
