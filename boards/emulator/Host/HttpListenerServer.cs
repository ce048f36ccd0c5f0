using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Threading;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Emulator.Host;

/// <summary>
/// The firmware's HTTP adapter on desktop .NET's HttpListener. Requests are served by a fixed set of
/// worker threads from a bounded queue (a full queue is answered 503 at once), and a body must
/// arrive within its deadlines, so slow or broken clients cannot hold back the others.
/// </summary>
public sealed class HttpListenerServer : IHttpServer
{
    public const int Workers = 8;
    public const int MaxQueued = 16;
    /// <summary>The longest pause between two pieces of a request body.</summary>
    public const int BodyIdleTimeoutMs = 2000;
    /// <summary>The longest a whole request body may take.</summary>
    public const int BodyDeadlineMs = 10000;

    HttpListener _listener;
    BlockingCollection<HttpListenerContext> _queue;

    public void Start(string bindAddress, int port, IHttpHandler handler)
    {
        _listener = new HttpListener();
        // HttpListener matches the Host header, so a loopback bind answers "localhost" too.
        if (bindAddress == "0.0.0.0") _listener.Prefixes.Add($"http://+:{port}/");
        else _listener.Prefixes.Add($"http://{bindAddress}:{port}/");
        if (bindAddress == "127.0.0.1") _listener.Prefixes.Add($"http://localhost:{port}/");
        _listener.Start();
        var queue = _queue = new BlockingCollection<HttpListenerContext>(MaxQueued);
        var listener = _listener;
        new Thread(() => AcceptLoop(listener, queue)) { IsBackground = true, Name = "http-accept" }.Start();
        for (int i = 0; i < Workers; i++)
            new Thread(() => WorkLoop(handler, queue)) { IsBackground = true, Name = "http-" + i }.Start();
    }

    static void AcceptLoop(HttpListener listener, BlockingCollection<HttpListenerContext> queue)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = listener.GetContext(); }
            catch (Exception) { return; }
            if (queue.TryAdd(context)) continue;
            // Every worker is busy and the queue is full: say so now rather than let it wait.
            try
            {
                context.Response.StatusCode = 503;
                context.Response.Headers["Retry-After"] = "1";
                context.Response.KeepAlive = false;
                context.Response.Close();
            }
            catch (Exception) { }
        }
    }

    static void WorkLoop(IHttpHandler handler, BlockingCollection<HttpListenerContext> queue)
    {
        try
        {
            foreach (var context in queue.GetConsumingEnumerable()) Serve(handler, context);
        }
        catch (ObjectDisposedException) { }
    }

    static void Serve(IHttpHandler handler, HttpListenerContext context)
    {
        var request = new Request(context.Request, context.Response);
        try
        {
            handler.Handle(request, new Response(context.Response));
        }
        catch (Exception) { /* the client went away */ }
        finally
        {
            try { context.Response.Close(); } catch (Exception) { }
        }
    }

    public void Stop()
    {
        var l = _listener;
        _listener = null;
        try { l?.Stop(); l?.Close(); } catch (Exception) { }
        _queue?.CompleteAdding();
    }

    sealed class Request(HttpListenerRequest r, HttpListenerResponse response) : IHttpRequest
    {
        public string Method => r.HttpMethod;
        public string RawUrl => r.RawUrl;
        public string Header(string name) => r.Headers[name];

        public byte[] ReadBody(int maxBytes, out string broken)
        {
            broken = null;
            long declared = r.ContentLength64;
            if (declared > maxBytes) return null;
            using var ms = new MemoryStream();
            var buf = new byte[4096];
            using var deadline = new CancellationTokenSource(BodyDeadlineMs);
            try
            {
                while (true)
                {
                    var read = r.InputStream.ReadAsync(buf, 0, buf.Length, deadline.Token);
                    if (!read.Wait(BodyIdleTimeoutMs))
                    {
                        broken = $"the request body stalled: nothing for {BodyIdleTimeoutMs / 1000} s after {ms.Length} bytes";
                        break;
                    }
                    int n = read.Result;
                    if (n == 0) break;
                    if (ms.Length + n > maxBytes) return null;
                    ms.Write(buf, 0, n);
                }
            }
            catch (AggregateException e) when (e.InnerException is OperationCanceledException)
            {
                broken = $"the request body took longer than {BodyDeadlineMs / 1000} s";
            }
            catch (Exception e) when (e is AggregateException or IOException or HttpListenerException or InvalidOperationException)
            {
                broken = declared < 0 ? "the chunked request body is malformed"
                                      : $"the request body ended after {ms.Length} of its {declared} bytes (Content-Length)";
            }
            if (broken == null && declared >= 0 && ms.Length != declared)
                broken = $"the request body ended after {ms.Length} of its {declared} bytes (Content-Length)";
            if (broken == null) return ms.ToArray();
            response.KeepAlive = false;   // the rest of a broken body is not waited for
            return null;
        }
    }

    sealed class Response(HttpListenerResponse r) : IHttpResponse
    {
        public void SetHeader(string name, string value) => r.Headers[name] = value;

        public void Send(int statusCode, string contentType, byte[] body, int offset, int count)
        {
            Begin(statusCode, contentType, count);
            Write(body, offset, count);
        }

        public void Begin(int statusCode, string contentType, int length)
        {
            r.StatusCode = statusCode;
            r.ContentType = contentType;
            r.ContentLength64 = length;
        }

        public void Write(byte[] piece, int offset, int count) => r.OutputStream.Write(piece, offset, count);
    }
}
