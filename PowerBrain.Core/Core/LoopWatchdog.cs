using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Core
{
    /// <summary>
    /// A software watchdog for the core loop (nanoFramework 1.x offers no hardware watchdog API):
    /// from its own thread it checks that the loop completed a pass recently. When the loop has
    /// hung, it opens the contactor and stops the pilot's offer directly (they are plain pin writes),
    /// then restarts the board. The transaction is in flash, so the next boot ends it like a power cut.
    /// </summary>
    public sealed class LoopWatchdog : IPolled
    {
        public const int StallMs = 30000;
        public const int CheckEveryMs = 5000;

        readonly CoreLoop _core;
        readonly IBoard _board;
        readonly Logger _log;
        readonly long _armedAtMs;
        bool _fired;

        /// <summary>Armed from now: the time before (joining the network can take a minute on the
        /// device) is not a hang.</summary>
        public LoopWatchdog(CoreLoop core, IBoard board, Logger log)
        {
            _core = core;
            _board = board;
            _log = log;
            _armedAtMs = board.Clock.UptimeMs;
        }

        public bool Fired { get { return _fired; } }

        public void Poll()
        {
            if (_fired) return;
            long lastPass = _core.LastPassMs;
            if (lastPass < _armedAtMs) lastPass = _armedAtMs;
            long stalled = _board.Clock.UptimeMs - lastPass;
            if (stalled < StallMs) return;
            _fired = true;
            _board.Contactor.SetClosed(false);
            _board.Pilot.SetDutyPermille(1000);
            _log.Error("watchdog", "core loop stalled for " + stalled / 1000 + " s: contactor opened, restarting");
            _board.System.Reboot();
        }
    }
}
