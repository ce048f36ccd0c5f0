using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>One OCPP configuration key: its type, access and limits.</summary>
    public sealed class ConfigKey
    {
        public const int Bool = 0, Int = 1, Csl = 2, Text = 3;

        public readonly string Name;
        public readonly int Kind;
        public readonly bool ReadOnly;
        /// <summary>Never returned by GetConfiguration or any other API (AuthorizationKey).</summary>
        public readonly bool WriteOnly;
        public readonly bool RebootRequired;
        public readonly int Min, Max;          // Int: range; Csl/Text: Max = length
        public readonly string Default;
        /// <summary>For Csl keys: the allowed items.</summary>
        public readonly string[] Items;

        public ConfigKey(string name, int kind, bool readOnly, bool writeOnly, bool rebootRequired, int min, int max, string defaultValue, string[] items)
        {
            Name = name; Kind = kind; ReadOnly = readOnly; WriteOnly = writeOnly; RebootRequired = rebootRequired;
            Min = min; Max = max; Default = defaultValue; Items = items;
        }

        /// <summary>Null when the value fits the key, else why not.</summary>
        public string Check(string value)
        {
            switch (Kind)
            {
                case Bool:
                    return value == "true" || value == "false" ? null : "must be true or false";
                case Int:
                    int n;
                    if (!Config.Settings.TryParseInt(value, out n)) return "must be an integer";
                    return n < Min || n > Max ? "must be between " + Min + " and " + Max : null;
                case Csl:
                    if (value.Length > Max * 40) return "too long";
                    if (value.Length == 0) return null;
                    string[] parts = value.Split(',');
                    if (parts.Length > Max) return "at most " + Max + " items";
                    for (int i = 0; i < parts.Length; i++)
                    {
                        bool known = false;
                        for (int j = 0; j < Items.Length && !known; j++) known = Items[j] == parts[i].Trim();
                        if (!known) return "unknown item " + parts[i];
                    }
                    return null;
                default:
                    return value.Length > Max ? "longer than " + Max : null;
            }
        }
    }

    /// <summary>
    /// The configuration keys of the charge point (Core, Remote Trigger and our own PB_ keys) as a
    /// table, with their values persisted in one blob.
    /// </summary>
    public sealed class ConfigKeys : IFlashFile
    {
        public const string BlobName = "ocpp-config.json";

        public const string AllowOfflineTxForUnknownId = "AllowOfflineTxForUnknownId";
        public const string AuthorizationCacheEnabled = "AuthorizationCacheEnabled";
        public const string LocalAuthListEnabled = "LocalAuthListEnabled";
        public const string AuthorizeRemoteTxRequests = "AuthorizeRemoteTxRequests";
        public const string ClockAlignedDataInterval = "ClockAlignedDataInterval";
        public const string ConnectionTimeOut = "ConnectionTimeOut";
        public const string GetConfigurationMaxKeys = "GetConfigurationMaxKeys";
        public const string HeartbeatInterval = "HeartbeatInterval";
        public const string LocalAuthorizeOffline = "LocalAuthorizeOffline";
        public const string LocalPreAuthorize = "LocalPreAuthorize";
        public const string MeterValuesAlignedData = "MeterValuesAlignedData";
        public const string MeterValuesSampledData = "MeterValuesSampledData";
        public const string MeterValueSampleInterval = "MeterValueSampleInterval";
        public const string MinimumStatusDuration = "MinimumStatusDuration";
        public const string NumberOfConnectors = "NumberOfConnectors";
        public const string StopTransactionOnEVSideDisconnect = "StopTransactionOnEVSideDisconnect";
        public const string StopTransactionOnInvalidId = "StopTransactionOnInvalidId";
        public const string StopTxnAlignedData = "StopTxnAlignedData";
        public const string StopTxnSampledData = "StopTxnSampledData";
        public const string TransactionMessageAttempts = "TransactionMessageAttempts";
        public const string TransactionMessageRetryInterval = "TransactionMessageRetryInterval";
        public const string WebSocketPingInterval = "WebSocketPingInterval";
        public const string MessageTimeout = "MessageTimeout";
        public const string StopTransactionMaxMeterValues = "StopTransactionMaxMeterValues";
        public const string ReserveConnectorZeroSupported = "ReserveConnectorZeroSupported";
        public const string AuthorizationKey = "AuthorizationKey";
        public const string SecurityProfile = "SecurityProfile";

        public static readonly string[] Measurands = new string[]
        {
            "Energy.Active.Import.Register", "Power.Active.Import", "Current.Import", "Current.Offered", "Voltage", "Temperature",
        };

        static readonly string[] FeatureProfiles = new string[] { "Core", "FirmwareManagement", "LocalAuthListManagement", "Reservation", "RemoteTrigger", "SmartCharging" };

        /// <summary>Tags in the Local Authorization List, and per SendLocalList; the cache's size.</summary>
        public const int LocalAuthListMaxLength = 64, SendLocalListMaxLength = 32, AuthorizationCacheSize = 32;

        static ConfigKey B(string name, bool value) { return new ConfigKey(name, ConfigKey.Bool, false, false, false, 0, 0, value ? "true" : "false", null); }
        static ConfigKey I(string name, int min, int max, int value) { return new ConfigKey(name, ConfigKey.Int, false, false, false, min, max, value.ToString(), null); }
        static ConfigKey R(string name, int value) { return new ConfigKey(name, ConfigKey.Int, true, false, false, value, value, value.ToString(), null); }
        static ConfigKey M(string name, string value) { return new ConfigKey(name, ConfigKey.Csl, false, false, false, 0, 8, value, Measurands); }

        static string[] _names;

        /// <summary>Every key's name, in the order GetConfiguration lists them.</summary>
        public static string[] Names
        {
            get
            {
                if (_names == null) _names = Catalogue.Names(NameOf);
                return _names;
            }
        }

        static string NameOf(int i)
        {
            ConfigKey key = Row(i);
            return key == null ? null : key.Name;
        }

        /// <summary>The table, row by row. Made on each call: the rows are code and text in flash,
        /// not objects that would sit in the heap for the device's whole life.</summary>
        public static ConfigKey Row(int i)
        {
            switch (i)
            {
                case 0: return B(AllowOfflineTxForUnknownId, false);
                case 1: return B(AuthorizationCacheEnabled, true);
                case 2: return B(AuthorizeRemoteTxRequests, false);
                case 3: return I(ClockAlignedDataInterval, 0, 86400, 0);
                case 4: return I(ConnectionTimeOut, 10, 600, 60);
                case 5: return new ConfigKey("ConnectorPhaseRotation", ConfigKey.Text, false, false, false, 0, 100, "0.RST,1.RST", null);
                case 6: return R("ConnectorPhaseRotationMaxLength", 2);
                case 7: return R(GetConfigurationMaxKeys, 64);
                case 8: return I(HeartbeatInterval, 0, 86400, 300);
                case 9: return B(LocalAuthListEnabled, true);
                case 10: return R("LocalAuthListMaxLength", LocalAuthListMaxLength);
                case 11: return B(LocalAuthorizeOffline, true);
                case 12: return B(LocalPreAuthorize, false);
                case 13: return M(MeterValuesAlignedData, "Energy.Active.Import.Register");
                case 14: return R("MeterValuesAlignedDataMaxLength", 8);
                case 15: return M(MeterValuesSampledData, "Energy.Active.Import.Register,Power.Active.Import,Current.Import,Current.Offered");
                case 16: return R("MeterValuesSampledDataMaxLength", 8);
                case 17: return I(MeterValueSampleInterval, 0, 86400, 60);
                case 18: return I(MinimumStatusDuration, 0, 3600, 0);
                case 19: return R(NumberOfConnectors, 1);
                case 20: return R("SendLocalListMaxLength", SendLocalListMaxLength);
                case 21: return new ConfigKey(ReserveConnectorZeroSupported, ConfigKey.Bool, true, false, false, 0, 0, "true", null);
                case 22: return new ConfigKey("SupportedFileTransferProtocols", ConfigKey.Csl, true, false, false, 0, 3, "FTP,HTTP,HTTPS", new string[] { "FTP", "HTTP", "HTTPS" });
                case 23: return I("ResetRetries", 0, 10, 1);
                case 24: return B(StopTransactionOnEVSideDisconnect, true);
                case 25: return B(StopTransactionOnInvalidId, true);
                case 26: return M(StopTxnAlignedData, "");
                case 27: return R("StopTxnAlignedDataMaxLength", 8);
                case 28: return M(StopTxnSampledData, "");
                case 29: return R("StopTxnSampledDataMaxLength", 8);
                case 30: return new ConfigKey("SupportedFeatureProfiles", ConfigKey.Csl, true, false, false, 0, 8, "Core,FirmwareManagement,LocalAuthListManagement,Reservation,SmartCharging,RemoteTrigger", FeatureProfiles);
                case 31: return R("SupportedFeatureProfilesMaxLength", 8);
                case 32: return I(TransactionMessageAttempts, 1, 100, 3);
                case 33: return I(TransactionMessageRetryInterval, 1, 3600, 60);
                case 34: return new ConfigKey("UnlockConnectorOnEVSideDisconnect", ConfigKey.Bool, true, false, false, 0, 0, "true", null);
                case 35: return I(WebSocketPingInterval, 0, 3600, 60);
                case 36: return I(MessageTimeout, 5, 600, 30);
                case 37: return R(StopTransactionMaxMeterValues, 10);
                case 38: return R("ChargeProfileMaxStackLevel", SmartCharging.MaxStackLevel);
                case 39: return new ConfigKey("ChargingScheduleAllowedChargingRateUnit", ConfigKey.Csl, true, false, false, 0, 2, "Current,Power", new string[] { "Current", "Power" });
                case 40: return R("ChargingScheduleMaxPeriods", SmartCharging.MaxPeriods);
                case 41: return R("MaxChargingProfilesInstalled", SmartCharging.MaxInstalled);
                case 42: return new ConfigKey(AuthorizationKey, ConfigKey.Text, false, true, false, 0, 40, "", null);
                case 43: return new ConfigKey(SecurityProfile, ConfigKey.Int, false, false, false, 0, 3, "0", null);
                case 44: return R("CertificateStoreMaxLength", Security.CertificateStore.MaxLength);
                case 45: return new ConfigKey("AdditionalRootCertificateCheck", ConfigKey.Bool, true, false, false, 0, 0, "false", null);
                case 46: return new ConfigKey("CpoName", ConfigKey.Text, false, false, false, 0, 50, "", null);
                default: return null;
            }
        }

        readonly IStorage _storage;
        readonly Logger _log;
        readonly string[] _values = StringArrays.New(Names.Length);   // in the table's order

        public ConfigKeys(IStorage storage, Logger log)
        {
            _storage = storage;
            _log = log;
            for (int i = 0; i < Names.Length; i++) _values[i] = Row(i).Default;
        }

        /// <summary>The key of that name, made when asked for; null for an unknown name.</summary>
        public static ConfigKey Find(string name)
        {
            int i = IndexOf(name);
            return i < 0 ? null : Row(i);
        }

        /// <summary>The position of a name in Names, or -1; allocates nothing.</summary>
        public static int IndexOf(string name) { return Catalogue.IndexOf(Names, name); }

        /// <summary>The value of a key; null for an unknown name.</summary>
        public string Get(string name)
        {
            int i = IndexOf(name);
            return i < 0 ? null : _values[i];
        }

        public int GetInt(string name)
        {
            int v;
            Config.Settings.TryParseInt(Get(name), out v);
            return v;
        }

        public bool GetBool(string name) { return Get(name) == "true"; }

        /// <summary>Sets a value already checked; persisted only when it changed.</summary>
        public void Set(string name, string value)
        {
            int i = IndexOf(name);
            if (i < 0) throw new System.ArgumentException("unknown key " + name);
            if (value == _values[i]) return;
            _values[i] = value;
            Save();
        }

        public void Load()
        {
            FlashFile.Load(_storage, BlobName, _log, "ocpp", "defaults for the keys that could not be read", this);
        }

        public void ReadStored(JsonReader r, byte[] blob)
        {
            r.BeginObject(blob);
            while (r.Read() == JsonToken.PropertyName)
            {
                ConfigKey key = Find(r.GetString());
                r.Read();
                if (key == null || r.Token != JsonToken.String) { r.Skip(); continue; }
                string value = r.GetString();
                if (key.Check(value) == null) _values[IndexOf(key.Name)] = value;
            }
        }

        public void ForgetStored() { }

        void Save()
        {
            JsonWriter w = new JsonWriter(1024, 8192);
            w.StartObject();
            for (int i = 0; i < Names.Length; i++)
            {
                if (Row(i).ReadOnly) continue;
                w.Property(Names[i], _values[i]);
            }
            w.EndObject();
            FlashFile.Save(_storage, BlobName, w);
        }
    }
}
