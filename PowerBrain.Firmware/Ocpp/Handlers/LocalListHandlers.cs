using System;
using System.Collections;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>
    /// SendLocalList: a Full update replaces the list, a Differential one adds, replaces (with
    /// idTagInfo) or removes (without) tags and must carry a newer version. The whole update is
    /// checked before anything changes; listVersion 0 and -1 are reserved.
    /// </summary>
    public sealed class SendLocalList : IOcppHandler
    {
        static readonly string[] UpdateTypes = new string[] { "Differential", "Full" };
        static readonly string[] Statuses = new string[] { "Accepted", "Blocked", "Expired", "Invalid", "ConcurrentTx" };
        readonly IdTagTable _list;
        readonly Logger _log;

        public SendLocalList(IdTagTable list, Logger log)
        {
            _list = list;
            _log = log;
        }

        public void Handle(Payload p, JsonWriter result)
        {
            int version = p.Int("listVersion", true, 0);
            string updateType = p.Enum("updateType", UpdateTypes, true);
            ArrayList items = p.Array("localAuthorizationList", false);
            int count = items == null ? 0 : items.Count;
            // Read every entry first: a malformed one rejects the whole CALL and changes nothing.
            string[] tags = StringArrays.New(count);
            string[] statuses = StringArrays.New(count);
            long[] expiries = new long[count];
            for (int i = 0; i < count; i++)
            {
                Hashtable h = items[i] as Hashtable;
                if (h == null) throw new OcppException(OcppErrorCode.TypeConstraintViolation, "localAuthorizationList entries must be objects");
                Payload entry = new Payload(h);
                tags[i] = entry.String("idTag", 20, true);
                Payload info = entry.Object("idTagInfo", false);
                if (info != null)
                {
                    statuses[i] = info.Enum("status", Statuses, true);
                    DateTime expiry = info.Time("expiryDate", false, DateTime.MinValue);
                    expiries[i] = expiry == DateTime.MinValue ? 0 : expiry.Ticks;
                }
            }

            IdTagTable list = _list;
            string status;
            if (version <= 0 || count > ConfigKeys.SendLocalListMaxLength) status = "Failed";
            else if (updateType == "Differential" && version <= list.Version) status = "VersionMismatch";
            else status = Apply(list, updateType == "Full", tags, statuses, expiries) ? "Accepted" : "Failed";
            if (status == "Accepted")
            {
                list.Version = version;
                if (list.Save()) _log.Info("ocpp", "local authorization list version " + version + ": " + list.Count + " tag(s)");
                else
                {
                    // Not kept on flash: the list stays as flash has it, in RAM too (OCTT TC_043_3).
                    list.Load();
                    status = "Failed";
                }
            }
            if (status != "Accepted") _log.Warning("ocpp", "SendLocalList version " + version + " (" + updateType + ", " + count + " tags): " + status);
            result.StartObject().Property("status", status).EndObject();
        }

        /// <summary>Applies the update; false, with the list unchanged, when it would not fit.</summary>
        static bool Apply(IdTagTable list, bool full, string[] tags, string[] statuses, long[] expiries)
        {
            int size = full ? 0 : list.Count;
            for (int i = 0; i < tags.Length; i++)
            {
                bool present = !full && list.Find(tags[i]) != null;
                if (statuses[i] != null && !present) size++;
                if (statuses[i] == null && present) size--;
            }
            if (size > list.Capacity) return false;
            if (full) list.Clear();
            for (int i = 0; i < tags.Length; i++)
            {
                if (statuses[i] != null) list.Put(tags[i], statuses[i], expiries[i], false);
                else list.Remove(tags[i]);
            }
            return true;
        }
    }

    /// <summary>GetLocalListVersion: the list's version, 0 for none or an empty list (OCTT TC_042_2); -1 while the list is switched
    /// off (LocalAuthListEnabled false).</summary>
    public sealed class GetLocalListVersion : IOcppHandler
    {
        readonly IdTagTable _list;
        readonly ConfigKeys _keys;

        public GetLocalListVersion(IdTagTable list, ConfigKeys keys)
        {
            _list = list;
            _keys = keys;
        }

        public void Handle(Payload p, JsonWriter result)
        {
            int version = !_keys.GetBool(ConfigKeys.LocalAuthListEnabled) ? -1 : _list.Count == 0 ? 0 : _list.Version;   // an empty list reports 0
            result.StartObject().Property("listVersion", version).EndObject();
        }
    }
}
