using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Core;

namespace PowerBrain.Firmware.Modbus
{
    /// <summary>
    /// The cFos Power Brain register map of the EVSE, one row per value: its address, its source
    /// and scale, and what a write does. Control registers live in RAM; 8040, 8080 and 8081 are
    /// settings (flash). 8080 is kept for masters that write it and changes nothing here: the
    /// cable rating is a setting of its own.
    /// </summary>
    public sealed class CfosRegisters
    {
        public const int First = 8000;
        public const int Last = 8113;
        public const int MappingMajor = 1, MappingMinor = 0;

        readonly ModbusControl _control;
        readonly ChargingStatus _status;
        readonly string _serial;
        readonly RegisterDef[] _table;

        public CfosRegisters(ModbusControl control, ChargingStatus status, string serialNumber)
        {
            _control = control;
            _status = status;
            _serial = serialNumber;
            _table = new RegisterDef[]
            {
                RegisterDef.Constant(8000, 2, 0xCF05),                                        // vendor id
                RegisterDef.Constant(8002, 1, 1),                                             // product id
                RegisterDef.Constant(8003, 1, 0x0100),                                        // device id
                RegisterDef.Constant(8004, 1, (FirmwareInfo.Major << 8) | FirmwareInfo.Minor),  // product version
                RegisterDef.Constant(8005, 1, FirmwareInfo.Build),
                RegisterDef.Constant(8006, 1, (MappingMajor << 8) | MappingMinor),            // mapping version
                RegisterDef.Text(8008, 8, SerialNumber, false),
                RegisterDef.Text(8016, 16, ProductName, false),
                RegisterDef.Stored(8040, SettingsCatalog.ModbusSlaveId),                      // the settings listener updates the slave
                RegisterDef.Number(8057, 1, MeterFitted, 1),                                  // meter flags
                RegisterDef.Number(8058, 4, EnergyWh, 1),                                     // Wh
                RegisterDef.Number(8062, 2, PowerW, 1),                                       // W
                RegisterDef.Number(8064, 2, CurrentL1, 100),                                  // mA as 0.1 A
                RegisterDef.Number(8066, 2, CurrentL2, 100),
                RegisterDef.Number(8068, 2, CurrentL3, 100),
                RegisterDef.Stored(8080, SettingsCatalog.ModbusDefFixedCurrent),
                RegisterDef.Stored(8081, SettingsCatalog.ModbusDefLimit),
                RegisterDef.Control(8086, null, 3600, DisconnectCp),                          // seconds
                RegisterDef.Control(8087, RelaySelect, 1, SelectRelay),                       // 0 = 3 phases, 1 = 1 phase
                RegisterDef.Number(8092, 1, CpState, 1),
                RegisterDef.Control(8093, Limit, 800, SetLimit),                              // 0.1 A
                RegisterDef.Control(8094, Enabled, 1, Enable),
                RegisterDef.Number(8095, 1, Signalled, 1),                                    // 0.1 A
                RegisterDef.Text(8096, 15, LastIdTag, true),
                RegisterDef.Number(8112, 1, MeterFitted, 1),
                RegisterDef.Number(8113, 1, Capabilities, 1),                                 // 0x0100: phase switching
            };
        }

        public RegisterMap CreateMap(Settings settings, Logger log) { return new RegisterMap(First, Last, _table, settings, log); }

        // ---- sources ----------------------------------------------------------------------------

        string SerialNumber() { return _serial; }
        string ProductName() { return FirmwareInfo.Name; }
        string LastIdTag() { return _status.LastIdTag; }
        long MeterFitted() { return _status.MeterPresent ? 1 : 0; }
        long EnergyWh() { return _status.Meter.EnergyWh; }
        long PowerW() { return _status.Meter.PowerW < 0 ? 0 : _status.Meter.PowerW; }
        long CurrentL1() { return _status.Meter.CurrentMa[0]; }
        long CurrentL2() { return _status.Meter.CurrentMa[1]; }
        long CurrentL3() { return _status.Meter.CurrentMa[2]; }
        long CpState() { return _status.CpState; }
        long Signalled() { return _status.OfferedDeciAmps; }
        long Capabilities() { return _status.CanSwitchPhases ? 0x0100 : 0; }
        long RelaySelect() { return _control.RelaySelect; }
        long Limit() { return _control.LimitDeciAmps; }
        long Enabled() { return _control.Enabled ? 1 : 0; }

        // ---- writes -----------------------------------------------------------------------------

        int DisconnectCp(int seconds)
        {
            _control.RequestCpDisconnect(seconds);
            return 0;
        }

        int SelectRelay(int value)
        {
            if (_control.RelaySelect != value) _control.SelectRelay(value);
            return 0;
        }

        int SetLimit(int deciAmps)
        {
            if (_control.LimitDeciAmps == deciAmps) return 0;
            _control.LimitDeciAmps = deciAmps;
            _control.Changed();
            return 0;
        }

        int Enable(int value)
        {
            if (_control.Enabled == (value == 1)) return 0;
            _control.Enabled = value == 1;
            _control.Changed();
            return 0;
        }
    }
}
