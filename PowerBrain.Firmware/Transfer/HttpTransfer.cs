using System;
using System.Text;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Transfer
{
    /// <summary>One file over HTTP/1.1 (HTTPS when tls is given): uploaded with PUT (a 2xx status is success) or downloaded
    /// with GET (Connection: close, so the body ends with the connection). Blocking: for the
    /// transfer thread only.</summary>
    public sealed class HttpTransfer
    {
        const int TimeoutMs = 15000;
        readonly IBoard _board;

        public HttpTransfer(IBoard board) { _board = board; }

        /// <summary>Returns null, or why it failed.</summary>
        public string Put(TransferUrl url, TlsMaterial tls, byte[] data, int length)
        {
            ITcpConnection c = null;
            try
            {
                c = _board.ConnectTcp(url.Host, url.Port, TimeoutMs, tls);
                byte[] head = Request("PUT", url, "Content-Type: application/octet-stream\r\nContent-Length: " + length + "\r\n");
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
                string code = StatusCode(new string(Encoding.UTF8.GetChars(reply, 0, got)));
                if (code == null) return "HTTP upload to " + url.Host + ": no status line";
                return code.Substring(0, 1) == "2" ? null : "HTTP upload to " + url.Host + " answered " + code;
            }
            catch (Exception e) { return "HTTP upload to " + url.Host + ": " + Core.Failure.Describe(e); }
            finally { if (c != null) c.Close(); }
        }

        /// <summary>Passes the body of a 200 answer (at most maxBytes) to the sink; returns null, or
        /// why it failed.</summary>
        public string Get(TransferUrl url, TlsMaterial tls, Core.IByteSink sink, int maxBytes)
        {
            ITcpConnection c = null;
            try
            {
                c = _board.ConnectTcp(url.Host, url.Port, TimeoutMs, tls);
                byte[] request = Request("GET", url, "");
                c.Write(request, 0, request.Length);
                // The head first (it must fit the buffer), then the body straight to the sink.
                byte[] buffer = new byte[2048];
                int got = 0, body = -1;
                while (body < 0 && got < buffer.Length)
                {
                    int n = c.Read(buffer, got, buffer.Length - got);
                    if (n <= 0) break;
                    got += n;
                    body = HeaderEnd(buffer, got);
                }
                if (body < 0) return "HTTP download from " + url.Host + ": no complete answer head";
                string head = new string(Encoding.UTF8.GetChars(buffer, 0, body));
                string code = StatusCode(head);
                if (code != "200") return "HTTP download from " + url.Host + " answered " + (code == null ? "?" : code);
                if (head.ToLower().IndexOf("transfer-encoding: chunked") >= 0) return "HTTP download from " + url.Host + ": chunked answers are not supported";
                if (got - body > maxBytes) throw new Core.ReasonException("the file is larger than " + maxBytes + " bytes");
                if (got > body) sink.Write(buffer, body, got - body);
                Received.Pass(c, sink, maxBytes, buffer, got - body);
                return null;
            }
            catch (Exception e) { return "HTTP download from " + url.Host + ": " + Core.Failure.Describe(e); }
            finally { if (c != null) c.Close(); }
        }

        /// <summary>The request line and headers (Basic auth from the URL's user), ending the head.</summary>
        static byte[] Request(string method, TransferUrl url, string headers)
        {
            string auth = url.User == null ? "" : "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(url.User + ":" + url.Password)) + "\r\n";
            return Encoding.UTF8.GetBytes(method + " " + url.Path + " HTTP/1.1\r\nHost: " + url.Host + ":" + url.Port + "\r\n" + auth + headers + "Connection: close\r\n\r\n");
        }

        /// <summary>The three digits after the first space of "HTTP/1.1 201 Created", or null.</summary>
        static string StatusCode(string statusLine)
        {
            int space = statusLine.IndexOf(' ');
            return space < 0 || statusLine.Length < space + 4 ? null : statusLine.Substring(space + 1, 3);
        }

        /// <summary>Where the body starts (after the blank line) within the first length bytes, or -1.</summary>
        static int HeaderEnd(byte[] b, int length)
        {
            for (int i = 3; i < length; i++)
                if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') return i + 1;
            return -1;
        }
    }
}
