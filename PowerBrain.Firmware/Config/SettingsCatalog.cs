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

        public static readonly SettingDef[] All = new SettingDef[]
        {
            SettingDef.Number(WebPort, "Web page port", 1, 65535, 80, true),
            SettingDef.Text(WifiSsid, "Wi-Fi network (device only; empty: open the set-up access point)", 32, "", true, null),
            SettingDef.SecretText(WifiPassword, "Wi-Fi password", 64, true, null),

            SettingDef.Text(OcppUrl, "OCPP backend URL", 200, "", true, new TextCheck(Ocpp.OcppUrl.Check)),
            SettingDef.Text(OcppChargeBoxId, "ChargeBox ID", 48, "PowerBrain", true, new TextCheck(Ocpp.OcppUrl.CheckChargeBoxId)),
            SettingDef.SecretText(OcppPassword, "OCPP password", 40, true, null),
            SettingDef.Number(OcppConnectorId, "OCPP connector ID", 1, 9, 1, true),
            SettingDef.Text(OcppIdTag, "Fixed RFID idTag (boxes without a reader)", 20, "", false, null),
            SettingDef.Number(OcppSecurityProfile, "OCPP security profile (0 none, 1 password, 2 TLS + password, 3 TLS + client certificate)", 0, 3, 0, true),

            SettingDef.Number(ModbusTcpEnabled, "Modbus TCP on", 0, 1, 1, true),
            SettingDef.Number(ModbusTcpPort, "Modbus TCP port", 1, 65535, 4701, true),
            SettingDef.Text(ModbusTcpBind, "Modbus TCP address", 15, "0.0.0.0", true, new TextCheck(Checks.Ipv4)),
            SettingDef.Number(ModbusRtuEnabled, "Modbus RTU on", 0, 1, 0, true),
            SettingDef.Text(ModbusRtuDevice, "Modbus RTU serial device", 64, "COM2", true, new TextCheck(Checks.NotEmpty)),
            SettingDef.Number(ModbusRtuBaud, "Modbus RTU baud rate", 9600, 115200, 19200, true),
            SettingDef.Number(ModbusRtuParity, "Modbus RTU parity (0 none, 1 odd, 2 even)", 0, 2, 2, true),
            SettingDef.Number(ModbusRtuStopBits, "Modbus RTU stop bits", 1, 2, 1, true),
            SettingDef.Number(ModbusSlaveId, "Modbus slave id", 1, 247, 1, false),
            SettingDef.Number(ModbusDefFixedCurrent, "Start-up fixed current (0.1 A)", 0, 800, 0, false),
            SettingDef.Number(ModbusDefLimit, "Start-up Modbus current limit (0.1 A)", 60, 630, 630, false),
            SettingDef.Number(ModbusLostMode, "When the master is lost (0 off, 1 stop, 2 fallback, 3 keep)", 0, 3, 0, false),
            SettingDef.Number(ModbusLostTimeout, "Master-lost timeout (s)", 1, 3600, 60, false),
            SettingDef.Number(ModbusLostFallback, "Master-lost fallback current (0.1 A)", 60, 800, 60, false),

            SettingDef.Number(ChargingMaxCurrent, "Hardware maximum current (0.1 A)", 60, 800, 160, false),
            SettingDef.NumberChecked(ChargingPhases, "Phases connected", 1, 3, 3, true, new TextCheck(Checks.OneOrThree)),
            SettingDef.Number(ChargingCableMode, "Cable (0 socket with PP, 1 fixed cable)", 0, 1, 0, false),
            SettingDef.Number(ChargingFixedCable, "Fixed cable rating (0.1 A)", 60, 800, 320, false),
        };

        public static SettingDef Find(string key)
        {
            for (int i = 0; i < All.Length; i++)
            {
                if (All[i].Key == key) return All[i];
            }
            return null;
        }
    }
}
