using System;
using System.Text;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Transfer
{
    /// <summary>Uploads one file with an HTTP/1.1 PUT to the location (a 2xx status is success).
    /// Blocking: for the transfer thread only.</summary>
    public sealed class HttpUpload
    {
        const int TimeoutMs = 15000;
        readonly IBoard _board;

        public HttpUpload(IBoard board) { _board = board; }

        /// <summary>Returns null, or why it failed.</summary>
        public string Put(TransferUrl url, byte[] data, int length)
        {
            if (url.Scheme == "https") return "https uploads are not supported yet; use http or ftp";
            ITcpConnection c = null;
            try
            {
                c = _board.ConnectTcp(url.Host, url.Port, TimeoutMs);
                string auth = url.User == null ? "" : "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(url.User + ":" + url.Password)) + "\r\n";
                byte[] head = Encoding.UTF8.GetBytes("PUT " + url.Path + " HTTP/1.1\r\nHost: " + url.Host + ":" + url.Port + "\r\n" + auth +
                                                     "Content-Type: application/octet-stream\r\nContent-Length: " + length + "\r\nConnection: close\r\n\r\n");
                c.Write(head, 0, head.Length);
                c.Write(data, 0, length);
                byte[] reply = new byte[64];
                int got = 0;
                while (got < 12)
                {
                    int n = c.Read(reply, got, reply.Length - got);
                    if (n <= 0) break;
                    got += n;
                }
                string status = new string(Encoding.UTF8.GetChars(reply, 0, got));
                // "HTTP/1.1 201 Created": the status code follows the first space.
                int space = status.IndexOf(' ');
                if (space < 0 || status.Length < space + 4) return "HTTP upload to " + url.Host + ": no status line";
                char first = status.Substring(space + 1, 1)[0];
                return first == '2' ? null : "HTTP upload to " + url.Host + " answered " + status.Substring(space + 1, 3);
            }
            catch (Exception e) { return "HTTP upload to " + url.Host + ": " + Core.Failure.Describe(e); }
            finally { if (c != null) c.Close(); }
        }
    }
}
