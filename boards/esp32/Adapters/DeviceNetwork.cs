using System;
using System.Collections;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Net.WebSockets;
using System.Threading;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Esp32.Adapters
{
    /// <summary>
    /// The OCPP websocket on nanoFramework's ClientWebSocket: the sub-protocol and Basic auth go in
    /// as raw headers (there is no sub-protocol API), a new instance per attempt, State checked after
    /// Connect (errors there are swallowed), MaxReceiveFrameSize set, fragments reassembled.
    /// </summary>
    public sealed class DeviceWebSocket : IWebSocketClient
    {
        ClientWebSocket _ws;
        IWebSocketListener _listener;
        byte[] _message;
        int _length;
        bool _tooBig;
        int _max;

        public string LastError { get; private set; }

        public bool IsOpen { get { return _ws != null && _ws.State == System.Net.WebSockets.WebSocketFrame.WebSocketState.Open; } }

        /// <remarks>TLS: the stored CA goes into ClientWebSocketOptions.Certificate and the server is
        /// verified (CertificateRequired); without a CA the link is made unverified, as the status
        /// says. Profile 3's client certificate must be the device-stored certificate
        /// (UseStoredDeviceCertificate), installed with nanoff or the device's configuration
        /// block: nanoFramework 1.x has no API to use a certificate and key from the web upload.</remarks>
        public bool Connect(string url, string subProtocol, string authorizationHeader, int maxMessageBytes, int pingIntervalS, TlsMaterial tls, IWebSocketListener listener)
        {
            LastError = "";
            _listener = listener;
            _max = maxMessageBytes;
            _message = new byte[1024];
            ClientWebSocketOptions options = new ClientWebSocketOptions();
            options.MaxReceiveFrameSize = maxMessageBytes;
            if (pingIntervalS > 0)
            {
                options.KeepAliveInterval = TimeSpan.FromSeconds(pingIntervalS);
                options.ServerTimeout = TimeSpan.FromSeconds(pingIntervalS * 2);   // no pong: the link is dead
            }
            if (tls != null)
            {
                if (tls.CaPem != null)
                {
                    options.Certificate = new System.Security.Cryptography.X509Certificates.X509Certificate(tls.CaPem);
                    options.SslVerification = System.Net.Security.SslVerification.CertificateRequired;
                }
                else options.SslVerification = System.Net.Security.SslVerification.NoVerification;
            }
            _ws = new ClientWebSocket(options);
            if (tls != null && tls.ClientCertificatePem != null) _ws.UseStoredDeviceCertificate = true;
            _ws.MessageReceived += OnMessage;
            _ws.ConnectionClosed += OnClosed;
            ClientWebSocketHeaders headers = new ClientWebSocketHeaders();
            headers["Sec-WebSocket-Protocol"] = subProtocol;
            if (authorizationHeader != null) headers["Authorization"] = authorizationHeader;
            try
            {
                _ws.Connect(url, headers);
            }
            catch (Exception e)
            {
                LastError = e.Message;
                return false;
            }
            if (!IsOpen)
            {
                if (LastError.Length == 0) LastError = "connection refused or handshake failed";
                return false;
            }
            return true;
        }

        void OnMessage(object sender, MessageReceivedEventArgs e)
        {
            ReceiveMessageFrame frame = e.Frame;
            if (frame.Fragmentation == FragmentationType.NotFragmented || frame.Fragmentation == FragmentationType.FirstFragment)
            {
                _length = 0;
                _tooBig = false;
            }
            int count = frame.MessageLength;
            if (_length + count > _max) _tooBig = true;
            else
            {
                if (_length + count > _message.Length)
                {
                    int size = _message.Length * 2;
                    while (size < _length + count) size *= 2;
                    if (size > _max) size = _max;
                    byte[] bigger = new byte[size];
                    Array.Copy(_message, bigger, _length);
                    _message = bigger;
                }
                Array.Copy(frame.Buffer, 0, _message, _length, count);
                _length += count;
            }
            if (frame.Fragmentation == FragmentationType.NotFragmented || frame.Fragmentation == FragmentationType.FinalFragment)
            {
                if (_tooBig) _listener.OnOversized(_length);
                else _listener.OnMessage(_message, _length);
                _length = 0;
            }
        }

        void OnClosed(object sender, EventArgs e) { _listener.OnClosed(0, "closed"); }

        public bool SendText(byte[] utf8, int offset, int count)
        {
            if (!IsOpen) return false;
            byte[] exact = utf8;
            if (offset != 0 || count != utf8.Length)
            {
                exact = new byte[count];
                Array.Copy(utf8, offset, exact, 0, count);
            }
            return _ws.Send(exact, System.Net.WebSockets.WebSocketFrame.WebSocketMessageType.Text);
        }

        public void Close()
        {
            if (_ws == null) return;
            try { _ws.Close(); } catch (Exception) { }
            _ws.Dispose();
        }
    }

    /// <summary>Modbus TCP's listener on a nanoFramework socket.</summary>
    public sealed class DeviceTcpListener : ITcpListener
    {
        Socket _socket;
        int _port;

        public void Start(string bindAddress, int port)
        {
            _port = port;
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _socket.Bind(new IPEndPoint(IPAddress.Parse(bindAddress), port));
            _socket.Listen(4);
        }

        public int LocalPort { get { return _port; } }

        public ITcpConnection Accept()
        {
            try { return new Connection(_socket.Accept(), null); }
            catch (Exception) { return null; }
        }

        static bool IsDotted(string host)
        {
            char[] c = host.ToCharArray();
            for (int i = 0; i < c.Length; i++) if ((c[i] < '0' || c[i] > '9') && c[i] != '.') return false;
            return c.Length > 0;
        }

        /// <summary>An outgoing connection; the host is a dotted address or a name for DNS. With tls,
        /// an SslStream that requires the server's certificate to chain to the stored CA (mbedTLS
        /// checks the chain and the host name).</summary>
        public static ITcpConnection Connect(string host, int port, int timeoutMs, TlsMaterial tls)
        {
            IPAddress address = IsDotted(host) ? IPAddress.Parse(host) : Dns.GetHostEntry(host).AddressList[0];
            Socket s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            s.ReceiveTimeout = timeoutMs;
            s.SendTimeout = timeoutMs;
            s.Connect(new IPEndPoint(address, port));
            if (tls == null) return new Connection(s, null);
            try
            {
                SslStream ssl = new SslStream(s);
                ssl.SslVerification = SslVerification.CertificateRequired;
                X509Certificate ca = new X509Certificate(tls.CaPem);
                ssl.AuthenticateAsClient(host, null, ca, SslProtocols.Tls12);
                return new Connection(s, ssl);
            }
            catch (Exception)
            {
                s.Close();
                // mbedTLS does not say which check failed.
                throw new PowerBrain.Firmware.Core.ReasonException("TLS handshake with " + host + " failed: the server's certificate was refused (not from a stored CA, expired or for another host) or TLS 1.2 was refused");
            }
        }

        public void Stop()
        {
            try { _socket.Close(); } catch (Exception) { }
        }

        /// <summary>A socket, read and written through its SslStream when it has one.</summary>
        sealed class Connection : ITcpConnection
        {
            readonly Socket _s;
            readonly SslStream _ssl;

            public Connection(Socket s, SslStream ssl)
            {
                _s = s;
                _ssl = ssl;
                _s.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay, true);
            }

            public string RemoteAddress { get { return _s.RemoteEndPoint.ToString(); } }

            public int Read(byte[] buffer, int offset, int count)
            {
                try { return _ssl != null ? _ssl.Read(buffer, offset, count) : _s.Receive(buffer, offset, count, SocketFlags.None); }
                catch (Exception) { return 0; }
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                try
                {
                    if (_ssl != null) _ssl.Write(buffer, offset, count);
                    else _s.Send(buffer, offset, count, SocketFlags.None);
                }
                catch (Exception) { }
            }

            public void Close()
            {
                try { if (_ssl != null) _ssl.Dispose(); } catch (Exception) { }
                try { _s.Close(); } catch (Exception) { }
            }
        }
    }

    /// <summary>
    /// The web page on nanoFramework's HttpListener. An accept thread queues requests for a few
    /// worker threads (a full queue is answered 503 at once), and a request body must arrive within
    /// its deadlines, so a slow or broken client cannot hold back the others. The limits are smaller
    /// than the emulator's: the ESP32 has few sockets and little heap.
    /// </summary>
    public sealed class DeviceHttpServer : IHttpServer
    {
        public const int Workers = 2;
        public const int MaxQueued = 4;
        public const int BodyIdleTimeoutMs = 2000;
        public const int BodyDeadlineMs = 10000;

        HttpListener _listener;
        IHttpHandler _handler;
        readonly Queue _queue = new Queue();
        readonly AutoResetEvent _queued = new AutoResetEvent(false);
        readonly object _lock = new object();
        bool _stopping;

        public void Start(string bindAddress, int port, IHttpHandler handler)
        {
            _handler = handler;
            _listener = new HttpListener("http", port);
            _listener.Start();
            new Thread(AcceptLoop).Start();
            for (int i = 0; i < Workers; i++) new Thread(WorkLoop).Start();
        }

        bool Stopping { get { lock (_lock) return _stopping; } }

        void AcceptLoop()
        {
            while (!Stopping)
            {
                HttpListenerContext context;
                try { context = _listener.GetContext(); }
                catch (Exception) { if (Stopping) return; continue; }
                bool queued = false;
                lock (_lock)
                {
                    if (_queue.Count < MaxQueued) { _queue.Enqueue(context); queued = true; }
                }
                if (queued) { _queued.Set(); continue; }
                try
                {
                    context.Response.StatusCode = 503;
                    context.Response.Headers.Set("Retry-After", "1");
                    context.Response.ContentLength64 = 0;
                }
                catch (Exception) { }
                finally { context.Response.Close(); }
            }
        }

        void WorkLoop()
        {
            while (!Stopping)
            {
                HttpListenerContext context = null;
                lock (_lock) { if (_queue.Count > 0) context = (HttpListenerContext)_queue.Dequeue(); }
                if (context == null) { _queued.WaitOne(1000, false); continue; }
                try { _handler.Handle(new Request(context.Request), new Response(context.Response)); }
                catch (Exception) { }
                finally { context.Response.Close(); }
            }
        }

        public void Stop()
        {
            lock (_lock) _stopping = true;
            _queued.Set();
            try { _listener.Stop(); } catch (Exception) { }
        }

        sealed class Request : IHttpRequest
        {
            readonly HttpListenerRequest _r;

            public Request(HttpListenerRequest r) { _r = r; }

            public string Method { get { return _r.HttpMethod; } }

            public string RawUrl { get { return _r.RawUrl; } }

            public string Header(string name) { return _r.Headers[name]; }

            public byte[] ReadBody(int maxBytes, out string broken)
            {
                broken = null;
                long length = _r.ContentLength64;
                if (length > maxBytes) return null;
                if (length < 0)
                {
                    string encoding = _r.Headers["Transfer-Encoding"];
                    if (encoding != null) { broken = "send the request body with a Content-Length"; return null; }
                    return new byte[0];
                }
                byte[] body = new byte[(int)length];
                Stream input = _r.InputStream;
                try { input.ReadTimeout = BodyIdleTimeoutMs; } catch (Exception) { }
                long deadline = DateTime.UtcNow.Ticks + BodyDeadlineMs * TimeSpan.TicksPerMillisecond;
                int got = 0;
                try
                {
                    while (got < body.Length)
                    {
                        if (DateTime.UtcNow.Ticks > deadline) { broken = "the request body took longer than " + BodyDeadlineMs / 1000 + " s"; return null; }
                        int n = input.Read(body, got, body.Length - got);
                        if (n <= 0) break;
                        got += n;
                    }
                }
                catch (Exception) { broken = "the request body stalled or broke off after " + got + " bytes"; return null; }
                if (got < body.Length) { broken = "the request body ended after " + got + " of its " + length + " bytes (Content-Length)"; return null; }
                return body;
            }
        }

        sealed class Response : IHttpResponse
        {
            readonly HttpListenerResponse _r;

            public Response(HttpListenerResponse r) { _r = r; }

            public void SetHeader(string name, string value) { _r.Headers.Set(name, value); }

            public void Send(int statusCode, string contentType, byte[] body, int offset, int count)
            {
                Begin(statusCode, contentType, count);
                Write(body, offset, count);
            }

            public void Begin(int statusCode, string contentType, int length)
            {
                _r.StatusCode = statusCode;
                _r.ContentType = contentType;
                _r.ContentLength64 = length;
            }

            public void Write(byte[] piece, int offset, int count) { _r.OutputStream.Write(piece, offset, count); }
        }
    }
}
