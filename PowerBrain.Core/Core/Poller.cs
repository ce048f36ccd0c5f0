using System;
using System.Threading;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Core
{
    /// <summary>A peripheral that needs a slow exchange (a meter on RS485, an RFID chip waiting for
    /// a card) polled on a thread of its own, so the core loop never waits for it.</summary>
    public interface IPolled
    {
        void Poll();
    }

    public sealed class Poller
    {
        readonly IPolled _target;
        readonly int _intervalMs;
        readonly ILog _log;
        readonly string _source;
        bool _stop;
        Thread _thread;

        public Poller(IPolled target, int intervalMs, ILog log, string source)
        {
            _target = target;
            _intervalMs = intervalMs;
            _log = log;
            _source = source;
        }

        public void Start()
        {
            _thread = new Thread(Loop);
            _thread.Start();
        }

        public void Stop()
        {
            _stop = true;
            if (_thread != null) _thread.Join();
        }

        void Loop()
        {
            while (!_stop)
            {
                try { _target.Poll(); }
                catch (Exception e) { _log.Write(LogLevel.Error, _source, "poll failed: " + Failure.Describe(e)); }
                for (int waited = 0; waited < _intervalMs && !_stop; waited += 50) Thread.Sleep(50);
            }
        }
    }
}
