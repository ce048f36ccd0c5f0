using System.Collections;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Web
{
    /// <summary>The login side of the API: session state, first-run setup, login, logout, password change.</summary>
    public sealed class AuthRoutes
    {
        readonly WebAuth _auth;

        public AuthRoutes(WebAuth auth) { _auth = auth; }

        public void AddTo(WebApp app)
        {
            app.AddPublic("GET", "/api/session", new SessionRoute(this));
            app.AddPublic("POST", "/api/setup", new SetupRoute(this));
            app.AddPublic("POST", "/api/login", new LoginRoute(this));
            app.Add("POST", "/api/logout", new LogoutRoute(this));
            app.Add("POST", "/api/password", new PasswordRoute(this));
        }

        string Cookie(int slot)
        {
            return WebAuth.CookieName + "=" + _auth.Token(slot) + "; Path=/; HttpOnly; SameSite=Strict";
        }

        int LoggedIn(WebRequestContext c, JsonWriter json, int slot)
        {
            c.SetCookie = Cookie(slot);
            json.StartObject().Property("loggedIn", true).Property("csrf", _auth.Csrf(slot)).EndObject();
            return 200;
        }

        /// <summary>A text field of the JSON body, or null (a broken body is told by Handle's parse).</summary>
        static string Field(WebRequestContext c, string name)
        {
            try { return BodyReader.Object(c.Body)[name] as string; }
            catch (System.Exception) { return null; }
        }

        static int Error(JsonWriter json, int status, string message)
        {
            json.StartObject().Property("error", message).EndObject();
            return status;
        }

        sealed class SessionRoute : IRoute
        {
            readonly AuthRoutes _r;
            public SessionRoute(AuthRoutes r) { _r = r; }

            public int Handle(WebRequestContext c, JsonWriter json)
            {
                if (c.Session >= 0) return _r.LoggedIn(c, json, c.Session);
                json.StartObject().Property("setup", _r._auth.NeedsSetup).Property("loggedIn", false).EndObject();
                return 200;
            }
        }

        // The password work of these three routes runs in Prepare, on the HTTP thread.
        sealed class SetupRoute : IPreparedRoute
        {
            readonly AuthRoutes _r;
            public SetupRoute(AuthRoutes r) { _r = r; }

            public void Prepare(WebRequestContext c)
            {
                if (_r._auth.NeedsSetup) c.NewPassword = _r._auth.Prepare(Field(c, "password"));
            }

            public int Handle(WebRequestContext c, JsonWriter json)
            {
                BodyReader.Object(c.Body);   // a broken body is told as such (400)
                if (!_r._auth.NeedsSetup) return Error(json, 409, "the admin password is already set");
                string error = _r._auth.SetPassword(c.NewPassword);
                if (error != null) return Error(json, 400, error);
                return _r.LoggedIn(c, json, _r._auth.StartSession());
            }
        }

        sealed class LoginRoute : IPreparedRoute
        {
            readonly AuthRoutes _r;
            public LoginRoute(AuthRoutes r) { _r = r; }

            public void Prepare(WebRequestContext c) { c.PasswordVerdict = _r._auth.Verdict(Field(c, "password")); }

            public int Handle(WebRequestContext c, JsonWriter json)
            {
                WebAuth auth = _r._auth;
                BodyReader.Object(c.Body);
                if (auth.NeedsSetup) return Error(json, 409, "set the admin password first");
                if (c.PasswordVerdict == WebAuth.NotChecked && auth.RetryAfterMs > 0)
                {
                    c.RetryAfterS = (int)(auth.RetryAfterMs / 1000) + 1;
                    return Error(json, 429, "too many wrong passwords, try again in " + c.RetryAfterS + " s");
                }
                if (c.PasswordVerdict != WebAuth.Good) return Error(json, 401, "wrong password");
                return _r.LoggedIn(c, json, auth.StartSession());
            }
        }

        sealed class LogoutRoute : IRoute
        {
            readonly AuthRoutes _r;
            public LogoutRoute(AuthRoutes r) { _r = r; }

            public int Handle(WebRequestContext c, JsonWriter json)
            {
                _r._auth.EndSession(c.Session);
                c.SetCookie = WebAuth.CookieName + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
                json.StartObject().Property("loggedIn", false).EndObject();
                return 200;
            }
        }

        sealed class PasswordRoute : IPreparedRoute
        {
            readonly AuthRoutes _r;
            public PasswordRoute(AuthRoutes r) { _r = r; }

            public void Prepare(WebRequestContext c)
            {
                c.PasswordVerdict = _r._auth.Verdict(Field(c, "current"));
                if (c.PasswordVerdict == WebAuth.Good) c.NewPassword = _r._auth.Prepare(Field(c, "password"));
            }

            public int Handle(WebRequestContext c, JsonWriter json)
            {
                BodyReader.Object(c.Body);
                if (c.PasswordVerdict != WebAuth.Good) return Error(json, 403, "the current password is wrong");
                string error = _r._auth.SetPassword(c.NewPassword);
                if (error != null) return Error(json, 400, error);
                return _r.LoggedIn(c, json, _r._auth.StartSession());
            }
        }
    }
}
