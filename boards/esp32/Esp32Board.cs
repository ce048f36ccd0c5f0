using System.Device.Gpio;
using PowerBrain.Esp32.Adapters;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Meters;
using PowerBrain.Firmware.Rfid;

namespace PowerBrain.Esp32
{
    /// <summary>The ESP32 board: every HAL interface on nanoFramework APIs, wired from a board definition.</summary>
    public sealed class Esp32Board : IBoard
    {
        readonly BoardDefinition _definition;
        readonly GpioController _gpio = new GpioController();

        public Esp32Board(BoardDefinition definition, string serialNumber)
        {
            _definition = definition;
            SerialNumber = serialNumber;
            Clock = new DeviceClock();
            Storage = new FlashStorage();
            Log = new DebugLog();
            System = new DeviceSystem();
            HttpServer = new DeviceHttpServer();
            Pilot = new DevicePilot(definition);
            Contactor = new DeviceContactor(_gpio, definition);
            Meter = CreateMeter(definition);
            Rfid = CreateRfid(definition);
        }

        IMeter CreateMeter(BoardDefinition d)
        {
            if (d.Meter == "s0") return new S0Meter(_gpio, d);
            if (d.Meter == "none") return new NoMeter();
            ModbusMeter meter = new ModbusMeter(new DeviceSerialPort(d.MeterUart, d.MeterTxPin, d.MeterRxPin, d.MeterRtsPin),
                                                Clock, Log, d.Meter, d.MeterAddress, d.MeterBaud);
            SerialParity parity = d.MeterParity == "even" ? SerialParity.Even : d.MeterParity == "odd" ? SerialParity.Odd : SerialParity.None;
            meter.Start(d.MeterPort, d.MeterBaud, parity);
            return meter;
        }

        IRfidReader CreateRfid(BoardDefinition d)
        {
            if (d.Rfid != "rc522") return new NoRfid();
            Mfrc522Reader reader = new Mfrc522Reader(new DeviceSpi(d), Log);
            reader.Start();   // a chip that does not answer is logged and reports IsFitted = false
            return reader;
        }

        public string Name { get { return _definition.Name; } }
        public string SerialNumber { get; private set; }
        public IClock Clock { get; private set; }
        public IStorage Storage { get; private set; }
        public ILog Log { get; private set; }
        public ISystem System { get; private set; }
        public IHttpServer HttpServer { get; private set; }
        public IPilot Pilot { get; private set; }
        public IContactor Contactor { get; private set; }
        public IMeter Meter { get; private set; }
        public IRfidReader Rfid { get; private set; }

        public IWebSocketClient CreateWebSocket() { return new DeviceWebSocket(); }

        public ITcpListener CreateTcpListener() { return new DeviceTcpListener(); }
        public ITcpConnection ConnectTcp(string host, int port, int timeoutMs, TlsMaterial tls) { return DeviceTcpListener.Connect(host, port, timeoutMs, tls); }

        public ISerialPort CreateSerialPort()
        {
            return new DeviceSerialPort(_definition.Rs485Uart, _definition.Rs485TxPin, _definition.Rs485RxPin, _definition.Rs485RtsPin);
        }
    }
}
