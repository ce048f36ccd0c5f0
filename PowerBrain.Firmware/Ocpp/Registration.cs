using System;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Ocpp.Calls;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>
    /// How the backend has registered this box: BootNotification after every connect until it is
    /// Accepted, the retry interval of Pending and Rejected (silent while Rejected), the clock and
    /// heartbeat interval from the answer, and heartbeats.
    /// </summary>
    public sealed class Registration : IBootGate
    {
        const int MinRejectedRetryS = 30;

        readonly string _serialNumber, _version;
        readonly IClock _clock;
        readonly ConfigKeys _keys;
        readonly Logger _log;
        long _bootAtMs = -1;
        bool _silent;

        public string BootStatus = OcppStatus.BootNone;
        /// <summary>Counts Accepted answers, so the status is told again after each.</summary>
        public int AcceptedBoots;

        /// <summary>The backend accepted this box at least once since start (offline rules rely on it).</summary>
        public bool EverAccepted { get { return AcceptedBoots > 0; } }

        /// <param name="version">The firmware version that runs (an installed package's, or the built-in one).</param>
        public Registration(IBoard board, ConfigKeys keys, Logger log, string version)
        {
            _serialNumber = board.SerialNumber;
            _version = version;
            _clock = board.Clock;
            _keys = keys;
            _log = log;
        }

        public bool Accepted { get { return BootStatus == OcppStatus.BootAccepted; } }

        public bool Silent { get { return _silent; } }

        /// <summary>A new connection: boot at once unless already accepted.</summary>
        public void LinkOpened()
        {
            if (!Accepted) _bootAtMs = _clock.UptimeMs;
        }

        public IOcppCall BootDue(long nowMs)
        {
            if (_bootAtMs < 0 || nowMs < _bootAtMs) return null;
            _bootAtMs = -1;
            _silent = false;
            return Boot();
        }

        public IOcppCall HeartbeatDue(long nowMs, long lastSentMs)
        {
            int heartbeatS = _keys.GetInt(ConfigKeys.HeartbeatInterval);
            return heartbeatS > 0 && nowMs - lastSentMs >= heartbeatS * 1000L ? Heartbeat() : null;
        }

        /// <summary>A BootNotification (also for TriggerMessage: the accepted state stays until answered).</summary>
        public IOcppCall Boot() { return new BootCall(this, _serialNumber, _version); }

        public IOcppCall Heartbeat() { return new HeartbeatCall(_clock); }

        internal void BootAnswered(string status, int intervalS, DateTime time)
        {
            BootStatus = status;
            _clock.SetUtc(time);
            if (status == OcppStatus.BootAccepted)
            {
                if (intervalS > 0) _keys.Set(ConfigKeys.HeartbeatInterval, intervalS.ToString());
                AcceptedBoots++;
                _log.Info("ocpp", "boot accepted, heartbeat every " + _keys.GetInt(ConfigKeys.HeartbeatInterval) + " s");
                return;
            }
            // The backend's interval is kept (OCTT TC_001 checks the retry against it); without one, 30 s.
            int retryS = intervalS > 0 ? intervalS : MinRejectedRetryS;
            _bootAtMs = _clock.UptimeMs + retryS * 1000L;
            _silent = status == OcppStatus.BootRejected;
            _log.Warning("ocpp", "boot " + status + ", next BootNotification in " + retryS + " s");
        }

        internal void BootFailed()
        {
            _bootAtMs = _clock.UptimeMs + MinRejectedRetryS * 1000L;
        }
    }
}
