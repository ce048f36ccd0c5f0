using System;
using System.Collections;
using System.Threading;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Tests.Support
{
    /// <summary>
    /// A board in memory, in the 1.x subset, so that the same firmware runs on it on desktop .NET and
    /// on the nanoCLR (portable unit tests, the wallbox scenario): storage and clock in memory, a car
    /// and meter the test moves, an OCPP websocket the test feeds, and a Modbus RTU line it talks on.
    /// The pin levels, the meter and the backend are mocked here (nothing else exists inside the
    /// nanoCLR); the desktop end-to-end tests use the real peers.
    /// </summary>
    public sealed class ScriptedBoard : IBoard
    {
        public readonly SimClock SimClock;
        public readonly MemoryStorage Memory;
        public readonly ILog BoardLog;
        public readonly ScriptedPilot ScriptPilot = new ScriptedPilot();
        public readonly ScriptedContactor ScriptContactor = new ScriptedContactor();
        public readonly ScriptedMeter ScriptMeter;
        public readonly ScriptedSystem ScriptSystem = new ScriptedSystem();
        public readonly ScriptedHttpServer Http = new ScriptedHttpServer();
        public readonly ScriptedSocket Socket = new ScriptedSocket();
        public readonly ScriptedSerialLine Line = new ScriptedSerialLine();

        /// <param name="before">The board before a power cut: the car keeps its state and the meter
        /// its register; the pilot output and the contactor start de-energised.</param>
        public ScriptedBoard(SimClock clock, MemoryStorage storage, ILog log, ScriptedBoard before)
        {
            SimClock = clock;
            Memory = storage;
            BoardLog = log;
            ScriptMeter = before != null ? before.ScriptMeter : new ScriptedMeter();
            if (before != null) ScriptPilot.State = before.ScriptPilot.State;
        }

        public string Name { get { return "scripted"; } }
        public string SerialNumber { get { return "PB-SCRIPT-01"; } }
        public IClock Clock { get { return SimClock; } }
        public IStorage Storage { get { return Memory; } }
        public ILog Log { get { return BoardLog; } }
        public ISystem System { get { return ScriptSystem; } }
        public IHttpServer HttpServer { get { return Http; } }
        public IPilot Pilot { get { return ScriptPilot; } }
        public IContactor Contactor { get { return ScriptContactor; } }
        public IMeter Meter { get { return ScriptMeter; } }
        public IRfidReader Rfid { get { return ScriptMeter; } }

        /// <summary>Advances the clock by ms; a car in state C draws what the pilot offers while the
        /// contactor is closed (up to MaxDrawDeciAmps), and the meter counts it.</summary>
        public void Step(long ms)
        {
            SimClock.Advance(ms);
            int offered = ScriptPilot.State == 'C' && ScriptContactor.FeedbackClosed ? ScriptPilot.OfferedDeciAmps : 0;
            if (offered > MaxDrawDeciAmps) offered = MaxDrawDeciAmps;
            ScriptMeter.Draw(offered, ms);
        }

        public int MaxDrawDeciAmps = 800;

        public IWebSocketClient CreateWebSocket() { return Socket; }
        public ITcpListener CreateTcpListener() { throw new NotSupportedException("the scripted board has no TCP"); }
        public ITcpConnection ConnectTcp(string host, int port, int timeoutMs, TlsMaterial tls) { throw new NotSupportedException("the scripted board has no TCP"); }
        public ISerialPort CreateSerialPort() { return Line; }
    }

    /// <summary>Where the scenario writes its lines (Console on the nanoCLR, a list on desktop).</summary>
    public delegate void LineSink(string line);

    /// <summary>Log lines as "log I source: message", to a line sink.</summary>
    public sealed class ScriptedLog : ILog
    {
        readonly LineSink _sink;
        public ScriptedLog(LineSink sink) { _sink = sink; }

        public void Write(LogLevel level, string source, string message)
        {
            string l = level == LogLevel.Error ? "E" : level == LogLevel.Warning ? "W" : level == LogLevel.Info ? "I" : "D";
            _sink("log " + l + " " + source + ": " + message);
        }
    }

    /// <summary>The EV's side of the pilot: state A (no car), B (car, not asking) or C (charging).</summary>
    public sealed class ScriptedPilot : IPilot
    {
        readonly object _lock = new object();
        int _duty = 1000;
        char _state = 'A';

        public char State { get { lock (_lock) return _state; } set { lock (_lock) _state = value; } }
        public void SetDutyPermille(int dutyPermille) { lock (_lock) _duty = dutyPermille; }
        public int DutyPermille { get { lock (_lock) return _duty; } }

        public int ReadHighMillivolts()
        {
            lock (_lock)
            {
                if (_duty == 0) return -12000;
                return _state == 'A' ? 12000 : _state == 'B' ? 9000 : 6000;
            }
        }

        /// <summary>A car whose pilot diode is missing: the low level mirrors the high one.</summary>
        public bool DiodeFault;

        public int ReadLowMillivolts()
        {
            lock (_lock)
            {
                if (_duty >= 1000) return ReadHighMillivolts();
                return DiodeFault && _state != 'A' ? -ReadHighMillivolts() / 2 : -12000;
            }
        }
        public int ReadProximityOhms() { return -1; }
        public void SetDisconnected(bool disconnected) { }

        /// <summary>IEC 61851-1: the current a duty offers, in 0.1 A.</summary>
        public int OfferedDeciAmps
        {
            get
            {
                int d = DutyPermille;
                if (d < 80 || d >= 1000) return 0;
                if (d <= 850) return d * 6 / 10;
                if (d <= 960) return (d - 640) * 25 / 10;
                return 0;
            }
        }
    }

    public sealed class ScriptedContactor : IContactor
    {
        bool _closed;
        public bool Welded;
        public void SetClosed(bool closed) { _closed = closed; }
        public bool Commanded { get { return _closed; } }
        public bool FeedbackClosed { get { return _closed || Welded; } }
        public void SetPhases(int phases) { }
        public bool CanSwitchPhases { get { return false; } }
    }

    /// <summary>A three-phase meter whose energy the script integrates, and an RFID reader without cards.</summary>
    public sealed class ScriptedMeter : IMeter, IRfidReader
    {
        readonly object _lock = new object();
        long _energyMilliWh = 1000000;   // 1 kWh from the factory
        int _deciAmps;

        public bool IsPresent { get { return true; } }
        string _card;

        /// <summary>Fitted once a card was presented (the scenario's box has no reader).</summary>
        public bool IsFitted { get { return _fitted; } }
        bool _fitted;

        public string PollCard()
        {
            lock (_lock)
            {
                string c = _card;
                _card = null;
                return c;
            }
        }

        /// <summary>Holds a card to the reader; the next poll reads it.</summary>
        public void PresentCard(string tag)
        {
            lock (_lock)
            {
                _fitted = true;
                _card = tag;
            }
        }

        /// <summary>The car draws deciAmps on three phases at 230 V for ms milliseconds.</summary>
        public void Draw(int deciAmps, long ms)
        {
            lock (_lock)
            {
                _deciAmps = deciAmps;
                _energyMilliWh += (long)deciAmps * 230 * 3 * ms / 36000;
            }
        }

        public long EnergyWh { get { lock (_lock) return _energyMilliWh / 1000; } }

        public bool Read(MeterReading into)
        {
            lock (_lock)
            {
                into.EnergyWh = _energyMilliWh / 1000;
                into.PowerW = _deciAmps * 230 * 3 / 10;
                for (int i = 0; i < 3; i++)
                {
                    into.CurrentMa[i] = _deciAmps * 100;
                    into.VoltageDeciV[i] = 2300;
                }
                return true;
            }
        }
    }

    public sealed class ScriptedSystem : ISystem
    {
        public bool RebootRequested;
        public void Reboot() { RebootRequested = true; }
        public long FreeManagedBytes() { return -1; }
        public long UsedManagedBytes() { return -1; }
    }

    public sealed class ScriptedHttpServer : IHttpServer
    {
        public IHttpHandler Handler;
        public void Start(string bindAddress, int port, IHttpHandler handler) { Handler = handler; }
        public void Stop() { Handler = null; }
    }

    /// <summary>The backend's websocket: what the firmware sends is queued for the script, what the
    /// script sends is delivered to the firmware's listener.</summary>
    public sealed class ScriptedSocket : IWebSocketClient
    {
        readonly object _lock = new object();
        readonly Queue _sent = new Queue();
        IWebSocketListener _listener;
        bool _open;
        public string Url;
        public string Authorization;
        /// <summary>Connection attempts fail while set (the backend is unreachable).</summary>
        public bool Unreachable;
        public int Attempts;

        public bool Connect(string url, string subProtocol, string authorizationHeader, int maxMessageBytes, int pingIntervalS, TlsMaterial tls, IWebSocketListener listener)
        {
            lock (_lock)
            {
                Attempts++;
                if (Unreachable) return false;
                Url = url;
                Authorization = authorizationHeader;
                _listener = listener;
                _open = true;
                _sent.Clear();
            }
            return true;
        }

        public string LastError { get { lock (_lock) return Unreachable ? "connection refused" : ""; } }

        /// <summary>The backend goes away: the socket closes without a close handshake.</summary>
        public void Drop()
        {
            IWebSocketListener l;
            lock (_lock)
            {
                _open = false;
                l = _listener;
            }
            l.OnClosed(1006, "connection lost");
        }
        public bool IsOpen { get { lock (_lock) return _open; } }

        public bool SendText(byte[] utf8, int offset, int count)
        {
            lock (_lock)
            {
                if (!_open) return false;
                _sent.Enqueue(global::System.Text.Encoding.UTF8.GetString(utf8, offset, count));
                return true;
            }
        }

        public void Close() { lock (_lock) _open = false; }

        /// <summary>The next frame the firmware sent, or null.</summary>
        public string NextSent() { lock (_lock) return _sent.Count == 0 ? null : (string)_sent.Dequeue(); }

        public void Deliver(string frame)
        {
            IWebSocketListener l;
            lock (_lock) l = _listener;
            byte[] b = global::System.Text.Encoding.UTF8.GetBytes(frame);
            l.OnMessage(b, b.Length);
        }
    }

    /// <summary>The RS485 line to the load manager: the script writes bytes and waits for the
    /// firmware's replies, which its RTU thread reads and writes through this port.</summary>
    public sealed class ScriptedSerialLine : ISerialPort
    {
        readonly object _lock = new object();
        readonly AutoResetEvent _incoming = new AutoResetEvent(false);
        readonly AutoResetEvent _replied = new AutoResetEvent(false);
        byte[] _in = new byte[0];
        int _inAt;
        readonly ArrayList _replies = new ArrayList();

        public void Open(string device, int baud, SerialParity parity, int stopBits) { }
        public void Close() { }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            for (int attempt = 0; attempt < 2; attempt++)
            {
                lock (_lock)
                {
                    int n = _in.Length - _inAt;
                    if (n > 0)
                    {
                        if (n > count) n = count;
                        Array.Copy(_in, _inAt, buffer, offset, n);
                        _inAt += n;
                        return n;
                    }
                }
                if (attempt == 0) _incoming.WaitOne(timeoutMs, false);
            }
            return 0;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            byte[] copy = new byte[count];
            Array.Copy(buffer, offset, copy, 0, count);
            lock (_lock) _replies.Add(copy);
            _replied.Set();
        }

        /// <summary>Puts bytes on the line (all at once, as one read delivers them).</summary>
        public void Send(byte[] bytes)
        {
            lock (_lock)
            {
                _in = bytes;
                _inAt = 0;
                _replies.Clear();
            }
            _replied.Reset();
            _incoming.Set();
        }

        /// <summary>Waits until count replies were written or waitMs passed; returns those written.</summary>
        public byte[][] Replies(int count, int waitMs)
        {
            long until = DateTime.UtcNow.Ticks + waitMs * TimeSpan.TicksPerMillisecond;
            while (true)
            {
                lock (_lock)
                {
                    if (_replies.Count >= count || DateTime.UtcNow.Ticks >= until)
                    {
                        byte[][] r = new byte[_replies.Count][];
                        for (int i = 0; i < r.Length; i++) r[i] = (byte[])_replies[i];
                        return r;
                    }
                }
                _replied.WaitOne(10, false);
            }
        }

        /// <summary>Sends a frame and returns the reply, or null when none came within waitMs.</summary>
        public byte[] Request(byte[] frame, int waitMs)
        {
            Send(frame);
            byte[][] r = Replies(1, waitMs);
            return r.Length == 0 ? null : r[0];
        }
    }
}
