using System;
using System.Text;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Web
{
    /// <summary>Answers one kind of request on the core thread.</summary>
    public interface IRoute
    {
        /// <summary>Writes a JSON answer; returns the HTTP status.</summary>
        int Handle(WebRequestContext context, JsonWriter json);
    }

    /// <summary>What a route sees of its request.</summary>
    public sealed class WebRequestContext
    {
        public string Method;
        public string Path;
        public string Query;
        public byte[] Body;
    }

    /// <summary>
    /// The web room: routing, the page, and the JSON API. Runs on the HTTP server's threads; each
    /// API request runs through the core loop, which owns the state.
    /// </summary>
    public sealed class WebApp : IHttpHandler
    {
        const int MaxBodyBytes = 16384;

        readonly CoreLoop _core;
        readonly Logger _log;
        readonly string[] _methods = new string[32];
        readonly string[] _paths = new string[32];
        readonly IRoute[] _routes = new IRoute[32];
        int _routeCount;
        readonly byte[] _page;

        public WebApp(CoreLoop core, Logger log)
        {
            _core = core;
            _log = log;
            _page = Encoding.UTF8.GetBytes(StatusPage.Html);
        }

        public void Add(string method, string path, IRoute route)
        {
            if (_routeCount == _routes.Length) throw new InvalidOperationException("too many routes");
            _methods[_routeCount] = method;
            _paths[_routeCount] = path;
            _routes[_routeCount] = route;
            _routeCount++;
        }

        public int PageBytes { get { return _page.Length; } }

        public void Handle(IHttpRequest request, IHttpResponse response)
        {
            try
            {
                HandleUnsafe(request, response);
            }
            catch (Exception e)
            {
                _log.Error("web", "request failed: " + e.Message);
                SendError(response, 500, "internal error");
            }
        }

        void HandleUnsafe(IHttpRequest request, IHttpResponse response)
        {
            string url = request.RawUrl ?? "/";
            int q = url.IndexOf('?');
            string path = q < 0 ? url : url.Substring(0, q);
            string query = q < 0 ? "" : url.Substring(q + 1);
            string method = request.Method;

            if (path == "/" || path == "/index.html")
            {
                if (method != "GET" && method != "HEAD") { SendError(response, 405, "method not allowed"); return; }
                response.SetHeader("Cache-Control", "no-cache");
                response.Send(200, "text/html; charset=utf-8", _page, 0, _page.Length);
                return;
            }

            bool pathKnown = false;
            for (int i = 0; i < _routeCount; i++)
            {
                if (_paths[i] != path) continue;
                pathKnown = true;
                if (_methods[i] != method) continue;

                WebRequestContext context = new WebRequestContext();
                context.Method = method;
                context.Path = path;
                context.Query = query;
                if (method == "POST" || method == "PUT")
                {
                    context.Body = request.ReadBody(MaxBodyBytes);
                    if (context.Body == null) { SendError(response, 413, "request body too large"); return; }
                }
                RouteCall call = new RouteCall(_routes[i], context);
                _core.Invoke(call);
                response.SetHeader("Cache-Control", "no-store");
                response.Send(call.Status, "application/json", call.Json.Buffer, 0, call.Json.Length);
                return;
            }
            if (pathKnown) SendError(response, 405, "method not allowed");
            else SendError(response, 404, "not found");
        }

        static void SendError(IHttpResponse response, int status, string message)
        {
            JsonWriter w = new JsonWriter(64, 1024);
            w.StartObject().Property("error", message).EndObject();
            response.Send(status, "application/json", w.Buffer, 0, w.Length);
        }

        sealed class RouteCall : ICoreWork
        {
            readonly IRoute _route;
            readonly WebRequestContext _context;
            public readonly JsonWriter Json = new JsonWriter(512, 32768);
            public int Status = 500;

            public RouteCall(IRoute route, WebRequestContext context)
            {
                _route = route;
                _context = context;
            }

            public void Run()
            {
                try
                {
                    Status = _route.Handle(_context, Json);
                }
                catch (JsonException e)
                {
                    Json.Reset();
                    Json.StartObject().Property("error", "bad JSON: " + e.Message).EndObject();
                    Status = 400;
                }
                catch (Exception e)
                {
                    Json.Reset();
                    Json.StartObject().Property("error", "internal error: " + e.Message).EndObject();
                    Status = 500;
                }
            }
        }
    }
}
