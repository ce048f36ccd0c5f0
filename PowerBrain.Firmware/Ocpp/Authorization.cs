using System;
using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Ocpp.Calls;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>
    /// Who may charge: a card, the fixed idTag (free vend, once per plug-in) or a remote start,
    /// decided online by Authorize (or LocalPreAuthorize), offline by the Local Authorization List
    /// and the cache. An accepted tag waits ConnectionTimeOut for a car. On the core thread.
    /// </summary>
    public sealed class Authorization
    {
        public const int None = 0, Waiting = 1, Accepted = 2, Refused = 3;

        readonly IBackendState _backend;
        readonly OcppRpc _rpc;
        readonly ConfigKeys _keys;
        readonly IdTagTable _localList, _cache;
        readonly IClock _clock;
        readonly Logger _log;
        readonly Settings _settings;
        readonly Reservations _reservations;
        /// <summary>The parentIdTag a tag must have to use the reserved connector (null: none asked).</summary>
        string _parentWanted;
        // A card that may stop the running transaction if the backend gives it that transaction's parent.
        string _stopTag, _stopParent, _stopBy;
        string _tag;
        bool _authorized;
        bool _asking;
        bool _freeVendDue;
        long _untilMs;

        /// <summary>Where authorization stands, for the status page's reason.</summary>
        public int State;
        /// <summary>The tag of the last authorization, and why it was refused.</summary>
        public string Tag = "", Refusal = "";

        public Authorization(IBackendState backend, OcppRpc rpc, ConfigKeys keys, IdTagTable localList, IdTagTable cache, IClock clock, Logger log, Settings settings, Reservations reservations)
        {
            _backend = backend;
            _rpc = rpc;
            _keys = keys;
            _localList = localList;
            _cache = cache;
            _clock = clock;
            _log = log;
            _settings = settings;
            _reservations = reservations;
        }

        /// <summary>A tag is authorized and waits for a car.</summary>
        public bool Ready { get { return _authorized; } }

        /// <summary>The parentIdTag the backend gave the authorized tag (null when none or decided locally).</summary>
        public string AuthorizedParent;

        /// <summary>Asks the backend whether a card shares the running transaction's parent (OCPP:
        /// such a card may stop it). Offline nothing happens: the parent cannot be known.</summary>
        public void AuthorizeToStop(string tag, string parent)
        {
            if (!_backend.Online || !_backend.Accepted) return;
            _stopTag = tag;
            _stopParent = parent;
            _rpc.Enqueue(new AuthorizeCall(this, tag));
        }

        /// <summary>The card that may stop the transaction, once (null: none).</summary>
        public string TakeStopBy()
        {
            string by = _stopBy;
            _stopBy = null;
            return by;
        }

        /// <summary>The fixed idTag waits for the backend's first Accepted boot.</summary>
        public bool FreeVendWaiting { get { return _freeVendDue && !_authorized && !_asking; } }

        // ---- the car and the transaction tell ------------------------------------------------------

        /// <summary>The fixed idTag, read when used: a change on the page counts from the next plug-in.</summary>
        string FixedIdTag { get { return _settings.GetText(SettingsCatalog.OcppIdTag); } }

        public void Plugged() { _freeVendDue = FixedIdTag.Length > 0; }

        public void Unplugged()
        {
            _freeVendDue = false;
            _authorized = false;
            State = None;   // a verdict belongs to its plug-in
        }

        /// <summary>Hands the authorized tag to a starting transaction.</summary>
        public string Take()
        {
            _authorized = false;
            return _tag;
        }

        /// <summary>Free vend: the fixed idTag is asked for once per plug-in, as soon as the backend
        /// has accepted us (or offline rules allow it).</summary>
        public void FreeVend(bool transactionRunning)
        {
            if (!_freeVendDue || transactionRunning || _authorized || _asking || !_backend.EverAccepted) return;
            _freeVendDue = false;
            Authorize(FixedIdTag);
        }

        /// <summary>Ends an authorization no car came for within ConnectionTimeOut.</summary>
        public void ExpireIfDue(long now)
        {
            if (!_authorized || now < _untilMs) return;
            _log.Info("ocpp", "authorization of " + _tag + " expired: no EV within ConnectionTimeOut");
            _authorized = false;
        }

        // ---- asking ---------------------------------------------------------------------------------

        public void Authorize(string tag)
        {
            _tag = tag;
            _authorized = false;
            Tag = tag;
            State = Waiting;
            _parentWanted = null;
            if (!_reservations.Admits(tag))
            {
                // Another tag on a reserved connector: only one whose parent the reservation names.
                _parentWanted = _reservations.ParentIdTag;
                if (_parentWanted == null) { Refuse(tag, "the connector is reserved for another card"); return; }
                if (!_backend.Online || !_backend.Accepted) { Refuse(tag, "the connector is reserved, and the backend is offline to tell " + tag + "'s parent"); return; }
                _asking = true;
                _rpc.Enqueue(new AuthorizeCall(this, tag));
                return;
            }
            if (_backend.Online && _backend.Accepted)
            {
                // LocalPreAuthorize: a tag the list or cache holds as valid starts at once.
                IdTagEntry known = KnownLocally(tag);
                if (known != null && known.ValidAt(_clock.UtcNow) && _keys.GetBool(ConfigKeys.LocalPreAuthorize))
                {
                    _log.Info("ocpp", "idTag " + tag + ": Accepted locally (LocalPreAuthorize)");
                    Authorized(tag);
                    return;
                }
                _asking = true;
                _rpc.Enqueue(new AuthorizeCall(this, tag));
            }
            else AuthorizeOffline(tag);
        }

        /// <summary>RemoteStartTransaction: the tag is authorized, or asked for first when
        /// AuthorizeRemoteTxRequests says so.</summary>
        public void RemoteStart(string tag)
        {
            if (_keys.GetBool(ConfigKeys.AuthorizeRemoteTxRequests) || !_reservations.Admits(tag)) Authorize(tag);
            else Authorized(tag);
        }

        /// <summary>Offline: a tag in the Local Authorization List or the cache counts as it is stored
        /// there (LocalAuthorizeOffline); an unknown tag only with AllowOfflineTxForUnknownId, and
        /// only once the backend has ever accepted this box.</summary>
        void AuthorizeOffline(string tag)
        {
            _asking = false;
            IdTagEntry known = KnownLocally(tag);
            bool allowed;
            string why;
            if (known == null)
            {
                allowed = _backend.EverAccepted && _keys.GetBool(ConfigKeys.AllowOfflineTxForUnknownId);
                why = allowed ? "unknown, allowed (AllowOfflineTxForUnknownId)" : "unknown, not authorized";
            }
            else if (_keys.GetBool(ConfigKeys.LocalAuthorizeOffline))
            {
                allowed = known.ValidAt(_clock.UtcNow);
                why = allowed ? "accepted locally" : known.Status == "Accepted" ? "expired locally" : known.Status + " locally";
            }
            else
            {
                allowed = false;
                why = "known locally, but LocalAuthorizeOffline is off";
            }
            _log.Info("ocpp", "offline: " + tag + " " + why);
            if (allowed) Authorized(tag);
            else Refuse(tag, known == null ? "backend offline and unknown tags are not allowed offline" : "backend offline and " + tag + " is " + why);
        }

        /// <summary>The Local Authorization List first (it outranks the cache), then the cache;
        /// each only while switched on.</summary>
        IdTagEntry KnownLocally(string tag)
        {
            if (_keys.GetBool(ConfigKeys.LocalAuthListEnabled))
            {
                IdTagEntry listed = _localList.Find(tag);
                if (listed != null) return listed;
            }
            return _keys.GetBool(ConfigKeys.AuthorizationCacheEnabled) ? _cache.Find(tag) : null;
        }

        /// <summary>Keeps the backend's verdict on a tag in the cache (tags of the local list are not cached).</summary>
        public void Remember(string tag, string status, DateTime expiry)
        {
            if (!_keys.GetBool(ConfigKeys.AuthorizationCacheEnabled)) return;
            if (_keys.GetBool(ConfigKeys.LocalAuthListEnabled) && _localList.Find(tag) != null) return;
            // Free vend asks for the same tag at every plug-in: write the flash only on a change.
            if (_cache.Put(tag, status, expiry == DateTime.MinValue ? 0 : expiry.Ticks, true)) _cache.Save();
        }

        internal void Answered(string tag, string status, DateTime expiry, string parent)
        {
            if (tag == _stopTag)
            {
                Remember(tag, status, expiry);
                if (status == "Accepted" && parent != null && parent == _stopParent) _stopBy = tag;
                _stopTag = null;
                return;
            }
            _asking = false;
            Remember(tag, status, expiry);
            if (tag != _tag) return;
            _log.Info("ocpp", "idTag " + tag + ": " + status + (parent != null ? " (parent " + parent + ")" : ""));
            if (status == "Accepted" && _parentWanted != null && parent != _parentWanted) Refuse(tag, "the connector is reserved for another card");
            else if (status == "Accepted")
            {
                Authorized(tag);
                AuthorizedParent = parent;
            }
            else Refuse(tag, "the backend answered " + status + " for " + tag);
        }

        internal void Failed(string tag)
        {
            if (tag == _stopTag) { _stopTag = null; return; }
            if (tag != _tag) return;
            if (_parentWanted != null) Refuse(tag, "the connector is reserved, and the backend did not tell " + tag + "'s parent");
            else AuthorizeOffline(tag);
        }

        void Refuse(string tag, string why)
        {
            Tag = tag;
            State = Refused;
            Refusal = why;
        }

        void Authorized(string tag)
        {
            AuthorizedParent = null;
            _tag = tag;
            _authorized = true;
            Tag = tag;
            State = Accepted;
            _untilMs = _clock.UptimeMs + _keys.GetInt(ConfigKeys.ConnectionTimeOut) * 1000L;
        }
    }
}
