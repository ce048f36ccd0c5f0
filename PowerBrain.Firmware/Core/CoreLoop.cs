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

    /// <summary>
    /// Work that an I/O thread hands to the core loop and waits for (an HTTP request, a Modbus
    /// request). Reusable: one instance per connection keeps the hot path free of allocations.
    /// </summary>
    public abstract class CoreRequest : ICoreWork
    {
        internal readonly AutoResetEvent Done = new AutoResetEvent(false);

        protected abstract void Execute();

        public void Run()
        {
            try { Execute(); }
            finally { Done.Set(); }
        }
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
    /// The single thread that owns all wallbox state. I/O threads only post work; the loop runs it
    /// one item at a time, together with timers on the board clock. A failing item is logged and
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
        readonly object _lock = new object();
        // Read and written under _lock: nanoFramework has no volatile.
        bool _stopping;
        int _coreThreadId = -1;

        public CoreLoop(IClock clock, Logger log)
        {
            _clock = clock;
            _log = log;
        }

        public IClock Clock { get { return _clock; } }

        /// <summary>Queues work for the core thread. Thread-safe. False when the queue is full.</summary>
        public bool Post(ICoreWork work)
        {
            lock (_lock)
            {
                if (_queue.Count >= MaxQueued) return false;
                _queue.Enqueue(work);
            }
            _wake.Set();
            return true;
        }

        /// <summary>Runs the request on the core thread and waits for it; runs it inline when
        /// called on the core thread itself. False on timeout or when the queue is full.</summary>
        public bool Invoke(CoreRequest request, int timeoutMs)
        {
            if (Thread.CurrentThread.ManagedThreadId == CoreThreadId)
            {
                request.Run();
                request.Done.Reset();
                return true;
            }
            if (!Post(request)) return false;
            return request.Done.WaitOne(timeoutMs, false);
        }

        int CoreThreadId { get { lock (_lock) return _coreThreadId; } }

        bool IsStopping { get { lock (_lock) return _stopping; } }

        /// <summary>Starts a timer (periodMs 0 = once). Call on the core thread.</summary>
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
            lock (_lock) _coreThreadId = Thread.CurrentThread.ManagedThreadId;
            while (true)
            {
                ICoreWork work;
                lock (_lock)
                {
                    if (_queue.Count == 0) break;
                    work = (ICoreWork)_queue.Dequeue();
                }
                RunSafely(work);
            }
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
            long wait = next - _clock.UptimeMs;
            return wait < 0 ? 0 : (int)wait;
        }

        void RunSafely(ICoreWork work)
        {
            try { work.Run(); }
            catch (Exception e) { _log.Error("core", "unhandled in " + work.GetType().Name + ": " + e.Message); }
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
            lock (_lock) _stopping = true;
            _wake.Set();
        }
    }
}
