using System;
using System.Text;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Transfer
{
    /// <summary>Downloads one file with an HTTP/1.1 GET (Connection: close, so the body ends with the
    /// connection). Blocking: for the transfer thread only.</summary>
    public sealed class HttpDownload
    {
        const int TimeoutMs = 15000;
        readonly IBoard _board;

        public HttpDownload(IBoard board) { _board = board; }

        /// <summary>The body of a 200 answer, or null with the reason in error.</summary>
        public byte[] Get(TransferUrl url, int maxBytes, out string error)
        {
            error = null;
            if (url.Scheme == "https") { error = "https downloads are not supported yet; use http or ftp"; return null; }
            ITcpConnection c = null;
            try
            {
                c = _board.ConnectTcp(url.Host, url.Port, TimeoutMs);
                string auth = url.User == null ? "" : "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(url.User + ":" + url.Password)) + "\r\n";
                byte[] request = Encoding.UTF8.GetBytes("GET " + url.Path + " HTTP/1.1\r\nHost: " + url.Host + ":" + url.Port + "\r\n" + auth + "Connection: close\r\n\r\n");
                c.Write(request, 0, request.Length);
                byte[] all = Received.ReadAll(c, maxBytes + 4096);
                int body = HeaderEnd(all);
                if (body < 0) { error = "HTTP download from " + url.Host + ": no complete answer"; return null; }
                string head = new string(Encoding.UTF8.GetChars(all, 0, body));
                int space = head.IndexOf(' ');
                string code = space < 0 || head.Length < space + 4 ? "?" : head.Substring(space + 1, 3);
                if (code != "200") { error = "HTTP download from " + url.Host + " answered " + code; return null; }
                if (head.ToLower().IndexOf("transfer-encoding: chunked") >= 0) { error = "HTTP download from " + url.Host + ": chunked answers are not supported"; return null; }
                byte[] data = new byte[all.Length - body];
                Array.Copy(all, body, data, 0, data.Length);
                return data;
            }
            catch (Exception e)
            {
                error = "HTTP download from " + url.Host + ": " + Core.Failure.Describe(e);
                return null;
            }
            finally { if (c != null) c.Close(); }
        }

        /// <summary>Where the body starts (after the blank line), or -1.</summary>
        static int HeaderEnd(byte[] b)
        {
            for (int i = 3; i < b.Length; i++)
                if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') return i + 1;
            return -1;
        }
    }
}
