using System.Threading;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>What the link reports to the client, on the core thread.</summary>
    public interface ILinkEvents
    {
        void LinkOpened(int generation);
        void LinkFailed(int generation, string error);
        void LinkClosed(int generation, string reason);
        /// <summary>A complete message; null for one that was too large and was dropped.</summary>
        void MessageReceived(int generation, byte[] message);
    }

    /// <summary>
    /// The websocket to the backend. Connecting blocks on the device, so it happens on this link's
    /// own thread; everything it learns is posted to the core loop. Each attempt uses a new socket
    /// and a new generation number, so late events of an old socket are recognised and dropped.
    /// </summary>
    public sealed class OcppLink
    {
        public const int MaxMessageBytes = 65536;

        readonly IBoard _board;
        readonly CoreLoop _core;
        readonly ILinkEvents _events;
        readonly AutoResetEvent _wake = new AutoResetEvent(false);
        readonly object _lock = new object();
        readonly Thread _thread;
        IWebSocketClient _socket;
        int _generation;
        string _url, _auth;
        TlsMaterial _tls;
        int _pingS;
        bool _connectWanted, _stopping;

        public OcppLink(IBoard board, CoreLoop core, ILinkEvents events)
        {
            _board = board;
            _core = core;
            _events = events;
            _thread = new Thread(Run);
            _thread.Start();
        }

        /// <summary>Asks for a new connection attempt; returns its generation.</summary>
        public int Connect(string url, string authorization, int pingIntervalS, TlsMaterial tls)
        {
            lock (_lock)
            {
                _generation++;
                _url = url;
                _auth = authorization;
                _tls = tls;
                _pingS = pingIntervalS;
                _connectWanted = true;
            }
            _wake.Set();
            lock (_lock) return _generation;
        }

        public bool Send(byte[] utf8, int count)
        {
            IWebSocketClient s;
            lock (_lock) s = _socket;
            return s != null && s.IsOpen && s.SendText(utf8, 0, count);
        }

        /// <summary>Closes the current socket (for a reconnect or shutdown).</summary>
        public void Close()
        {
            IWebSocketClient s;
            lock (_lock)
            {
                s = _socket;
                _socket = null;
                _generation++;
            }
            if (s != null) s.Close();
        }

        /// <summary>Closes the socket and ends the link's thread (waiting up to 2 s for it, so a stopped
        /// box leaves nothing running that still holds it).</summary>
        public void Stop()
        {
            lock (_lock) _stopping = true;
            Close();
            _wake.Set();
            if (Thread.CurrentThread != _thread) _thread.Join(2000);
        }

        void Run()
        {
            while (true)
            {
                _wake.WaitOne(1000, false);
                string url, auth;
                TlsMaterial tls;
                int generation, ping;
                lock (_lock)
                {
                    if (_stopping) return;
                    if (!_connectWanted) continue;
                    _connectWanted = false;
                    url = _url; auth = _auth; tls = _tls; generation = _generation; ping = _pingS;
                }
                IWebSocketClient socket = _board.CreateWebSocket();
                Listener listener = new Listener(this, generation);
                bool ok = socket.Connect(url, "ocpp1.6", auth, MaxMessageBytes, ping, tls, listener);
                bool current;
                lock (_lock)
                {
                    current = generation == _generation && !_stopping;
                    if (ok && current) _socket = socket;
                }
                if (ok && !current) { socket.Close(); continue; }
                if (ok) _core.Post(new Opened(_events, generation));
                else _core.Post(new Failed(_events, generation, socket.LastError));
            }
        }

        sealed class Listener : IWebSocketListener
        {
            readonly OcppLink _link;
            readonly int _generation;

            public Listener(OcppLink link, int generation)
            {
                _link = link;
                _generation = generation;
            }

            public void OnMessage(byte[] buffer, int length)
            {
                byte[] copy = new byte[length];
                System.Array.Copy(buffer, copy, length);
                if (!_link._core.Post(new Received(_link._events, _generation, copy)))
                    _link._core.Post(new Closed(_link._events, _generation, "core queue full"));
            }

            public void OnOversized(int bytes)
            {
                _link._core.Post(new Received(_link._events, _generation, null));
            }

            public void OnClosed(int closeStatus, string reason)
            {
                _link._core.Post(new Closed(_link._events, _generation, reason));
            }
        }

        sealed class Opened : ICoreWork
        {
            readonly ILinkEvents _e; readonly int _g;
            public Opened(ILinkEvents e, int g) { _e = e; _g = g; }
            public void Run() { _e.LinkOpened(_g); }
        }

        sealed class Failed : ICoreWork
        {
            readonly ILinkEvents _e; readonly int _g; readonly string _error;
            public Failed(ILinkEvents e, int g, string error) { _e = e; _g = g; _error = error; }
            public void Run() { _e.LinkFailed(_g, _error); }
        }

        sealed class Closed : ICoreWork
        {
            readonly ILinkEvents _e; readonly int _g; readonly string _reason;
            public Closed(ILinkEvents e, int g, string reason) { _e = e; _g = g; _reason = reason; }
            public void Run() { _e.LinkClosed(_g, _reason); }
        }

        sealed class Received : ICoreWork
        {
            readonly ILinkEvents _e; readonly int _g; readonly byte[] _message;
            public Received(ILinkEvents e, int g, byte[] message) { _e = e; _g = g; _message = message; }
            public void Run() { _e.MessageReceived(_g, _message); }
        }
    }
}
