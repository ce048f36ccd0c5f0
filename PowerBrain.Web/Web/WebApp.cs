using System;
using System.Text;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Web
{
    /// <summary>Answers one kind of API request on the core thread.</summary>
    public interface IRoute
    {
        /// <summary>Writes a JSON answer; returns the HTTP status.</summary>
        int Handle(WebRequestContext context, JsonWriter json);
    }

    /// <summary>What a route sees of its request, and what it may set on the response.</summary>
    /// <summary>A route with slow work (password derivation) that runs on the HTTP thread before
    /// the route reaches the core loop, so it never holds charging and Modbus.</summary>
    public interface IPreparedRoute : IRoute
    {
        void Prepare(WebRequestContext context);
    }

    public sealed class WebRequestContext
    {
        public string Method;
        public string Path;
        public string Query;
        public byte[] Body;
        /// <summary>The login session (-1 for HTTP Basic or none).</summary>
        public int Session = -1;
        public string SetCookie;
        public int RetryAfterS;
        /// <summary>The answer's type when it is not JSON (CSV).</summary>
        public string ContentType = "application/json";
        /// <summary>A file name: the browser saves the answer instead of showing it.</summary>
        public string Download;
        /// <summary>Set by <see cref="IPreparedRoute.Prepare"/>: whether the password given checked out,
        /// and a new password derived for storing.</summary>
        public int PasswordVerdict = WebAuth.NotChecked;
        public PreparedPassword NewPassword;
    }

    /// <summary>
    /// The web room: the page, routing, and the JSON API with its protection: every /api/* request
    /// needs the session cookie or HTTP Basic with the admin password (except login and first-run
    /// setup); state-changing requests are refused cross-origin, and with a cookie they must carry
    /// the session's X-CSRF-Token. Runs on the HTTP server's threads; each API request runs through
    /// the core loop, which owns the state.
    /// </summary>
    public sealed class WebApp : IHttpHandler
    {
        public const int MaxBodyBytes = 16384;
        const int MaxRoutes = 32;

        readonly CoreLoop _core;
        readonly Logger _log;
        public readonly WebAuth Auth;
        readonly string[] _methods = StringArrays.New(MaxRoutes);
        readonly string[] _paths = StringArrays.New(MaxRoutes);
        readonly IRoute[] _routes = new IRoute[MaxRoutes];
        readonly bool[] _public = new bool[MaxRoutes];
        int _routeCount;

        // A client can produce these as fast as it likes: each kind is logged once a minute.
        readonly ErrorTally _badRequests, _failures;

        public WebApp(CoreLoop core, Logger log, WebAuth auth)
        {
            _core = core;
            _log = log;
            Auth = auth;
            _badRequests = new ErrorTally(log, core.Clock, "web", 60000);
            _failures = new ErrorTally(log, core.Clock, "web", 60000);
        }

        public void Add(string method, string path, IRoute route) { Add(method, path, route, false); }

        /// <summary>A route that needs no login (the login and setup calls).</summary>
        public void AddPublic(string method, string path, IRoute route) { Add(method, path, route, true); }

        void Add(string method, string path, IRoute route, bool isPublic)
        {
            if (_routeCount == MaxRoutes) throw new InvalidOperationException("too many routes");
            _methods[_routeCount] = method;
            _paths[_routeCount] = path;
            _routes[_routeCount] = route;
            _public[_routeCount] = isPublic;
            _routeCount++;
        }

        public void Handle(IHttpRequest request, IHttpResponse response)
        {
            try
            {
                HandleUnsafe(request, response);
            }
            catch (Exception e)
            {
                _failures.Record("request failed: " + Failure.Describe(e));
                SendError(response, 500, "internal error");
            }
        }

        const int BasicNone = 0, BasicGood = 1, BasicWrong = 2, BasicLocked = 3;

        static bool IsStateChanging(string method) { return method == "POST" || method == "PUT" || method == "DELETE"; }

        void HandleUnsafe(IHttpRequest request, IHttpResponse response)
        {
            string url = request.RawUrl ?? "/";
            if (url.Length > 1024) { SendError(response, 414, "URL too long"); return; }
            int q = url.IndexOf('?');
            string path = q < 0 ? url : url.Substring(0, q);
            string query = q < 0 ? "" : url.Substring(q + 1);
            string method = request.Method;

            if (path == "/" || path == "/index.html")
            {
                if (method != "GET" && method != "HEAD") { SendError(response, 405, "method not allowed"); return; }
                SecurityHeaders(response);
                // The page exists only gzip-compressed; every browser accepts that. A client that
                // names its encodings without gzip gets told so instead of bytes it cannot read.
                string accepted = request.Header("Accept-Encoding");
                if (accepted != null && accepted.IndexOf("gzip") < 0 && accepted.IndexOf("*") < 0)
                {
                    SendError(response, 406, "the page is served gzip-compressed only; use a browser or curl --compressed");
                    return;
                }
                response.SetHeader("Cache-Control", "no-cache");
                response.SetHeader("Vary", "Accept-Encoding");
                response.SetHeader("Content-Encoding", "gzip");
                response.Begin(200, "text/html; charset=utf-8", Page.GzipBytes);
                for (int i = 0; i < Page.Pieces; i++)
                {
                    byte[] piece = Convert.FromBase64String(Page.Piece(i));
                    response.Write(piece, 0, piece.Length);
                }
                return;
            }

            int route = -1;
            bool pathKnown = false;
            for (int i = 0; i < _routeCount && route < 0; i++)
            {
                if (_paths[i] != path) continue;
                pathKnown = true;
                if (_methods[i] == method) route = i;
            }
            if (route < 0) { SendError(response, pathKnown ? 405 : 404, pathKnown ? "method not allowed" : "not found"); return; }

            if (IsStateChanging(method) && !SameOrigin(request))
            {
                _log.Warning("web", "cross-origin " + method + " " + path + " refused");
                SendError(response, 403, "cross-origin request refused");
                return;
            }

            WebRequestContext context = new WebRequestContext();
            context.Method = method;
            context.Path = path;
            context.Query = query;
            if (method == "POST" || method == "PUT")
            {
                string broken;
                context.Body = request.ReadBody(MaxBodyBytes, out broken);
                if (broken != null)
                {
                    _badRequests.Record("bad request " + method + " " + path + ": " + broken);
                    SendError(response, 400, broken);
                    return;
                }
                if (context.Body == null) { SendError(response, 413, "request body larger than " + MaxBodyBytes + " bytes"); return; }
            }
            // HTTP Basic is checked here, on the HTTP thread: its key derivation must not hold the core loop.
            string basic = _public[route] ? null : WebAuth.BasicPassword(request.Header("Authorization"));
            int basicResult = basic == null ? BasicNone : Auth.RetryAfterMs > 0 ? BasicLocked : Auth.Check(basic) ? BasicGood : BasicWrong;
            RouteCall call = new RouteCall(this, _routes[route], _public[route], context,
                                           request.Header("Cookie"), basicResult, request.Header("X-CSRF-Token"));
            IPreparedRoute prepared = _routes[route] as IPreparedRoute;
            if (prepared != null) prepared.Prepare(context);
            _core.Invoke(call);
            SecurityHeaders(response);
            response.SetHeader("Cache-Control", "no-store");
            if (context.SetCookie != null) response.SetHeader("Set-Cookie", context.SetCookie);
            if (context.RetryAfterS > 0) response.SetHeader("Retry-After", context.RetryAfterS.ToString());
            if (context.Download != null && call.Status == 200) response.SetHeader("Content-Disposition", "attachment; filename=\"" + context.Download + "\"");
            response.Send(call.Status, call.Status == 200 ? context.ContentType : "application/json", call.Json.Buffer, 0, call.Json.Length);
        }

        static void SecurityHeaders(IHttpResponse response)
        {
            response.SetHeader("X-Content-Type-Options", "nosniff");
            response.SetHeader("X-Frame-Options", "DENY");
            response.SetHeader("Referrer-Policy", "same-origin");
        }

        /// <summary>A browser names the page that sent a request in Origin (or Referer); it must be this box.</summary>
        static bool SameOrigin(IHttpRequest request)
        {
            string origin = request.Header("Origin");
            string referer = request.Header("Referer");
            if (origin == null && referer == null) return true;   // no browser page behind it (scripts)
            string source = origin != null && origin != "null" ? origin : referer;
            string host = request.Header("Host");
            if (source == null || host == null) return false;
            int scheme = source.IndexOf("://");
            if (scheme < 0) return false;
            string rest = source.Substring(scheme + 3);
            int slash = rest.IndexOf('/');
            if (slash >= 0) rest = rest.Substring(0, slash);
            return rest == host;
        }

        static void SendError(IHttpResponse response, int status, string message)
        {
            JsonWriter w = new JsonWriter(64, 1024);
            w.StartObject().Property("error", message).EndObject();
            response.Send(status, "application/json", w.Buffer, 0, w.Length);
        }

        /// <summary>Authentication and the route, together on the core thread.</summary>
        sealed class RouteCall : ICoreWork
        {
            readonly WebApp _app;
            readonly IRoute _route;
            readonly bool _public;
            readonly WebRequestContext _context;
            readonly string _cookie, _csrf;
            readonly int _basic;
            public readonly JsonWriter Json = new JsonWriter(512, 32768);
            public int Status = 500;

            public RouteCall(WebApp app, IRoute route, bool isPublic, WebRequestContext context, string cookie, int basic, string csrf)
            {
                _app = app; _route = route; _public = isPublic; _context = context;
                _cookie = cookie; _basic = basic; _csrf = csrf;
            }

            int Deny(int status, string message)
            {
                Json.Reset();
                Json.StartObject().Property("error", message).EndObject();
                return status;
            }

            int Authenticate()
            {
                WebAuth auth = _app.Auth;
                int session = auth.SessionOf(_cookie);
                if (session >= 0)
                {
                    if (IsStateChanging(_context.Method) && (_csrf == null || _csrf != auth.Csrf(session)))
                        return Deny(403, "missing or wrong X-CSRF-Token");
                    _context.Session = session;
                    return 0;
                }
                if (_basic == BasicLocked)
                {
                    _context.RetryAfterS = (int)(auth.RetryAfterMs / 1000) + 1;
                    return Deny(429, "too many wrong passwords, try again later");
                }
                if (_basic == BasicGood) return 0;
                return Deny(401, auth.NeedsSetup ? "set the admin password first" : "log in first");
            }

            public void Run()
            {
                try
                {
                    if (!_public)
                    {
                        int denied = Authenticate();
                        if (denied != 0) { Status = denied; return; }
                    }
                    else _context.Session = _app.Auth.SessionOf(_cookie);
                    Status = _route.Handle(_context, Json);
                }
                catch (JsonException e)
                {
                    Status = Deny(400, "bad JSON: " + e.Message);
                }
                catch (Exception e)
                {
                    Status = Deny(500, "internal error: " + Failure.Describe(e));
                }
            }
        }
    }
}
