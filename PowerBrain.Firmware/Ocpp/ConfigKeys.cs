using System.Collections;
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

        public static readonly ConfigKey[] Table = new ConfigKey[]
        {
            B(AllowOfflineTxForUnknownId, false),
            B(AuthorizationCacheEnabled, true),
            B(AuthorizeRemoteTxRequests, false),
            I(ClockAlignedDataInterval, 0, 86400, 0),
            I(ConnectionTimeOut, 10, 600, 60),
            new ConfigKey("ConnectorPhaseRotation", ConfigKey.Text, false, false, false, 0, 100, "0.RST,1.RST", null),
            R("ConnectorPhaseRotationMaxLength", 2),
            R(GetConfigurationMaxKeys, 64),
            I(HeartbeatInterval, 0, 86400, 300),
            B(LocalAuthListEnabled, true),
            R("LocalAuthListMaxLength", LocalAuthListMaxLength),
            B(LocalAuthorizeOffline, true),
            B(LocalPreAuthorize, false),
            M(MeterValuesAlignedData, "Energy.Active.Import.Register"),
            R("MeterValuesAlignedDataMaxLength", 8),
            M(MeterValuesSampledData, "Energy.Active.Import.Register,Power.Active.Import,Current.Import,Current.Offered"),
            R("MeterValuesSampledDataMaxLength", 8),
            I(MeterValueSampleInterval, 0, 86400, 60),
            I(MinimumStatusDuration, 0, 3600, 0),
            R(NumberOfConnectors, 1),
            R("SendLocalListMaxLength", SendLocalListMaxLength),
            new ConfigKey(ReserveConnectorZeroSupported, ConfigKey.Bool, true, false, false, 0, 0, "true", null),
            new ConfigKey("SupportedFileTransferProtocols", ConfigKey.Csl, true, false, false, 0, 3, "FTP,HTTP,HTTPS", new string[] { "FTP", "HTTP", "HTTPS" }),
            I("ResetRetries", 0, 10, 1),
            B(StopTransactionOnEVSideDisconnect, true),
            B(StopTransactionOnInvalidId, true),
            M(StopTxnAlignedData, ""),
            R("StopTxnAlignedDataMaxLength", 8),
            M(StopTxnSampledData, ""),
            R("StopTxnSampledDataMaxLength", 8),
            new ConfigKey("SupportedFeatureProfiles", ConfigKey.Csl, true, false, false, 0, 8, "Core,FirmwareManagement,LocalAuthListManagement,Reservation,SmartCharging,RemoteTrigger", FeatureProfiles),
            R("SupportedFeatureProfilesMaxLength", 8),
            I(TransactionMessageAttempts, 1, 100, 3),
            I(TransactionMessageRetryInterval, 1, 3600, 60),
            new ConfigKey("UnlockConnectorOnEVSideDisconnect", ConfigKey.Bool, true, false, false, 0, 0, "true", null),
            I(WebSocketPingInterval, 0, 3600, 60),
            I(MessageTimeout, 5, 600, 30),
            R(StopTransactionMaxMeterValues, 10),
            R("ChargeProfileMaxStackLevel", SmartCharging.MaxStackLevel),
            new ConfigKey("ChargingScheduleAllowedChargingRateUnit", ConfigKey.Csl, true, false, false, 0, 2, "Current,Power", new string[] { "Current", "Power" }),
            R("ChargingScheduleMaxPeriods", SmartCharging.MaxPeriods),
            R("MaxChargingProfilesInstalled", SmartCharging.MaxInstalled),
            new ConfigKey(AuthorizationKey, ConfigKey.Text, false, true, false, 0, 40, "", null),
            new ConfigKey(SecurityProfile, ConfigKey.Int, false, false, false, 0, 3, "0", null),
            R("CertificateStoreMaxLength", Security.CertificateStore.MaxLength),
            new ConfigKey("AdditionalRootCertificateCheck", ConfigKey.Bool, true, false, false, 0, 0, "false", null),
            new ConfigKey("CpoName", ConfigKey.Text, false, false, false, 0, 50, "", null),
        };

        readonly IStorage _storage;
        readonly Logger _log;
        readonly Hashtable _values = new Hashtable();

        public ConfigKeys(IStorage storage, Logger log)
        {
            _storage = storage;
            _log = log;
            for (int i = 0; i < Table.Length; i++) _values[Table[i].Name] = Table[i].Default;
        }

        public static ConfigKey Find(string name)
        {
            for (int i = 0; i < Table.Length; i++) if (Table[i].Name == name) return Table[i];
            return null;
        }

        public string Get(string name) { return (string)_values[name]; }

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
            if (value == Get(name)) return;
            _values[name] = value;
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
                if (key.Check(value) == null) _values[key.Name] = value;
            }
        }

        public void ForgetStored() { }

        void Save()
        {
            JsonWriter w = new JsonWriter(1024, 8192);
            w.StartObject();
            for (int i = 0; i < Table.Length; i++)
            {
                if (Table[i].ReadOnly) continue;
                w.Property(Table[i].Name, Get(Table[i].Name));
            }
            w.EndObject();
            FlashFile.Save(_storage, BlobName, w);
        }
    }
}
