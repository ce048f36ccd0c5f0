namespace PowerBrain.Firmware.Transfer
{
    /// <summary>A file location as OCPP gives it: scheme://[user[:password]@]host[:port]/path.</summary>
    public sealed class TransferUrl
    {
        public string Scheme, User, Password, Host, Path;
        public int Port;

        /// <summary>The URL with any user:password@ part replaced by "***@" (for logs and files).</summary>
        public static string WithoutPassword(string url)
        {
            int scheme = url.IndexOf("://");
            if (scheme < 0) return url;
            int at = url.IndexOf('@', scheme + 3);
            int slash = url.IndexOf('/', scheme + 3);
            if (at < 0 || (slash >= 0 && at > slash)) return url;
            return url.Substring(0, scheme + 3) + "***" + url.Substring(at);
        }

        /// <summary>Parses a location; null when it is not one (the reason in error).</summary>
        public static TransferUrl Parse(string url, out string error)
        {
            error = null;
            int colon = url == null ? -1 : url.IndexOf("://");
            if (colon <= 0) { error = "not a URL: " + url; return null; }
            TransferUrl u = new TransferUrl();
            u.Scheme = url.Substring(0, colon).ToLower();
            if (u.Scheme == "ftp") u.Port = 21;
            else if (u.Scheme == "http") u.Port = 80;
            else if (u.Scheme == "https") u.Port = 443;
            else { error = "unsupported scheme " + u.Scheme + " (ftp, http and https are)"; return null; }
            string rest = url.Substring(colon + 3);
            int slash = rest.IndexOf('/');
            string authority = slash < 0 ? rest : rest.Substring(0, slash);
            u.Path = slash < 0 ? "/" : rest.Substring(slash);
            int at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                string credentials = authority.Substring(0, at);
                authority = authority.Substring(at + 1);
                int c = credentials.IndexOf(':');
                u.User = c < 0 ? credentials : credentials.Substring(0, c);
                u.Password = c < 0 ? "" : credentials.Substring(c + 1);
            }
            int portAt = authority.LastIndexOf(':');
            if (portAt >= 0)
            {
                int port;
                if (!Config.Settings.TryParseInt(authority.Substring(portAt + 1), out port) || port < 1 || port > 65535) { error = "bad port in " + url; return null; }
                u.Port = port;
                authority = authority.Substring(0, portAt);
            }
            if (authority.Length == 0) { error = "no host in " + url; return null; }
            u.Host = authority;
            return u;
        }
    }
}
