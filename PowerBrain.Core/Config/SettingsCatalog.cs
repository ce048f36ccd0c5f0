namespace PowerBrain.Firmware.Config
{
    /// <summary>The one place that knows every setting, its limits and its default.</summary>
    public static class SettingsCatalog
    {
        public const string WebPort = "web.port";
        public const string WifiSsid = "wifi.ssid";
        public const string WifiPassword = "wifi.password";

        public const string ModbusTcpEnabled = "modbus.tcp.enabled";
        public const string ModbusTcpPort = "modbus.tcp.port";
        public const string ModbusTcpBind = "modbus.tcp.bind";
        public const string ModbusRtuEnabled = "modbus.rtu.enabled";
        public const string ModbusRtuDevice = "modbus.rtu.device";
        public const string ModbusRtuBaud = "modbus.rtu.baud";
        public const string ModbusRtuParity = "modbus.rtu.parity";
        public const string ModbusRtuStopBits = "modbus.rtu.stopBits";
        public const string ModbusSlaveId = "modbus.slaveId";
        public const string ModbusDefFixedCurrent = "modbus.defFixedCurrent";
        public const string ModbusDefLimit = "modbus.defLimit";
        public const string ModbusLostMode = "modbus.masterLost.mode";
        public const string ModbusLostTimeout = "modbus.masterLost.timeoutS";
        public const string ModbusLostFallback = "modbus.masterLost.fallbackDeciA";

        public const string ChargingMaxCurrent = "charging.maxDeciA";
        public const string ChargingPhases = "charging.phases";
        public const string ChargingCableMode = "charging.cableMode";
        public const string ChargingFixedCable = "charging.fixedCableDeciA";

        public const string OcppUrl = "ocpp.url";
        public const string OcppChargeBoxId = "ocpp.chargeBoxId";
        public const string OcppPassword = "ocpp.password";
        public const string OcppConnectorId = "ocpp.connectorId";
        public const string OcppIdTag = "ocpp.idTag";
        public const string OcppSecurityProfile = "ocpp.securityProfile";

        static string[] _keys;

        /// <summary>Every setting's key, in the order the page shows them.</summary>
        public static string[] Keys
        {
            get
            {
                if (_keys == null) _keys = Catalogue.Names(KeyOf);
                return _keys;
            }
        }

        static string KeyOf(int i)
        {
            SettingDef d = Row(i);
            return d == null ? null : d.Key;
        }

        /// <summary>The definition of a setting, made when asked for. Null for an unknown key.</summary>
        public static SettingDef Find(string key)
        {
            int i = IndexOf(key);
            return i < 0 ? null : Row(i);
        }

        /// <summary>The catalogue, row by row. Made on each call: the rows are code and text in flash,
        /// not objects that would sit in the heap for the device's whole life.</summary>
        public static SettingDef Row(int i)
        {
            switch (i)
            {
                case 0: return SettingDef.Number(WebPort, "Web page port", 1, 65535, 80, true).Explain("The port of this page; 80 is the usual one.");
                case 1: return SettingDef.Text(WifiSsid, "Wi-Fi network", 32, "", true, null).Explain("Device only. Empty: the box opens its set-up access point.");
                case 2: return SettingDef.SecretText(WifiPassword, "Wi-Fi password", 64, true, null);
                case 3: return SettingDef.Text(OcppUrl, "Backend URL", 200, "", true, new TextCheck(Checks.OcppUrl)).Explain("ws:// or wss://, any path; the ChargeBox ID is added at the end. Empty: OCPP off.");
                case 4: return SettingDef.Text(OcppChargeBoxId, "ChargeBox ID", 48, "PowerBrain", true, new TextCheck(Checks.ChargeBoxId)).Explain("The name the backend knows this box by.");
                case 5: return SettingDef.SecretText(OcppPassword, "OCPP password", 40, true, null).Explain("HTTP Basic password for security profiles 1 and 2.");
                case 6: return SettingDef.Number(OcppConnectorId, "Connector ID", 1, 9, 1, true).Explain("The connector number this box reports to the backend.");
                case 7: return SettingDef.Text(OcppIdTag, "Fixed idTag", 20, "", false, null).Explain("For boxes without a card reader: authorized at every plug-in. Empty: a card or a remote start is needed.");
                case 8: return SettingDef.Number(OcppSecurityProfile, "Security profile", 0, 3, 0, true)
                    .Named("0:none|1:password|2:TLS and password|3:TLS and client certificate").Explain("As agreed with the backend operator.");
                case 9: return SettingDef.Number(ModbusTcpEnabled, "Modbus TCP", 0, 1, 1, true).AsSwitch().Explain("Lets a load manager on the network steer the current.");
                case 10: return SettingDef.Number(ModbusTcpPort, "Modbus TCP port", 1, 65535, 4701, true).Explain("cFos uses 4701; others use 502.");
                case 11: return SettingDef.Text(ModbusTcpBind, "Modbus TCP address", 15, "0.0.0.0", true, new TextCheck(Checks.Ipv4)).Explain("The address to listen on; 0.0.0.0 is every network.");
                case 12: return SettingDef.Number(ModbusRtuEnabled, "Modbus RTU", 0, 1, 0, true).AsSwitch().Explain("A load manager on the RS485 bus.");
                case 13: return SettingDef.Text(ModbusRtuDevice, "RTU serial device", 64, "COM2", true, new TextCheck(Checks.NotEmpty)).Explain("The RS485 port of the board.");
                case 14: return SettingDef.Number(ModbusRtuBaud, "RTU baud rate", 9600, 115200, 19200, true)
                    .Named("9600:9600|19200:19200|38400:38400|57600:57600|115200:115200").In("baud").Explain("As set on the master.");
                case 15: return SettingDef.Number(ModbusRtuParity, "RTU parity", 0, 2, 2, true).Named("0:none|1:odd|2:even").Explain("As set on the master; Modbus expects even.");
                case 16: return SettingDef.Number(ModbusRtuStopBits, "RTU stop bits", 1, 2, 1, true).Named("1:1|2:2").Explain("1 with parity, 2 without.");
                case 17: return SettingDef.Number(ModbusSlaveId, "Slave ID", 1, 247, 1, false).Explain("The unit ID the master addresses (register 8040).");
                case 18: return SettingDef.Number(ModbusDefFixedCurrent, "Start-up fixed current", 0, 800, 0, false).DeciAmps().Explain("Register 8080, kept for the master and changing nothing: the cable rating is set under Charging.");
                case 19: return SettingDef.Number(ModbusDefLimit, "Start-up Modbus limit", 60, 630, 630, false).DeciAmps().Explain("The load manager's limit until it writes one.");
                case 20: return SettingDef.Number(ModbusLostMode, "When the master goes silent", 0, 3, 0, false)
                    .Named("0:not watched|1:stop charging|2:charge at the fallback current|3:keep the last limit, report only").Explain("What the box does when no request comes within the timeout.");
                case 21: return SettingDef.Number(ModbusLostTimeout, "Master silent after", 1, 3600, 60, false).In("s").Explain("Seconds without a request before the master counts as lost.");
                case 22: return SettingDef.Number(ModbusLostFallback, "Fallback current", 60, 800, 60, false).DeciAmps().Explain("The limit while the master is lost (with the fallback choice).");
                case 23: return SettingDef.Number(ChargingMaxCurrent, "Hardware maximum current", 60, 800, 160, false).DeciAmps().Explain("The rating of the supply line and the box; never exceeded.");
                case 24: return SettingDef.NumberChecked(ChargingPhases, "Phases connected", 1, 3, 3, true, new TextCheck(Checks.OneOrThree)).Named("1:1 phase|3:3 phases").Explain("How many phases are wired to the box.");
                case 25: return SettingDef.Number(ChargingCableMode, "Cable", 0, 1, 0, false).Named("0:socket (rating from the plug)|1:fixed cable").Explain("A socket reads the cable's rating from its plug.");
                case 26: return SettingDef.Number(ChargingFixedCable, "Fixed cable rating", 60, 800, 320, false).DeciAmps().Explain("The rating of a fixed cable.");
                default: return null;
            }
        }

        /// <summary>The position of a known key in Keys, or -1; allocates nothing.</summary>
        public static int IndexOf(string key) { return Catalogue.IndexOf(Keys, key); }
    }
}
