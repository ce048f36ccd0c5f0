using System.Collections;
using System.Threading;
using PowerBrain.Firmware;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Ocpp;

namespace PowerBrain.Tests.Support
{

    /// <summary>
    /// The backend on the scripted board's websocket, run by the test itself on the simulated
    /// clock: it answers every CALL the firmware sends (BootNotification, Authorize, Start and Stop
    /// of transactions, Heartbeat, the rest with {}), sends CALLs of its own and keeps what it saw.
    /// Only the link's connect runs on the link thread in real time; the simulated clock stands still
    /// meanwhile, so what a test sees never depends on how fast the runtime is.
    /// </summary>
    public sealed class ScriptedCsms
    {
        /// <summary>The board and firmware it talks to (the owner sets them again after a reboot).</summary>
        public ScriptedBoard Board;
        public Wallbox Box;
        /// <summary>Every frame in and out, when set.</summary>
        public LineSink Transcript;
        public string BootStatus = "Accepted";
        public int HeartbeatIntervalS = 300;
        /// <summary>The idTagInfo status for Authorize and StartTransaction.</summary>
        public string TagStatus = "Accepted";
        /// <summary>The parentIdTag in every idTagInfo, when set.</summary>
        public string ParentIdTag;
        public int NextTransactionId = 101;
        /// <summary>The last CALLRESULT or CALLERROR the firmware sent to one of our CALLs.</summary>
        public string LastReply;
        /// <summary>CALLs of this action get no answer (a backend that lost them).</summary>
        public string Ignore;
        /// <summary>Keeps every CALL frame for <see cref="CallFrame"/> (off by default: the heap
        /// figures of the scenario and the device bench must not count a growing transcript).</summary>
        public bool KeepCalls;
        readonly ArrayList _actions = new ArrayList();
        readonly ArrayList _calls = new ArrayList();
        int _callId;

        public ScriptedCsms(ScriptedBoard board, Wallbox box)
        {
            Board = board;
            Box = box;
        }

        void Say(string line) { if (Transcript != null) Transcript(line); }

        /// <summary>How many CALLs of this action the firmware has sent.</summary>
        /// <summary>Every frame the firmware has sent: CALLs and answers.</summary>
        public int Frames;

        public int Count(string action)
        {
            int n = 0;
            for (int i = 0; i < _actions.Count; i++) if ((string)_actions[i] == action) n++;
            return n;
        }

        /// <summary>Runs the first 200 ms (the OCPP timer asks the link to connect), waits in real
        /// time with the simulated clock standing still until the link thread has connected and the
        /// core has taken the news, then runs until the firmware's first frame and answers it.</summary>
        public bool Connect()
        {
            for (int step = 0; step < 20; step++)
            {
                Board.SimClock.Advance(10);
                Box.Core.RunPending();
            }
            for (int i = 0; i < 3000 && !Box.OcppClient.Online; i++)
            {
                Thread.Sleep(10);
                Box.Core.RunPending();
            }
            for (int step = 0; step < 100; step++)
            {
                string frame = Board.Socket.NextSent();
                if (frame != null)
                {
                    Say("websocket " + Board.Socket.Url + ", authorization sent: " + (Board.Socket.Authorization != null ? "yes" : "no"));
                    Answer(frame);
                    Box.Core.RunPending();
                    Drain();
                    return true;
                }
                Board.Step(10);
                Box.Core.RunPending();
            }
            Say("no frame from the firmware");
            return false;
        }

        /// <summary>After the link went down: runs simulated time until the firmware tries again,
        /// then waits in real time for the link thread, and answers what comes.</summary>
        public bool Reconnect(int maxSeconds)
        {
            // Simulated time runs only while no attempt is under way; an attempt (which may still
            // fail, for one begun while the backend was away) is waited for in real time.
            int steps = 0, waits = 0;
            while (!Box.OcppClient.Online && steps < maxSeconds * 100 && waits < 3000)
            {
                if (Box.OcppClient.Connection.State == OcppStatus.LinkConnecting)
                {
                    Thread.Sleep(10);
                    waits++;
                }
                else
                {
                    Board.Step(10);
                    steps++;
                }
                Box.Core.RunPending();
            }
            Drain();
            return Box.OcppClient.Online;
        }

        /// <summary>The actions of the CALLs the firmware sent from the index-th on, comma-separated.</summary>
        public string Actions(int from)
        {
            string all = "";
            for (int i = from; i < _actions.Count; i++) all += (all.Length > 0 ? "," : "") + (string)_actions[i];
            return all;
        }

        /// <summary>How many CALLs the firmware has sent.</summary>
        public int CallCount { get { return _actions.Count; } }

        /// <summary>The index-th CALL frame the firmware sent (null unless KeepCalls was set).</summary>
        public string CallFrame(int index) { return (string)_calls[index]; }

        /// <summary>Runs the box for seconds of simulated time in 10 ms steps, answering every frame it sends.</summary>
        public void Run(int seconds)
        {
            for (int step = 0; step < seconds * 100; step++)
            {
                Board.Step(10);
                Box.Core.RunPending();
                Drain();
            }
        }

        /// <summary>Answers whatever the firmware has sent so far.</summary>
        public void Drain()
        {
            while (true)
            {
                string frame = Board.Socket.NextSent();
                if (frame == null) return;
                Answer(frame);
                Box.Core.RunPending();
            }
        }

        void Answer(string frame)
        {
            Say("→ " + frame);
            Frames++;
            JsonReader r = new JsonReader();
            r.Reset(frame);
            r.Read(); r.Read();
            int type = r.GetInt32();
            if (type != 2)
            {
                LastReply = frame;
                return;
            }
            r.Read();
            string id = r.GetString();
            r.Read();
            string action = r.GetString();
            _actions.Add(action);
            _calls.Add(KeepCalls ? frame : null);
            if (action == Ignore) return;
            string now = "\"" + Firmware.Core.Iso8601.Format(Board.SimClock.UtcNow) + "\"";
            string tagInfo = "{\"status\":\"" + TagStatus + "\"" + (TagStatus == "Accepted" ? ",\"expiryDate\":\"9999-12-31T23:59:59Z\"" : "")
                             + (ParentIdTag != null ? ",\"parentIdTag\":\"" + ParentIdTag + "\"" : "") + "}";
            string reply;
            if (action == "BootNotification") reply = "{\"status\":\"" + BootStatus + "\",\"currentTime\":" + now + ",\"interval\":" + HeartbeatIntervalS + "}";
            else if (action == "Authorize") reply = "{\"idTagInfo\":" + tagInfo + "}";
            else if (action == "StartTransaction") reply = "{\"transactionId\":" + (NextTransactionId++) + ",\"idTagInfo\":" + tagInfo + "}";
            else if (action == "StopTransaction") reply = "{\"idTagInfo\":{\"status\":\"Accepted\"}}";
            else if (action == "Heartbeat") reply = "{\"currentTime\":" + now + "}";
            else reply = "{}";
            string answer = "[3,\"" + id + "\"," + reply + "]";
            Say("← " + answer);
            Board.Socket.Deliver(answer);
        }

        /// <summary>Any text as a frame from the backend; returns the firmware's answer, or null.</summary>
        public string Raw(string frame)
        {
            LastReply = null;
            Say("← " + frame);
            Board.Socket.Deliver(frame);
            Box.Core.RunPending();
            Drain();
            return LastReply;
        }

        /// <summary>A CALL from the backend; the firmware's answer is in <see cref="LastReply"/>.</summary>
        public string Call(string action, string payload)
        {
            LastReply = null;
            string frame = "[2,\"cs-" + (++_callId) + "\",\"" + action + "\"," + payload + "]";
            Say("← " + frame);
            Board.Socket.Deliver(frame);
            Box.Core.RunPending();
            Drain();
            return LastReply;
        }
    }
}
