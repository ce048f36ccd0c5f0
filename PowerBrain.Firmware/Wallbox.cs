using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Modbus;
using PowerBrain.Firmware.Ocpp;

namespace PowerBrain.Firmware
{
    /// <summary>Listening addresses and devices a board may force instead of the settings
    /// (the emulator's command line). -1 or null: use the setting.</summary>
    public sealed class WallboxOptions
    {
        public string HttpBind = "0.0.0.0";
        public int HttpPort = -1;
        public string ModbusTcpBind;
        public int ModbusTcpPort = -1;
        /// <summary>A serial device turns Modbus RTU on.</summary>
        public string ModbusRtuDevice;
        public int ModbusRtuBaud = -1;
        public int ModbusRtuParity = -1;
        /// <summary>Settings given on the command line: applied and saved at start, as if entered on the web page.</summary>
        public string[] SettingKeys = new string[0];
        public string[] SettingValues = new string[0];
        /// <summary>The boot program has already switched to a staged version and counted this start
        /// (an ESP32 started by boards/esp32-boot); false: the wallbox does it (the emulator, or an
        /// application deployed without the boot program).</summary>
        public bool StartCountedByBoot;
    }

    /// <summary>Wiring: builds the parts from a board and runs them.</summary>
    public sealed class Wallbox : IRestart
    {
        public readonly IBoard Board;
        public readonly Logger Log;
        public readonly Settings Settings;
        public readonly CoreLoop Core;
        public readonly ChargingStatus Status = new ChargingStatus();
        public readonly ModbusControl Modbus = new ModbusControl();
        public readonly OcppPermission Ocpp = new OcppPermission();
        public readonly EnergyRegister Energy;
        public readonly ChargingCore Charging;
        public readonly ModbusSlave ModbusSlave;
        public readonly OcppClient OcppClient;
        /// <summary>How many times the firmware has started (OCPP message ids stay unique across reboots).</summary>
        public readonly int BootCount;
        readonly WallboxOptions _options;
        TcpServer _modbusTcp;
        RtuSlave _modbusRtu;
        Poller _watchdog;

        public Wallbox(IBoard board, WallboxOptions options)
        {
            Board = board;
            _options = options;
            Log = new Logger(board.Log, board.Clock, 40);
            Settings = new Settings(board.Storage, Log);
            Settings.Load();
            SettingError[] errors = Settings.Apply(options.SettingKeys, options.SettingValues, true);
            if (errors != null) throw new System.ArgumentException(errors[0].Message);
            Core = new CoreLoop(board.Clock, Log);
            BootCount = CountBoot(board.Storage);

            // Restored before anything can read it.
            Energy = new EnergyRegister(board.Storage, Log);
            Energy.Restore();

            Modbus.LimitDeciAmps = Settings.GetNumber(SettingsCatalog.ModbusDefLimit);   // a start-up value by definition
            LoadManagerInput loadManager = new LoadManagerInput();
            loadManager.Active = ModbusTcpEnabled || ModbusRtuEnabled;
            Charging = new ChargingCore(board, Settings, loadManager, Ocpp, Status, Energy, Log);
            Modbus.Connect(loadManager, Charging);
            Charging.ReadMeterNow();

            CfosRegisters registers = new CfosRegisters(Modbus, Status, board.SerialNumber);
            ModbusSlave = new ModbusSlave(new ModbusPdu(registers.CreateMap(Settings, Log)), Modbus, board.Clock, Settings.GetNumber(SettingsCatalog.ModbusSlaveId));
            // Settings that need no restart reach the running parts through this, whoever changes them.
            SettingsEffects effects = new SettingsEffects(this);
            effects.ApplyModbus();
            Settings.AddListener(effects);

            ConfigKeys keys = new ConfigKeys(board.Storage, Log);
            keys.Load();
            OcppClient = new OcppClient(board, Core, Log, Settings, Charging, this, keys, BootCount, options.StartCountedByBoot);
        }

        public int HttpPort { get { return _options.HttpPort > 0 ? _options.HttpPort : Settings.GetNumber(SettingsCatalog.WebPort); } }

        public bool ModbusTcpEnabled { get { return _options.ModbusTcpPort > 0 || Settings.GetNumber(SettingsCatalog.ModbusTcpEnabled) == 1; } }

        public int ModbusTcpPort { get { return _options.ModbusTcpPort > 0 ? _options.ModbusTcpPort : Settings.GetNumber(SettingsCatalog.ModbusTcpPort); } }

        string ModbusTcpBind { get { return _options.ModbusTcpBind != null ? _options.ModbusTcpBind : Settings.GetText(SettingsCatalog.ModbusTcpBind); } }

        public bool ModbusRtuEnabled { get { return _options.ModbusRtuDevice != null || Settings.GetNumber(SettingsCatalog.ModbusRtuEnabled) == 1; } }

        /// <summary>The port Modbus TCP really listens on (after Start).</summary>
        public int ModbusTcpLocalPort { get { return _modbusTcp == null ? -1 : _modbusTcp.LocalPort; } }

        /// <summary>Starts the servers and timers. The caller then runs <see cref="Core"/> on its thread.
        /// When a part cannot start (a port in use, a serial device that cannot be opened), what was
        /// already started is stopped again before the error is passed on: no listener or thread of a
        /// half-started box stays behind. <paramref name="web"/> answers HTTP (the board passes the
        /// web site built on this box).</summary>
        public void Start(IHttpHandler web)
        {
            try { StartParts(web); }
            catch (System.Exception)
            {
                Stop();
                throw;
            }
        }

        void StartParts(IHttpHandler web)
        {
            Log.Info("wallbox", FirmwareInfo.Name + " " + OcppClient.RunningVersion + " on " + Board.Name + ", serial " + Board.SerialNumber);
            Board.HttpServer.Start(_options.HttpBind, HttpPort, web);
            Log.Info("web", "page on http://" + _options.HttpBind + ":" + HttpPort + "/");

            if (ModbusTcpEnabled)
            {
                _modbusTcp = new TcpServer(Board.CreateTcpListener(), ModbusSlave, Core, Log);
                _modbusTcp.Start(ModbusTcpBind, ModbusTcpPort);
                Log.Info("modbus", "TCP slave on " + ModbusTcpBind + ":" + _modbusTcp.LocalPort + ", unit id " + ModbusSlave.SlaveId);
            }
            if (ModbusRtuEnabled)
            {
                string device = _options.ModbusRtuDevice != null ? _options.ModbusRtuDevice : Settings.GetText(SettingsCatalog.ModbusRtuDevice);
                int baud = _options.ModbusRtuBaud > 0 ? _options.ModbusRtuBaud : Settings.GetNumber(SettingsCatalog.ModbusRtuBaud);
                int parity = _options.ModbusRtuParity >= 0 ? _options.ModbusRtuParity : Settings.GetNumber(SettingsCatalog.ModbusRtuParity);
                int stopBits = Settings.GetNumber(SettingsCatalog.ModbusRtuStopBits);
                _modbusRtu = new RtuSlave(Board.CreateSerialPort(), ModbusSlave, Core, Log);
                _modbusRtu.Start(device, baud, (SerialParity)parity, stopBits);
                Log.Info("modbus", "RTU slave on " + device + " at " + baud + " baud, slave id " + ModbusSlave.SlaveId);
            }

            if (OcppClient.IsOn) Log.Info("ocpp", "backend " + OcppUrl.Join(OcppClient.Connection.Url, OcppClient.Connection.ChargeBoxId));
            else Log.Info("ocpp", "off: no backend URL configured");
            StartTimers();
            _watchdog = new Poller(new LoopWatchdog(Core, Board, Log), LoopWatchdog.CheckEveryMs, Board.Log, "watchdog");
            _watchdog.Start();
        }

        /// <summary>The core loop's periodic work; tests on a simulated clock call this instead of Start.</summary>
        public void StartTimers()
        {
            Core.Schedule(Charging, 0, ChargingCore.TickMs);
            Core.Schedule(new MasterLostCheck(Modbus, Board.Clock), 1000, 1000);
            Core.Schedule(OcppClient, 100, OcppClient.TickMs);
        }

        /// <summary>Set once a restart or stop is under way: nothing new goes out to the backend, so a
        /// message whose answer would be lost in the restart is not sent twice.</summary>
        public bool Rebooting { get { return _rebooting; } }
        bool _rebooting;

        readonly System.Collections.ArrayList _beforeReboot = new System.Collections.ArrayList();

        /// <summary>Work that runs when the firmware restarts on purpose (not at a power cut): the
        /// parts built on the wallbox close what they keep open.</summary>
        public void BeforeReboot(ICoreWork work) { _beforeReboot.Add(work); }

        /// <summary>Saves what must survive and restarts the firmware.</summary>
        public void Reboot()
        {
            _rebooting = true;
            Log.Warning("wallbox", "rebooting");
            for (int i = 0; i < _beforeReboot.Count; i++) ((ICoreWork)_beforeReboot[i]).Run();
            Energy.Persist();
            Board.System.Reboot();
        }

        static int CountBoot(IStorage storage)
        {
            byte[] blob = storage.Read("boot-count");
            int count = 0;
            if (blob != null) Settings.TryParseInt(System.Text.Encoding.UTF8.GetString(blob, 0, blob.Length), out count);
            count++;
            byte[] text = System.Text.Encoding.UTF8.GetBytes(count.ToString());
            storage.Write("boot-count", text, 0, text.Length);
            return count;
        }

        /// <summary>How long a clean stop waits for the answer to a transaction message already sent.</summary>
        public const int StopWaitMs = 5000;

        /// <summary>Stops the servers and saves what must survive. A transaction message already on
        /// the wire gets up to StopWaitMs for its answer, which is stored: otherwise the next start
        /// would send it again (legal in OCPP after a lost answer, but a clean stop has the time).</summary>
        public void Stop()
        {
            _rebooting = true;   // nothing new goes out
            for (int waited = 0; waited < StopWaitMs && OcppClient.Rpc.AwaitingTransactionAnswer; waited += 10)
            {
                Core.RunPending();
                System.Threading.Thread.Sleep(10);
            }
            Core.RunPending();
            if (_watchdog != null) _watchdog.Stop();
            Board.HttpServer.Stop();
            if (_modbusTcp != null) _modbusTcp.Stop();
            if (_modbusRtu != null) _modbusRtu.Stop();
            OcppClient.Stop();
            Core.Stop();
            Energy.Persist();
            Log.Info("wallbox", "stopped");
        }

        /// <summary>Puts changed settings into the running parts: the Modbus slave id and master-lost
        /// policy, and a new evaluation of the arbiter for every change (a lower hardware maximum or
        /// cable rating is signalled at once).</summary>
        sealed class SettingsEffects : ISettingsListener
        {
            readonly Wallbox _box;

            public SettingsEffects(Wallbox box) { _box = box; }

            public void ApplyModbus()
            {
                Settings s = _box.Settings;
                _box.ModbusSlave.SlaveId = s.GetNumber(SettingsCatalog.ModbusSlaveId);
                _box.Modbus.LostMode = s.GetNumber(SettingsCatalog.ModbusLostMode);
                _box.Modbus.LostTimeoutMs = s.GetNumber(SettingsCatalog.ModbusLostTimeout) * 1000;
                _box.Modbus.FallbackDeciAmps = s.GetNumber(SettingsCatalog.ModbusLostFallback);
            }

            public void SettingChanged(string key)
            {
                if (key.StartsWith("modbus.")) ApplyModbus();
                if (key.StartsWith("charging.")) _box.Charging.SettingsChanged();
                _box.Modbus.CheckLost(_box.Board.Clock.UptimeMs);
                _box.Modbus.Changed();   // publishes the Modbus side (a new fallback current) and decides again
            }
        }

        sealed class MasterLostCheck : ICoreWork
        {
            readonly ModbusControl _control;
            readonly IClock _clock;

            public MasterLostCheck(ModbusControl control, IClock clock)
            {
                _control = control;
                _clock = clock;
            }

            public void Run() { _control.CheckLost(_clock.UptimeMs); }
        }
    }
}
