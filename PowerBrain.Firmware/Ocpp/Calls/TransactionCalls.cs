using System;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Calls
{
    /// <summary>Authorize for a tag; the authorization decides on the answer.</summary>
    public sealed class AuthorizeCall : IOcppCall
    {
        readonly Authorization _authorization;
        readonly string _tag;

        public AuthorizeCall(Authorization authorization, string tag) { _authorization = authorization; _tag = tag; }

        public string Action { get { return "Authorize"; } }

        public void Write(JsonWriter w) { w.StartObject().Property("idTag", _tag).EndObject(); }

        public void OnResult(Payload r)
        {
            Payload info = r.Object("idTagInfo", true);
            _authorization.Answered(_tag, info.String("status", 20, true), info.Time("expiryDate", false, DateTime.MinValue), info.String("parentIdTag", 20, false));
        }

        public void OnError(string code) { _authorization.Failed(_tag); }
    }

    /// <summary>StartTransaction, MeterValues or StopTransaction from the persistent queue: the
    /// members were written when it happened; the backend's transaction id is added when sent.</summary>
    public sealed class TransactionCall : IOcppCall
    {
        readonly Transactions _transactions;
        readonly QueuedMessage _message;

        public TransactionCall(Transactions transactions, QueuedMessage message) { _transactions = transactions; _message = message; }

        public string Action { get { return _message.Action; } }

        public void Write(JsonWriter w)
        {
            w.StartObject();
            if (_message.Action != "StartTransaction")
            {
                int id = _transactions.Store.ServerId(_message.LocalTx);
                w.Property("transactionId", id >= 0 ? id : TransactionStore.NoServerId);
            }
            w.RawMembers(_message.Members, 0, _message.Members.Length).EndObject();
        }

        public void OnResult(Payload r)
        {
            try { _transactions.Delivered(_message, r); }
            catch (OcppException)
            {
                _transactions.Delivered(_message, null);   // a bad answer is an answer: the message is done
                throw;
            }
        }

        /// <summary>A lost link is no attempt: the message goes again once connected.</summary>
        public void OnError(string code) { _transactions.Failed(_message, code != OcppRpc.Disconnected); }
    }

    /// <summary>A MeterValues CALL outside the transaction queue (clock-aligned without a transaction, triggered).</summary>
    public sealed class MeterValuesCall : IOcppCall
    {
        readonly byte[] _members;
        readonly int _transactionId;

        /// <param name="transactionId">-1 outside a transaction.</param>
        public MeterValuesCall(byte[] members, int transactionId)
        {
            _members = members;
            _transactionId = transactionId;
        }

        public string Action { get { return "MeterValues"; } }

        public void Write(JsonWriter w)
        {
            w.StartObject();
            if (_transactionId >= 0) w.Property("transactionId", _transactionId);
            w.RawMembers(_members, 0, _members.Length).EndObject();
        }

        public void OnResult(Payload r) { }

        public void OnError(string code) { }
    }
}
