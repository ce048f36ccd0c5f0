using System;
using System.Collections;
using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>Where the message layer's frames go: the connection.</summary>
    public interface IFrameSender
    {
        bool Online { get; }

        bool Send(byte[] utf8, int count);
    }

    /// <summary>OCPP-J's first rule: nothing but BootNotification before the backend accepted us,
    /// and no answer at all while a Rejected boot's interval runs. The heartbeat fills silence.</summary>
    public interface IBootGate
    {
        bool Accepted { get; }

        bool Silent { get; }

        /// <summary>The BootNotification to send now, or null.</summary>
        IOcppCall BootDue(long nowMs);

        /// <summary>The Heartbeat to send now that nothing went out since lastSentMs, or null.</summary>
        IOcppCall HeartbeatDue(long nowMs, long lastSentMs);
    }

    /// <summary>Messages that go before any other call once accepted (the transaction queue).</summary>
    public interface IOutbox
    {
        IOcppCall Next(long nowMs);
    }

    /// <summary>Runs work once the answer to the CALL being handled has gone out.</summary>
    public interface IAfterReply
    {
        void RunAfterReply(ICoreWork work);
    }

    /// <summary>
    /// The OCPP-J message layer on the core thread: framing of CALL, CALLRESULT and CALLERROR, the
    /// table of incoming actions, reply matching with one CALL outstanding and MessageTimeout, and
    /// the order of what goes out (boot gate, transactions, other calls, heartbeat).
    /// </summary>
    public sealed class OcppRpc : IAfterReply
    {
        /// <summary>The error code a call sees when the link went down before its answer.</summary>
        public const string Disconnected = "Disconnected";
        const int MaxPendingCalls = 16;

        /// <summary>Actions of OCPP 1.6 that this charge point knows but does not support.</summary>
        static readonly string[] KnownUnsupported = new string[]
        {
            "CertificateSigned",
        };

        readonly IFrameSender _link;
        readonly IBootGate _gate;
        readonly ConfigKeys _keys;
        readonly IClock _clock;
        readonly Logger _log;
        readonly IRestart _restart;
        readonly string _idPrefix;
        // The incoming actions and their handlers: a few dozen, looked up once per CALL.
        const int MaxHandlers = 40;
        readonly string[] _actions = StringArrays.New(MaxHandlers);
        readonly IOcppHandler[] _handlers = new IOcppHandler[MaxHandlers];
        int _handlerCount;
        readonly ArrayList _pending = new ArrayList();
        readonly JsonWriter _out = new JsonWriter(1024, OcppLink.MaxMessageBytes);
        readonly JsonReader _in = new JsonReader();
        int _messageSeq;
        long _lastSentMs;
        bool _handlingIncoming;
        ICoreWork _afterReply;

        /// <summary>The last frames in and out, for the diagnostics file.</summary>
        public readonly FrameLog Frames = new FrameLog();

        /// <summary>The transaction queue, asked first once accepted.</summary>
        public IOutbox Transactions;

        // The one outstanding CALL.
        IOcppCall _outstanding;
        bool _outstandingFromOutbox;
        string _outstandingId;
        long _outstandingSinceMs;

        /// <param name="idPrefix">Makes message ids unique over restarts (the boot count).</param>
        public OcppRpc(IFrameSender link, IBootGate gate, ConfigKeys keys, IClock clock, Logger log, IRestart restart, string idPrefix)
        {
            _link = link;
            _gate = gate;
            _keys = keys;
            _clock = clock;
            _log = log;
            _restart = restart;
            _idPrefix = idPrefix;
        }

        /// <summary>Adds an incoming action to the table.</summary>
        public void Register(string action, IOcppHandler handler)
        {
            int i = Catalogue.IndexOf(_actions, action);
            if (i < 0)
            {
                if (_handlerCount == MaxHandlers) throw new InvalidOperationException("too many OCPP actions");
                i = _handlerCount++;
                _actions[i] = action;
            }
            _handlers[i] = handler;
        }

        /// <summary>A transaction message is on the wire and its answer has not come yet.</summary>
        public bool AwaitingTransactionAnswer { get { return _outstanding != null && _outstandingFromOutbox && _link.Online; } }

        /// <summary>The reply written by <see cref="HandleIncoming"/>.</summary>
        public byte[] ReplyBuffer { get { return _out.Buffer; } }

        // ---- sending --------------------------------------------------------------------------------

        /// <summary>Queues a CALL that is not part of a transaction (dropped when offline).</summary>
        public void Enqueue(IOcppCall call)
        {
            if (_pending.Count >= MaxPendingCalls) { _log.Warning("ocpp", call.Action + " dropped: too many calls waiting"); return; }
            _pending.Add(call);
            if (!_handlingIncoming) SendNext();   // else after our answer has gone out
        }

        public void RunAfterReply(ICoreWork work) { _afterReply = work; }

        void Send(IOcppCall call, bool fromOutbox)
        {
            _messageSeq++;
            string id = _idPrefix + "-" + _messageSeq;
            _out.Reset();
            _out.StartArray().Int(2).String(id).String(call.Action);
            call.Write(_out);
            _out.EndArray();
            if (!_link.Send(_out.Buffer, _out.Length))
            {
                call.OnError(Disconnected);
                return;
            }
            Frames.Record(_clock.UptimeMs, true, _out.Buffer, _out.Length);
            _outstanding = call;
            _outstandingFromOutbox = fromOutbox;
            _outstandingId = id;
            long now = _clock.UptimeMs;
            _outstandingSinceMs = now;
            _lastSentMs = now;
        }

        /// <summary>Sends the next message when the one CALL slot is free.</summary>
        public void SendNext()
        {
            if (!_link.Online || _outstanding != null || _restart.Rebooting) return;
            long now = _clock.UptimeMs;
            IOcppCall call;
            if (!_gate.Accepted)
            {
                call = _gate.BootDue(now);
                if (call != null) Send(call, false);
                return;
            }
            // Transaction messages first, so the backend learns of a transaction before its status.
            call = Transactions != null ? Transactions.Next(now) : null;
            if (call != null) { Send(call, true); return; }
            if (_pending.Count > 0)
            {
                call = (IOcppCall)_pending[0];
                _pending.RemoveAt(0);
                Send(call, false);
                return;
            }
            call = _gate.HeartbeatDue(now, _lastSentMs);
            if (call != null) Send(call, false);
        }

        /// <summary>Checks MessageTimeout and sends what is due.</summary>
        public void Tick(long now)
        {
            if (_outstandingId != null && now - _outstandingSinceMs >= _keys.GetInt(ConfigKeys.MessageTimeout) * 1000L)
            {
                _log.Warning("ocpp", "no answer within MessageTimeout");
                FailOutstanding("Timeout");
            }
            SendNext();
        }

        /// <summary>The link went down: the outstanding call has lost its answer.</summary>
        public void LinkDown() { FailOutstanding(Disconnected); }

        IOcppCall TakeOutstanding()
        {
            IOcppCall call = _outstanding;
            _outstanding = null;
            _outstandingId = null;
            return call;
        }

        void FailOutstanding(string code)
        {
            IOcppCall call = TakeOutstanding();
            if (call != null) call.OnError(code);
        }

        // ---- receiving ------------------------------------------------------------------------------

        /// <summary>One message from the backend: handled, answered, then the next CALL may go.</summary>
        public void Received(byte[] message)
        {
            if (message != null) Frames.Record(_clock.UptimeMs, false, message, message.Length);
            _handlingIncoming = true;
            int reply;
            try { reply = HandleIncoming(message); }
            finally { _handlingIncoming = false; }
            if (reply > 0 && _link.Send(_out.Buffer, reply))
            {
                _lastSentMs = _clock.UptimeMs;
                Frames.Record(_lastSentMs, true, _out.Buffer, reply);
            }
            ICoreWork after = _afterReply;
            _afterReply = null;
            if (after != null) after.Run();
            SendNext();   // an answer frees the one CALL slot: the next message goes at once
        }

        /// <summary>Handles one message from the backend. Returns the length of the reply to send
        /// (in ReplyBuffer), or 0 when nothing is to be sent. A null message was too large.</summary>
        public int HandleIncoming(byte[] message)
        {
            if (message == null) return ReplyError("-1", OcppErrorCode.FormationViolation, "message larger than " + OcppLink.MaxMessageBytes + " bytes");
            ArrayList frame;
            try
            {
                _in.Reset(message, 0, message.Length);
                _in.Read();
                frame = JsonDom.ReadValue(_in) as ArrayList;
                _in.Read();
            }
            catch (JsonException e)
            {
                return ReplyError("-1", OcppErrorCode.FormationViolation, "not JSON: " + e.Message);
            }
            if (frame == null || frame.Count < 3 || !(frame[0] is JsonNumber) || !(frame[1] is string))
            {
                return ReplyError(frame != null && frame.Count > 1 && frame[1] is string ? (string)frame[1] : "-1",
                                  OcppErrorCode.FormationViolation, "not an OCPP-J message array");
            }
            long type = ((JsonNumber)frame[0]).Milli;
            string id = (string)frame[1];
            if (type == 2000) return HandleCall(id, frame);
            if (type == 3000) HandleResult(id, frame);
            else if (type == 4000) HandleError(id, frame);
            else return ReplyError(id, OcppErrorCode.FormationViolation, "unknown message type");
            return 0;
        }

        int HandleCall(string id, ArrayList frame)
        {
            if (_gate.Silent) return 0;   // Rejected: answer nothing until the interval passed
            if (frame.Count != 4 || !(frame[2] is string)) return ReplyError(id, OcppErrorCode.FormationViolation, "a CALL has 4 elements");
            string action = (string)frame[2];
            Hashtable payload = frame[3] as Hashtable;
            if (payload == null) return ReplyError(id, OcppErrorCode.FormationViolation, "the payload must be an object");
            int known = Catalogue.IndexOf(_actions, action);
            IOcppHandler handler = known < 0 ? null : _handlers[known];
            if (handler == null)
            {
                for (int i = 0; i < KnownUnsupported.Length; i++)
                {
                    if (KnownUnsupported[i] == action) return ReplyError(id, OcppErrorCode.NotSupported, action + " is not supported");
                }
                return ReplyError(id, OcppErrorCode.NotImplemented, "unknown action " + action);
            }
            _out.Reset();
            _out.StartArray().Int(3).String(id);
            try
            {
                handler.Handle(new Payload(payload), _out);
            }
            catch (OcppException e)
            {
                return ReplyError(id, e.Code, e.Message);
            }
            catch (Exception e)
            {
                _log.Error("ocpp", action + " failed: " + Failure.Describe(e));
                return ReplyError(id, OcppErrorCode.InternalError, "internal error");
            }
            _out.EndArray();
            return _out.Length;
        }

        void HandleResult(string id, ArrayList frame)
        {
            if (id != _outstandingId) return;   // late or unknown: ignored
            Hashtable payload = frame.Count == 3 ? frame[2] as Hashtable : null;
            IOcppCall call = TakeOutstanding();
            if (payload == null)
            {
                call.OnError(OcppErrorCode.FormationViolation);
                return;
            }
            try { call.OnResult(new Payload(payload)); }
            catch (OcppException e) { _log.Warning("ocpp", "bad answer to " + call.Action + ": " + e.Message); }
        }

        void HandleError(string id, ArrayList frame)
        {
            if (id != _outstandingId) return;
            string code = frame.Count > 2 && frame[2] is string ? (string)frame[2] : "GenericError";
            _log.Warning("ocpp", "CALLERROR " + code + " for " + _outstanding.Action);
            FailOutstanding(code);
        }

        int ReplyError(string id, string code, string description)
        {
            _out.Reset();
            if (description.Length > 255) description = description.Substring(0, 255);
            _out.StartArray().Int(4).String(id).String(code).String(description).StartObject().EndObject().EndArray();
            return _out.Length;
        }
    }
}
