using System;
using System.IO;
using System.Net;
using System.Threading;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Emulator.Host;

/// <summary>The firmware's HTTP adapter on desktop .NET's HttpListener.</summary>
public sealed class HttpListenerServer : IHttpServer
{
    HttpListener _listener;
    Thread _thread;

    public void Start(string bindAddress, int port, IHttpHandler handler)
    {
        _listener = new HttpListener();
        // HttpListener matches the Host header, so a loopback bind answers "localhost" too.
        if (bindAddress == "0.0.0.0") _listener.Prefixes.Add($"http://+:{port}/");
        else _listener.Prefixes.Add($"http://{bindAddress}:{port}/");
        if (bindAddress == "127.0.0.1") _listener.Prefixes.Add($"http://localhost:{port}/");
        _listener.Start();
        _thread = new Thread(() => AcceptLoop(handler)) { IsBackground = true, Name = "http" };
        _thread.Start();
    }

    void AcceptLoop(IHttpHandler handler)
    {
        while (_listener?.IsListening == true)
        {
            HttpListenerContext context;
            try { context = _listener.GetContext(); }
            catch (Exception) { return; }
            ThreadPool.QueueUserWorkItem(_ => Serve(handler, context));
        }
    }

    static void Serve(IHttpHandler handler, HttpListenerContext context)
    {
        try
        {
            handler.Handle(new Request(context.Request), new Response(context.Response));
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
    }

    sealed class Request(HttpListenerRequest r) : IHttpRequest
    {
        public string Method => r.HttpMethod;
        public string RawUrl => r.RawUrl;
        public string Header(string name) => r.Headers[name];

        public byte[] ReadBody(int maxBytes)
        {
            if (r.ContentLength64 > maxBytes) return null;
            using var ms = new MemoryStream();
            var buf = new byte[4096];
            int n;
            while ((n = r.InputStream.Read(buf, 0, buf.Length)) > 0)
            {
                if (ms.Length + n > maxBytes) return null;
                ms.Write(buf, 0, n);
            }
            return ms.ToArray();
        }
    }

    sealed class Response(HttpListenerResponse r) : IHttpResponse
    {
        public void SetHeader(string name, string value) => r.Headers[name] = value;

        public void Send(int statusCode, string contentType, byte[] body, int offset, int count)
        {
            r.StatusCode = statusCode;
            r.ContentType = contentType;
            r.ContentLength64 = count;
            r.OutputStream.Write(body, offset, count);
        }
    }
}
