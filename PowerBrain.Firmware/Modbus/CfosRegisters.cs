using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Core;

namespace PowerBrain.Firmware.Modbus
{
    /// <summary>
    /// The cFos Power Brain register map of the EVSE (slave id 1), as a table, and the values behind
    /// it. Control registers live in RAM; the others are settings and so persisted, written to
    /// flash only when the value changes.
    /// </summary>
    public sealed class CfosRegisters : IRegisterHandler
    {
        public const int First = 8000;
        public const int Last = 8113;

        const int VendorId = 1, ProductId = 2, DeviceId = 3, ProductVersion = 4, ProductBuild = 5, MappingVersion = 6,
                  SerialNo = 7, Name = 8, SlaveId = 9, MeterFlags = 10, Energy = 11, Power = 12, Currents = 13,
                  DefFixedCurrent = 14, DefLimit = 15, DisconnectCp = 16, RelaySelect = 17, State = 18, Limit = 19,
                  Enable = 20, Signalled = 21, LastRfid = 22, HasMeter = 23, Capabilities = 24;

        public const int MappingMajor = 1, MappingMinor = 0;

        static RegisterDef Ro(int address, int count, int id) { return new RegisterDef(address, count, true, false, false, id); }
        static RegisterDef Ram(int address, int id) { return new RegisterDef(address, 1, true, true, false, id); }
        static RegisterDef Flash(int address, int id) { return new RegisterDef(address, 1, true, true, true, id); }
        static RegisterDef WriteOnly(int address, int id) { return new RegisterDef(address, 1, false, true, false, id); }

        static readonly RegisterDef[] Table = new RegisterDef[]
        {
            Ro(8000, 2, VendorId),
            Ro(8002, 1, ProductId),
            Ro(8003, 1, DeviceId),
            Ro(8004, 1, ProductVersion),
            Ro(8005, 1, ProductBuild),
            Ro(8006, 1, MappingVersion),
            Ro(8008, 8, SerialNo),
            Ro(8016, 16, Name),
            Flash(8040, SlaveId),
            Ro(8057, 1, MeterFlags),
            Ro(8058, 4, Energy),
            Ro(8062, 2, Power),
            Ro(8064, 6, Currents),
            Flash(8080, DefFixedCurrent),
            Flash(8081, DefLimit),
            WriteOnly(8086, DisconnectCp),
            Ram(8087, RelaySelect),
            Ro(8092, 1, State),
            Ram(8093, Limit),
            Ram(8094, Enable),
            Ro(8095, 1, Signalled),
            Ro(8096, 15, LastRfid),
            Ro(8112, 1, HasMeter),
            Ro(8113, 1, Capabilities),
        };

        readonly ModbusControl _control;
        readonly ChargingStatus _status;
        readonly Settings _settings;
        readonly Logger _log;
        readonly string _serial;
        public CfosRegisters(ModbusControl control, ChargingStatus status, Settings settings, Logger log, string serialNumber)
        {
            _control = control;
            _status = status;
            _settings = settings;
            _log = log;
            _serial = serialNumber;
        }

        public RegisterMap CreateMap() { return new RegisterMap(First, Last, Table, this); }

        public int Read(RegisterDef register, int index)
        {
            switch (register.Id)
            {
                case VendorId: return index == 0 ? 0 : 0xCF05;
                case ProductId: return 1;
                case DeviceId: return 0x0100;
                case ProductVersion: return (FirmwareInfo.Major << 8) | FirmwareInfo.Minor;
                case ProductBuild: return FirmwareInfo.Build;
                case MappingVersion: return (MappingMajor << 8) | MappingMinor;
                case SerialNo: return TextWord(_serial, register, index, false);
                case Name: return TextWord(FirmwareInfo.Name, register, index, false);
                case SlaveId: return _settings.GetNumber(SettingsCatalog.ModbusSlaveId);
                case MeterFlags: return _status.MeterPresent ? 1 : 0;
                case Energy: return Word64(_status.Meter.EnergyWh, index, 4);
                case Power: return Word64(_status.Meter.PowerW < 0 ? 0 : _status.Meter.PowerW, index, 2);
                case Currents: return Word64(_status.Meter.CurrentMa[index / 2] / 100, index % 2, 2);
                case DefFixedCurrent: return _settings.GetNumber(SettingsCatalog.ModbusDefFixedCurrent);
                case DefLimit: return _settings.GetNumber(SettingsCatalog.ModbusDefLimit);
                case RelaySelect: return _control.RelaySelect;
                case State: return _status.CpState;
                case Limit: return _control.LimitDeciAmps;
                case Enable: return _control.Enabled ? 1 : 0;
                case Signalled: return _status.OfferedDeciAmps;
                case LastRfid: return TextWord(_status.LastIdTag, register, index, true);
                case HasMeter: return _status.MeterPresent ? 1 : 0;
                case Capabilities: return _status.CanSwitchPhases ? 0x0100 : 0;
                default: return 0;
            }
        }

        // Word `index` of a value of `words` registers, high word first.
        static int Word64(long value, int index, int words)
        {
            int shift = (words - 1 - index) * 16;
            return (int)((value >> shift) & 0xFFFF);
        }

        /// <summary>Two ASCII characters per register. Right-aligned text is padded with leading
        /// NULs (masters strip leading NULs and spaces, never trailing ones).</summary>
        static int TextWord(string text, RegisterDef register, int index, bool rightAligned)
        {
            int total = register.Count * 2;
            return (CharAt(text, index * 2, rightAligned, total) << 8) | CharAt(text, index * 2 + 1, rightAligned, total);
        }

        static int CharAt(string text, int position, bool rightAligned, int total)
        {
            if (text == null) return 0;
            int i = rightAligned ? position - (total - text.Length) : position;
            if (i < 0 || i >= text.Length) return 0;
            int c = text[i];
            return c < 0x20 || c > 0x7E ? '?' : c;
        }

        public int CheckWrite(RegisterDef register, int value)
        {
            switch (register.Id)
            {
                // Persisted registers take their limits from the setting's definition.
                case SlaveId: return Allowed(SettingsCatalog.ModbusSlaveId, value);
                case DefFixedCurrent: return Allowed(SettingsCatalog.ModbusDefFixedCurrent, value);
                case DefLimit: return Allowed(SettingsCatalog.ModbusDefLimit, value);
                case DisconnectCp: return value <= 3600 ? 0 : ModbusPdu.IllegalDataValue;
                case RelaySelect:
                case Enable: return value <= 1 ? 0 : ModbusPdu.IllegalDataValue;
                case Limit: return value <= 800 ? 0 : ModbusPdu.IllegalDataValue;
                default: return ModbusPdu.IllegalDataAddress;
            }
        }

        static int Allowed(string key, int value)
        {
            SettingDef d = SettingsCatalog.Find(key);
            return value >= d.Min && value <= d.Max && d.Offers(value) ? 0 : ModbusPdu.IllegalDataValue;
        }

        public int Write(RegisterDef register, int value)
        {
            switch (register.Id)
            {
                case SlaveId: return Persist(SettingsCatalog.ModbusSlaveId, value);   // the settings listener updates the slave
                case DefFixedCurrent: return Persist(SettingsCatalog.ModbusDefFixedCurrent, value);
                case DefLimit: return Persist(SettingsCatalog.ModbusDefLimit, value);
                case DisconnectCp:
                    _control.RequestCpDisconnect(value);
                    return 0;
                case RelaySelect:
                    if (_control.RelaySelect == value) return 0;
                    _control.SelectRelay(value);
                    return 0;
                case Enable:
                    if (_control.Enabled == (value == 1)) return 0;
                    _control.Enabled = value == 1;
                    break;
                case Limit:
                    if (_control.LimitDeciAmps == value) return 0;
                    _control.LimitDeciAmps = value;
                    break;
            }
            _control.Changed();
            return 0;
        }

        readonly string[] _oneKey = new string[1];
        readonly string[] _oneValue = new string[1];

        int Persist(string key, int value)
        {
            if (_settings.GetNumber(key) == value) return 0;   // unchanged: flash untouched
            try
            {
                _oneKey[0] = key;
                _oneValue[0] = value.ToString();
                return _settings.Apply(_oneKey, _oneValue, true) == null ? 0 : ModbusPdu.IllegalDataValue;
            }
            catch (System.Exception e)
            {
                _log.Error("modbus", "could not store " + key + ": " + Failure.Describe(e));
                return ModbusPdu.DeviceFailure;
            }
        }
    }
}
