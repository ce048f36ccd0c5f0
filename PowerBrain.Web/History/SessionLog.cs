using System.Text;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Ocpp;

namespace PowerBrain.Firmware.History
{
    /// <summary>
    /// The owner's record of charging sessions, with OCPP on or off. A session runs from plug-in to
    /// unplug; it carries the OCPP transaction that ran in it, if any. The last <see cref="MaxSessions"/>
    /// closed sessions are kept on flash as CSV lines (the download is that file); the running one
    /// is kept in a blob of its own, so a power cut leaves it there and the next start closes it
    /// with reason PowerLoss. Polled on the core loop.
    /// </summary>
    public sealed class SessionLog : ICoreWork
    {
        public const int MaxSessions = 50;
        public const int PollMs = 1000;
        public const string LogBlob = "sessions.csv";
        public const string OpenBlob = "session-open.csv";
        /// <summary>The CSV header; a row holds these fields.</summary>
        public const string Header = "start,end,energyWh,idTag,stopReason,ocppTransactionId,backendReceived";

        readonly Wallbox _box;
        readonly IStorage _storage;
        // The running session: null when none.
        string _start;
        long _startWh;
        int _txLocal = -1;
        // The backend's number for it, once known (the store forgets it when everything is answered).
        int _txId = -1;
        string _idTag = "";
        int _plugIns = -1;

        public SessionLog(Wallbox box)
        {
            _box = box;
            _storage = box.Board.Storage;
            box.BeforeReboot(new CloseOnReboot(this));
            byte[] open = _storage.Read(OpenBlob);
            if (open != null)
            {
                // Written at plug-in: the box went down during the session.
                string[] f = Fields(Encoding.UTF8.GetString(open, 0, open.Length));
                long wh;
                if (f != null && long.TryParse(f[2], out wh))
                {
                    _start = f[0];
                    _startWh = wh;
                    _idTag = f[3];
                    int number;
                    _txLocal = int.TryParse(f[5], out number) ? number : -1;
                    _txId = int.TryParse(f[6], out number) ? number : -1;
                    Close("PowerLoss");
                }
                else
                {
                    box.Log.Warning("history", "the running session's record is unreadable; dropped");
                    _storage.Delete(OpenBlob);
                }
            }
        }

        public bool Running { get { return _start != null; } }

        /// <summary>A restart on purpose (OCPP Reset, the page) ends the running session with the
        /// transaction's reason (SoftReset, HardReset) or Reboot; only a power cut leaves PowerLoss.</summary>
        sealed class CloseOnReboot : ICoreWork
        {
            readonly SessionLog _log;
            public CloseOnReboot(SessionLog log) { _log = log; }

            public void Run()
            {
                if (_log._start == null) return;
                Transactions ocpp = _log._box.OcppClient.Transactions;
                string reason = _log.EndReason(ocpp);
                _log.Close(reason == "EVDisconnected" ? "Reboot" : reason);
            }
        }

        public void Run()
        {
            bool plugged = _box.Status.Plugged;
            Transactions ocpp = _box.OcppClient.Transactions;
            int plugIns = _box.Status.PlugIns;
            bool cameBack = _plugIns >= 0 && plugIns != _plugIns;
            _plugIns = plugIns;
            if (cameBack && _start != null) Close(EndReason(ocpp));   // unplugged and plugged in since the last look
            if (plugged && _start == null)
            {
                _start = Iso8601.Format(_box.Board.Clock.UtcNow);
                _startWh = _box.Energy.Wh;
                _txLocal = -1;
                _txId = -1;
                _idTag = "";
                SaveOpen();
            }
            if (_start == null) return;
            TxRecord tx = ocpp.Current;
            if (tx != null && tx.Local != _txLocal)
            {
                _txLocal = tx.Local;
                _txId = -1;
                _idTag = Clean(tx.IdTag);
                SaveOpen();
            }
            if (_txLocal >= 0 && _txId < 0)
            {
                int id = ocpp.Store.ServerId(_txLocal);
                if (id >= 0)
                {
                    _txId = id;
                    SaveOpen();
                }
            }
            if (!plugged) Close(EndReason(ocpp));
        }

        /// <summary>The OCPP stop reason of the session's transaction, else the unplug.</summary>
        string EndReason(Transactions ocpp)
        {
            return _txLocal >= 0 && ocpp.LastStoppedLocal == _txLocal ? ocpp.LastStopReason : "EVDisconnected";
        }

        /// <summary>Energy of the running session so far, in Wh; 0 when none runs.</summary>
        public long RunningWh { get { return _start == null ? 0 : _box.Energy.Wh - _startWh; } }

        public string RunningStart { get { return _start; } }

        void Close(string reason)
        {
            long wh = _box.Energy.Wh - _startWh;
            string line = _start + "," + Iso8601.Format(_box.Board.Clock.UtcNow) + "," + (wh < 0 ? 0 : wh) + "," + _idTag + "," + reason + "," + Number(_txLocal) + "," + Number(_txId);
            byte[] old = _storage.Read(LogBlob);
            int from = 0;
            if (old != null)
            {
                // Keep the newest MaxSessions - 1 lines, then add this one.
                int lines = 0;
                for (int i = 0; i < old.Length; i++) if (old[i] == (byte)'\n') lines++;
                for (; lines >= MaxSessions && from < old.Length; lines--)
                {
                    while (from < old.Length && old[from] != (byte)'\n') from++;
                    from++;
                }
            }
            byte[] added = Encoding.UTF8.GetBytes(line + "\n");
            int keep = old == null || from > old.Length ? 0 : old.Length - from;
            byte[] all = new byte[keep + added.Length];
            if (keep > 0) System.Array.Copy(old, from, all, 0, keep);
            System.Array.Copy(added, 0, all, keep, added.Length);
            _storage.Write(LogBlob, all, 0, all.Length);
            _storage.Delete(OpenBlob);
            _box.Log.Info("history", "session " + _start + " closed (" + reason + "), " + wh + " Wh");
            _start = null;
        }

        static string Number(int n) { return n < 0 ? "" : n.ToString(); }

        void SaveOpen()
        {
            byte[] b = Encoding.UTF8.GetBytes(_start + ",," + _startWh + "," + _idTag + ",," + Number(_txLocal) + "," + Number(_txId));
            _storage.Write(OpenBlob, b, 0, b.Length);
        }

        /// <summary>The stored lines of closed sessions, oldest first (a copy of the blob, or null).</summary>
        public string[] Closed()
        {
            byte[] b = _storage.Read(LogBlob);
            if (b == null) return new string[0];
            string text = Encoding.UTF8.GetString(b, 0, b.Length);
            int count = 0;
            for (int i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1)) count++;
            string[] lines = StringArrays.New(count);
            int start = 0;
            for (int n = 0; n < count; n++)
            {
                int end = text.IndexOf('\n', start);
                lines[n] = text.Substring(start, end - start);
                start = end + 1;
            }
            return lines;
        }

        public const int FieldCount = 7;

        /// <summary>The fields of a stored line: start, end, energyWh, idTag, stopReason, local
        /// transaction, the backend's transaction id; null when it does not have seven.</summary>
        public static string[] Fields(string line)
        {
            string[] f = StringArrays.New(FieldCount);
            int start = 0;
            for (int i = 0; i < FieldCount; i++)
            {
                int comma = i == FieldCount - 1 ? -1 : line.IndexOf(',', start);
                if (i < FieldCount - 1 && comma < 0) return null;
                f[i] = comma < 0 ? line.Substring(start) : line.Substring(start, comma - start);
                start = comma + 1;
            }
            return f;
        }

        /// <summary>The backend's transaction id of a stored line's fields: a number, "" when OCPP
        /// had none, "?" while the backend has not given one yet.</summary>
        public string TransactionId(string[] fields)
        {
            if (fields[6].Length > 0) return fields[6];
            int l;
            if (fields[5].Length == 0 || !int.TryParse(fields[5], out l)) return "";
            int id = _box.OcppClient.Transactions.Store.ServerId(l);
            return id >= 0 ? id.ToString() : "?";
        }

        /// <summary>"yes" once every message of the transaction has been answered, "no" while some
        /// wait in the queue, "" without a transaction.</summary>
        public string BackendReceived(string[] fields)
        {
            int l;
            if (fields[5].Length == 0 || !int.TryParse(fields[5], out l)) return "";
            TransactionStore store = _box.OcppClient.Transactions.Store;
            return store.HasQueued(l) || (store.Current != null && store.Current.Local == l) ? "no" : "yes";
        }

        /// <summary>A tag as one CSV field: separators and quotes become '_'.</summary>
        static string Clean(string tag)
        {
            if (tag == null) return "";
            if (tag.IndexOf(',') < 0 && tag.IndexOf('"') < 0 && tag.IndexOf('\n') < 0 && tag.IndexOf('\r') < 0) return tag;
            char[] c = tag.ToCharArray();
            for (int i = 0; i < c.Length; i++) if (c[i] == ',' || c[i] == '"' || c[i] == '\n' || c[i] == '\r') c[i] = '_';
            return new string(c);
        }
    }
}
