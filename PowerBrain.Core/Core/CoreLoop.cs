using System;
using System.Collections;
using System.Threading;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Core
{
    /// <summary>A unit of work for the core loop.</summary>
    public interface ICoreWork
    {
        void Run();
    }

    /// <summary>A timer run by the core loop on the board clock.</summary>
    public sealed class CoreTimer
    {
        internal long DueMs;
        internal long PeriodMs;
        internal ICoreWork Work;
        internal bool Active;

        public bool IsActive { get { return Active; } }
    }

    /// <summary>
    /// Owns all wallbox state: work runs one item at a time, never two at once. The loop thread runs
    /// posted events and timers on the board clock. A request that needs an answer at once (HTTP,
    /// Modbus) runs on its I/O thread under the same state lock via <see cref="Invoke"/>: the same
    /// one-at-a-time guarantee without two thread switches per request. A failing item is logged and
    /// the loop goes on: the device never stops over one bad event.
    /// </summary>
    public sealed class CoreLoop
    {
        const int MaxQueued = 256;

        readonly IClock _clock;
        readonly Logger _log;
        readonly Queue _queue = new Queue();
        readonly ArrayList _timers = new ArrayList();
        readonly AutoResetEvent _wake = new AutoResetEvent(false);
        readonly object _queueLock = new object();
        readonly object _stateLock = new object();
        // Read and written under _queueLock: nanoFramework has no volatile.
        bool _stopping;

        public CoreLoop(IClock clock, Logger log)
        {
            _clock = clock;
            _log = log;
            _lastPassMs = clock.UptimeMs;
        }

        public IClock Clock { get { return _clock; } }

        /// <summary>When the loop last finished a pass over its queue and timers (for the watchdog).</summary>
        public long LastPassMs
        {
            get { lock (_queueLock) return _lastPassMs; }
        }

        long _lastPassMs;

        /// <summary>Queues work for the loop thread. Thread-safe. False when the queue is full.</summary>
        public bool Post(ICoreWork work)
        {
            lock (_queueLock)
            {
                if (_queue.Count >= MaxQueued) return false;
                _queue.Enqueue(work);
            }
            _wake.Set();
            return true;
        }

        /// <summary>Runs the work now on the calling thread, alone with the wallbox state.</summary>
        public void Invoke(ICoreWork work)
        {
            lock (_stateLock) RunSafely(work);
        }

        bool IsStopping { get { lock (_queueLock) return _stopping; } }

        /// <summary>Starts a timer (periodMs 0 = once). Call from core work.</summary>
        public CoreTimer Schedule(ICoreWork work, long delayMs, long periodMs)
        {
            CoreTimer timer = new CoreTimer();
            timer.Work = work;
            Restart(timer, delayMs, periodMs);
            return timer;
        }

        public void Restart(CoreTimer timer, long delayMs, long periodMs)
        {
            timer.DueMs = _clock.UptimeMs + delayMs;
            timer.PeriodMs = periodMs;
            if (!timer.Active)
            {
                timer.Active = true;
                _timers.Add(timer);
            }
        }

        public void Cancel(CoreTimer timer)
        {
            if (timer == null || !timer.Active) return;
            timer.Active = false;
            _timers.Remove(timer);
        }

        /// <summary>Runs queued work and due timers. Returns milliseconds until the next timer
        /// (capped at 1000). Tests on a simulated clock call this directly.</summary>
        public int RunPending()
        {
            while (true)
            {
                ICoreWork work;
                lock (_queueLock)
                {
                    if (_queue.Count == 0) break;
                    work = (ICoreWork)_queue.Dequeue();
                }
                Invoke(work);
            }
            lock (_stateLock)
            {
                long now = _clock.UptimeMs;
                long next = now + 1000;
                for (int i = 0; i < _timers.Count; i++)
                {
                    CoreTimer t = (CoreTimer)_timers[i];
                    if (t.DueMs <= now)
                    {
                        if (t.PeriodMs > 0)
                        {
                            t.DueMs += t.PeriodMs;
                            if (t.DueMs <= now) t.DueMs = now + t.PeriodMs; // skip missed periods
                        }
                        else
                        {
                            t.Active = false;
                            _timers.RemoveAt(i);
                            i--;
                        }
                        RunSafely(t.Work);
                        now = _clock.UptimeMs;
                    }
                    if (t.Active && t.DueMs < next) next = t.DueMs;
                }
                long end = _clock.UptimeMs;
                lock (_queueLock) _lastPassMs = end;
                long wait = next - end;
                return wait < 0 ? 0 : (int)wait;
            }
        }

        void RunSafely(ICoreWork work)
        {
            try { work.Run(); }
            catch (Exception e) { _log.Error("core", "unhandled in " + work.GetType().Name + ": " + Failure.Describe(e)); }
        }

        /// <summary>Runs the loop on the calling thread until Stop.</summary>
        public void Run()
        {
            while (!IsStopping)
            {
                int wait = RunPending();
                if (wait > 0) _wake.WaitOne(wait, false);
            }
            RunPending();
        }

        public void Stop()
        {
            lock (_queueLock) _stopping = true;
            _wake.Set();
        }
    }
}
