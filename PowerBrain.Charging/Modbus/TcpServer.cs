using System;
using System.Threading;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Modbus
{
    /// <summary>
    /// Modbus TCP: MBAP framing over a stream, several clients at once, each connection's pipelined
    /// requests answered in order. A protocol id other than 0 or a foreign unit id is discarded; an
    /// impossible length closes that connection only.
    /// </summary>
    public sealed class TcpServer
    {
        public const int MaxClients = 4;

        readonly ITcpListener _listener;
        readonly ModbusSlave _slave;
        readonly CoreLoop _core;
        readonly Logger _log;
        readonly Connection[] _clients = new Connection[MaxClients];
        readonly object _lock = new object();
        bool _stopping;

        public TcpServer(ITcpListener listener, ModbusSlave slave, CoreLoop core, Logger log)
        {
            _listener = listener;
            _slave = slave;
            _core = core;
            _log = log;
        }

        public int LocalPort { get { return _listener.LocalPort; } }

        public void Start(string bindAddress, int port)
        {
            _listener.Start(bindAddress, port);
            Thread accept = new Thread(AcceptLoop);
            accept.Start();
        }

        public void Stop()
        {
            lock (_lock) _stopping = true;
            _listener.Stop();
            lock (_lock)
            {
                for (int i = 0; i < _clients.Length; i++)
                {
                    if (_clients[i] != null) _clients[i].Socket.Close();
                }
            }
        }

        bool Stopping { get { lock (_lock) return _stopping; } }

        void AcceptLoop()
        {
            while (!Stopping)
            {
                ITcpConnection socket = _listener.Accept();
                if (socket == null) { if (Stopping) return; Thread.Sleep(100); continue; }
                Connection c = null;
                lock (_lock)
                {
                    for (int i = 0; i < _clients.Length && c == null; i++)
                    {
                        if (_clients[i] == null)
                        {
                            c = new Connection(this, socket, i);
                            _clients[i] = c;
                        }
                    }
                }
                if (c == null)
                {
                    _log.Warning("modbus", "TCP client " + socket.RemoteAddress + " refused: " + MaxClients + " clients already connected");
                    socket.Close();
                    continue;
                }
                Thread t = new Thread(c.Run);
                t.Start();
            }
        }

        void Release(Connection c)
        {
            lock (_lock) _clients[c.Slot] = null;
            c.Socket.Close();
        }

        /// <summary>One client: its buffers and its reusable core call.</summary>
        sealed class Connection
        {
            // MBAP (7) + PDU (253), with room for a pipelined burst.
            const int BufferBytes = 1024;

            readonly TcpServer _server;
            public readonly ITcpConnection Socket;
            public readonly int Slot;
            readonly byte[] _in = new byte[BufferBytes];
            readonly byte[] _out = new byte[7 + ModbusPdu.MaxPduBytes];
            readonly ModbusCall _call;
            int _length;

            public Connection(TcpServer server, ITcpConnection socket, int slot)
            {
                _server = server;
                Socket = socket;
                Slot = slot;
                _call = new ModbusCall(server._slave);
                _call.Request = _in;
                _call.Response = _out;
                _call.ResponseOffset = 7;
                _call.From = server._slave.Master("TCP " + HostOf(socket.RemoteAddress));
            }

            /// <summary>"10.0.0.5:50211" → "10.0.0.5": a master that reconnects stays one entry.</summary>
            static string HostOf(string endpoint)
            {
                if (endpoint == null) return "?";
                int bracket = endpoint.IndexOf(']');
                if (bracket > 0) return endpoint.Substring(0, bracket + 1);   // [IPv6]:port
                int colon = endpoint.IndexOf(':');
                return colon > 0 && endpoint.LastIndexOf(':') == colon ? endpoint.Substring(0, colon) : endpoint;
            }

            public void Run()
            {
                try
                {
                    while (true)
                    {
                        int n = Socket.Read(_in, _length, _in.Length - _length);
                        if (n <= 0) break;
                        _length += n;
                        if (!DrainFrames()) break;
                    }
                }
                catch (Exception e)
                {
                    _server._log.Warning("modbus", "TCP client dropped: " + Failure.Describe(e));
                }
                finally
                {
                    _server.Release(this);
                }
            }

            /// <summary>Answers every complete frame in the buffer, in order. False closes the connection.</summary>
            bool DrainFrames()
            {
                int start = 0;
                while (_length - start >= 7)
                {
                    int protocol = (_in[start + 2] << 8) | _in[start + 3];
                    int length = (_in[start + 4] << 8) | _in[start + 5];
                    if (length < 2 || length > 254) return false;   // cannot be a Modbus frame: resync is impossible
                    if (_length - start < 6 + length) break;         // wait for the rest
                    int unit = _in[start + 6];
                    if (protocol == 0 && (unit == _server._slave.SlaveId || unit == 0 || unit == 255))
                    {
                        if (!Answer(start, length - 1)) return false;
                    }
                    start += 6 + length;
                }
                if (start > 0)
                {
                    Array.Copy(_in, start, _in, 0, _length - start);
                    _length -= start;
                }
                return true;
            }

            bool Answer(int frameStart, int pduLength)
            {
                _call.RequestOffset = frameStart + 7;
                _call.RequestLength = pduLength;
                _server._core.Invoke(_call);
                int n = _call.Result;
                if (n == ModbusPdu.NoReply) return true;
                // Echo transaction id and unit id; protocol 0; length = unit + PDU.
                _out[0] = _in[frameStart];
                _out[1] = _in[frameStart + 1];
                _out[2] = 0;
                _out[3] = 0;
                _out[4] = (byte)((n + 1) >> 8);
                _out[5] = (byte)(n + 1);
                _out[6] = _in[frameStart + 6];
                Socket.Write(_out, 0, 7 + n);
                return true;
            }
        }
    }
}
