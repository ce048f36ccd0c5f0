using System;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Emulator.Sim;

/// <summary>
/// A simulated car on the cable, and the pilot circuit it sees. The pin levels are the one thing
/// mocked in the emulator: they are computed from what the EV does and the duty the firmware sets.
/// </summary>
public sealed class SimulatedEv : IPilot
{
    readonly object _lock = new();
    int _duty = 1000;
    bool _cpDisconnected;

    public bool Plugged { get; private set; }
    /// <summary>The EV has closed S2 and wants to charge (state C).</summary>
    public bool Requesting { get; private set; }
    public int RequestAmps { get; private set; } = 16;
    public int CableRatingAmps { get; set; } = 32;
    public bool DiodeFault { get; set; }
    /// <summary>How long the EV takes to follow a new offered current (IEC 61851 allows up to 5 s).</summary>
    public int ResponseDelayMs { get; set; }
    /// <summary>Misbehaviour: keeps drawing the old current when the offer goes down (or to a pause).</summary>
    public bool IgnoreReduction { get; set; }

    // What the EV has taken notice of: the offer, once ResponseDelayMs has passed.
    int _followedDeciAmps;
    int _pendingDeciAmps;
    long _pendingSinceMs = -1;

    /// <summary>The current the EV draws (0.1 A) at time nowMs, following the offer after the delay.</summary>
    public int DrawDeciAmps(long nowMs)
    {
        lock (_lock)
        {
            // Forgets the old offer too: the same offer after a re-plug is news again.
            if (!Plugged || !Requesting) { _followedDeciAmps = 0; _pendingDeciAmps = 0; _pendingSinceMs = -1; return 0; }
            int offered = OfferedDeciAmps;
            if (offered != _pendingDeciAmps) { _pendingDeciAmps = offered; _pendingSinceMs = nowMs; }
            if (_pendingSinceMs >= 0 && nowMs - _pendingSinceMs >= ResponseDelayMs)
            {
                if (!(IgnoreReduction && _pendingDeciAmps < _followedDeciAmps)) _followedDeciAmps = _pendingDeciAmps;
                _pendingSinceMs = -1;
            }
            return Math.Min(RequestAmps * 10, _followedDeciAmps);
        }
    }

    /// <summary>The cable is in the box's socket (its PP resistor reads), with or without the car at its other end.</summary>
    public bool CableInSocket { get; private set; }
    public void Plug() { lock (_lock) { Plugged = true; CableInSocket = true; } }
    /// <summary>atEvOnly: the car leaves but the cable stays in the socket (taken out later by another Unplug).</summary>
    public void Unplug(bool atEvOnly = false) { lock (_lock) { Plugged = false; Requesting = false; if (!atEvOnly) CableInSocket = false; } }
    public void StartCharging(int amps) { lock (_lock) { if (Plugged) { Requesting = true; RequestAmps = amps; } } }
    public void StopCharging() { lock (_lock) Requesting = false; }

    /// <summary>The current offered by the PWM duty, in 0.1 A (IEC 61851 formulas), 0 when no PWM.</summary>
    public int OfferedDeciAmps
    {
        get
        {
            int d = _duty;
            if (d <= 0 || d >= 1000 || d < 80) return 0;
            if (d <= 850) return d * 6 / 10;          // duty% × 0.6 A
            if (d <= 960) return (d - 640) * 25 / 10; // (duty% − 64) × 2.5 A
            return 0;
        }
    }

    public void SetDutyPermille(int dutyPermille) { lock (_lock) _duty = dutyPermille; }
    public int DutyPermille => _duty;
    public void SetDisconnected(bool disconnected) { lock (_lock) _cpDisconnected = disconnected; }

    public int ReadHighMillivolts()
    {
        lock (_lock)
        {
            if (_duty == 0) return -12000;
            if (_cpDisconnected || !Plugged) return 12000;
            return Requesting ? 6000 : 9000;
        }
    }

    public int ReadLowMillivolts()
    {
        lock (_lock)
        {
            if (_duty == 0) return -12000;
            if (_duty >= 1000) return ReadHighMillivoltsUnlocked();
            return Plugged && DiodeFault && !_cpDisconnected ? ReadHighMillivoltsUnlocked() * -1 / 2 : -12000;
        }
    }

    int ReadHighMillivoltsUnlocked() => !Plugged || _cpDisconnected ? 12000 : Requesting ? 6000 : 9000;

    public int ReadProximityOhms()
    {
        lock (_lock)
        {
            if (!CableInSocket) return -1;
            return CableRatingAmps switch { 13 => 1500, 20 => 680, 32 => 220, 63 => 100, _ => 220 };
        }
    }
}
