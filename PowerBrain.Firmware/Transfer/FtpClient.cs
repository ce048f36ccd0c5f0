using System;
using System.Text;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Transfer
{
    /// <summary>
    /// Stores and fetches one file over FTP in passive mode (RFC 959): the control connection logs
    /// in (anonymous without a user), switches to binary, asks for a data port with PASV and sends
    /// or receives the file over it. Blocking: for the transfer thread only.
    /// </summary>
    public sealed class FtpClient
    {
        const int TimeoutMs = 15000;
        readonly IBoard _board;
        readonly byte[] _in = new byte[512];
        ITcpConnection _control;
        string _pending = "";

        public FtpClient(IBoard board) { _board = board; }

        /// <summary>Uploads; returns null, or why it failed.</summary>
        public string Store(TransferUrl url, byte[] data, int length)
        {
            try
            {
                ITcpConnection transfer = Open(url);
                try
                {
                    Expect(Command("STOR " + url.Path.Substring(1)), 1, "STOR");
                    transfer.Write(data, 0, length);
                }
                finally { transfer.Close(); }
                Expect(Reply(), 2, "the end of STOR");
                Quit();
                return null;
            }
            catch (Exception e) { Abort(); return "FTP upload to " + url.Host + ": " + Core.Failure.Describe(e); }
        }

        /// <summary>Downloads at most maxBytes into the sink; returns null, or why it failed.</summary>
        public string Retrieve(TransferUrl url, Core.IByteSink sink, int maxBytes)
        {
            try
            {
                ITcpConnection transfer = Open(url);
                try
                {
                    Expect(Command("RETR " + url.Path.Substring(1)), 1, "RETR");
                    Received.Pass(transfer, sink, maxBytes, new byte[1024], 0);
                }
                finally { transfer.Close(); }
                Expect(Reply(), 2, "the end of RETR");
                Quit();
                return null;
            }
            catch (Exception e)
            {
                Abort();
                return "FTP download from " + url.Host + ": " + Core.Failure.Describe(e);
            }
        }

        ITcpConnection Open(TransferUrl url)
        {
            _control = _board.ConnectTcp(url.Host, url.Port, TimeoutMs, null);
            _pending = "";
            Expect(Reply(), 2, "the greeting");
            string user = url.User != null && url.User.Length > 0 ? url.User : "anonymous";
            string reply = Command("USER " + user);
            if (reply[0] == '3') reply = Command("PASS " + (url.Password != null && url.Password.Length > 0 ? url.Password : "powerbrain@"));
            Expect(reply, 2, "the login");
            Expect(Command("TYPE I"), 2, "TYPE I");
            string pasv = Command("PASV");
            Expect(pasv, 2, "PASV");
            // 227 Entering Passive Mode (h1,h2,h3,h4,p1,p2): the data port is p1*256+p2 on the same host.
            int open = pasv.IndexOf('('), close = pasv.IndexOf(')');
            if (open < 0 || close < open) throw new Core.ReasonException("no address in the PASV answer: " + pasv);
            string[] parts = pasv.Substring(open + 1, close - open - 1).Split(',');
            if (parts.Length != 6) throw new Core.ReasonException("no address in the PASV answer: " + pasv);
            int p1, p2;
            if (!Config.Settings.TryParseInt(parts[4].Trim(), out p1) || !Config.Settings.TryParseInt(parts[5].Trim(), out p2))
                throw new Core.ReasonException("no port in the PASV answer: " + pasv);
            return _board.ConnectTcp(url.Host, p1 * 256 + p2, TimeoutMs, null);
        }

        void Quit()
        {
            try { Command("QUIT"); } catch (Exception) { }
            Abort();
        }

        void Abort()
        {
            if (_control != null) _control.Close();
            _control = null;
        }

        static void Expect(string reply, int digit, string what)
        {
            if (reply.Length < 3 || reply[0] != (char)('0' + digit)) throw new Core.ReasonException(what + " was answered " + reply);
        }

        string Command(string line)
        {
            byte[] b = Encoding.UTF8.GetBytes(line + "\r\n");
            _control.Write(b, 0, b.Length);
            return Reply();
        }

        /// <summary>The next reply: its last line ("123 text"), after any "123-" continuation lines.</summary>
        string Reply()
        {
            while (true)
            {
                string line = NextLine();
                if (IsLastLine(line)) return line;
            }
        }

        /// <summary>"123 text" or "123" ends a reply; "123-text" continues it.</summary>
        static bool IsLastLine(string line)
        {
            if (line.Length == 3) return true;
            return line.Length >= 4 && line.Substring(3, 1) == " " && line.Substring(0, 1).CompareTo("1") >= 0 && line.Substring(0, 1).CompareTo("5") <= 0;
        }

        string NextLine()
        {
            while (true)
            {
                int end = _pending.IndexOf('\n');
                if (end >= 0)
                {
                    string line = _pending.Substring(0, end).TrimEnd('\r');
                    _pending = _pending.Substring(end + 1);
                    return line;
                }
                int n = _control.Read(_in, 0, _in.Length);
                if (n <= 0) throw new Core.ReasonException("the server closed the control connection");
                _pending += new string(Encoding.UTF8.GetChars(_in, 0, n));
                if (_pending.Length > 4096) throw new Core.ReasonException("an FTP reply line longer than 4 KB");
            }
        }
    }
}
