using System;
using System.Device.Adc;
using System.Device.Gpio;
using System.Device.Pwm;
using System.Device.Spi;
using System.IO.Ports;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Esp32.Adapters
{
    /// <summary>
    /// The control pilot: 1 kHz PWM into the ±12 V driver, and the CP level read back through the
    /// divider. The ADC is not synchronised with the PWM, so a burst of samples over two periods is
    /// taken: the highest is the high level, the lowest the low level.
    /// </summary>
    public sealed class DevicePilot : IPilot
    {
        const int SamplesPerBurst = 48;
        readonly BoardDefinition _board;
        readonly PwmChannel _pwm;
        readonly AdcChannel _cp;
        readonly AdcChannel _pp;
        readonly int _adcMax;
        int _duty = 1000;
        bool _disconnected;
        int _lastHigh, _lastLow;

        public DevicePilot(BoardDefinition board)
        {
            _board = board;
            Configuration.SetPinFunction(board.CpPwmPin, DeviceFunction.PWM1);
            _pwm = PwmChannel.CreateFromPin(board.CpPwmPin, 1000, 1.0);
            if (_pwm == null) throw new InvalidOperationException("GPIO" + board.CpPwmPin + " has no PWM channel");
            _pwm.Start();
            AdcController adc = new AdcController();
            _adcMax = adc.MaxValue;
            _cp = adc.OpenChannel(board.CpAdcChannel);
            if (board.PpAdcChannel >= 0) _pp = adc.OpenChannel(board.PpAdcChannel);
        }

        public void SetDutyPermille(int dutyPermille)
        {
            _duty = dutyPermille;
            // DutyCycle is 0.0 to 1.0 (not percent). Disconnected: steady 0 V is state E.
            _pwm.DutyCycle = _disconnected ? 0.0 : dutyPermille / 1000.0;
        }

        public int DutyPermille { get { return _duty; } }

        public void SetDisconnected(bool disconnected)
        {
            _disconnected = disconnected;
            SetDutyPermille(_duty);
        }

        void Burst()
        {
            int high = int.MinValue, low = int.MaxValue;
            for (int i = 0; i < SamplesPerBurst; i++)
            {
                int raw = _cp.ReadValue();
                if (raw > high) high = raw;
                if (raw < low) low = raw;
            }
            _lastHigh = AdcScaling.CpMillivolts(ToMillivolts(high), _board.CpAdcOffsetMv, _board.CpAdcGainPermille);
            _lastLow = AdcScaling.CpMillivolts(ToMillivolts(low), _board.CpAdcOffsetMv, _board.CpAdcGainPermille);
        }

        int ToMillivolts(int raw) { return raw * 3300 / _adcMax; }

        public int ReadHighMillivolts()
        {
            Burst();
            return _lastHigh;
        }

        /// <summary>The low level of the last burst (the charging core reads high first).</summary>
        public int ReadLowMillivolts() { return _lastLow; }

        public int ReadProximityOhms()
        {
            if (_pp == null) return -1;
            return AdcScaling.PpOhms(ToMillivolts(_pp.ReadValue()), 3300, _board.PpPullUpOhms);
        }
    }

    /// <summary>The contactor driver, its auxiliary contact and the phase-switch relay.</summary>
    public sealed class DeviceContactor : IContactor
    {
        readonly GpioController _gpio;
        readonly BoardDefinition _board;
        bool _closed;

        public DeviceContactor(GpioController gpio, BoardDefinition board)
        {
            _gpio = gpio;
            _board = board;
            _gpio.OpenPin(board.ContactorPin, PinMode.Output);
            _gpio.Write(board.ContactorPin, PinValue.Low);
            if (board.ContactorFeedbackPin >= 0) _gpio.OpenPin(board.ContactorFeedbackPin, PinMode.InputPullUp);
            if (board.PhaseRelayPin >= 0)
            {
                _gpio.OpenPin(board.PhaseRelayPin, PinMode.Output);
                _gpio.Write(board.PhaseRelayPin, PinValue.Low);
            }
        }

        public void SetClosed(bool closed)
        {
            _closed = closed;
            _gpio.Write(_board.ContactorPin, closed ? PinValue.High : PinValue.Low);
        }

        /// <summary>The auxiliary contact pulls the input low when the contactor is closed.</summary>
        public bool FeedbackClosed
        {
            get { return _board.ContactorFeedbackPin < 0 ? _closed : _gpio.Read(_board.ContactorFeedbackPin) == PinValue.Low; }
        }

        /// <summary>The relay energised selects one phase.</summary>
        public void SetPhases(int phases)
        {
            if (_board.PhaseRelayPin >= 0) _gpio.Write(_board.PhaseRelayPin, phases == 1 ? PinValue.High : PinValue.Low);
        }

        public bool CanSwitchPhases { get { return _board.PhaseRelayPin >= 0; } }
    }

    /// <summary>An energy meter with an S0 pulse output on a GPIO; its count is kept by the firmware's
    /// energy register, so the meter reports pulses since start.</summary>
    public sealed class S0Meter : IMeter
    {
        readonly BoardDefinition _board;
        long _pulses;
        long _lastPulseUs;
        long _betweenUs;
        readonly object _lock = new object();

        public S0Meter(GpioController gpio, BoardDefinition board)
        {
            _board = board;
            gpio.OpenPin(board.S0Pin, PinMode.InputPullUp);
            gpio.RegisterCallbackForPinValueChangedEvent(board.S0Pin, PinEventTypes.Falling, OnPulse);
        }

        void OnPulse(object sender, PinValueChangedEventArgs e)
        {
            long now = (long)HighResTimer.GetCurrent();
            lock (_lock)
            {
                _pulses++;
                if (_lastPulseUs > 0) _betweenUs = now - _lastPulseUs;
                _lastPulseUs = now;
            }
        }

        public bool IsPresent { get { return true; } }

        public bool Read(MeterReading into)
        {
            long now = (long)HighResTimer.GetCurrent();
            lock (_lock)
            {
                into.EnergyWh = AdcScaling.PulsesToWh(_pulses, _board.S0PulsesPerKwh);
                into.PowerW = AdcScaling.PulsePowerW(_betweenUs, now - _lastPulseUs, _board.S0PulsesPerKwh);
            }
            // An S0 meter gives no per-phase values.
            return true;
        }
    }

    /// <summary>No meter fitted.</summary>
    public sealed class NoMeter : IMeter
    {
        public bool IsPresent { get { return false; } }

        public bool Read(MeterReading into) { return false; }
    }

    /// <summary>The RC522's SPI bus: pins mapped to the bus, chip select by the driver, mode 0 at 1 MHz.</summary>
    public sealed class DeviceSpi : ISpiDevice
    {
        readonly SpiDevice _device;

        public DeviceSpi(BoardDefinition board)
        {
            if (board.RfidSpiBus == 2)
            {
                Configuration.SetPinFunction(board.RfidMosiPin, DeviceFunction.SPI2_MOSI);
                Configuration.SetPinFunction(board.RfidMisoPin, DeviceFunction.SPI2_MISO);
                Configuration.SetPinFunction(board.RfidSckPin, DeviceFunction.SPI2_CLOCK);
            }
            else
            {
                Configuration.SetPinFunction(board.RfidMosiPin, DeviceFunction.SPI1_MOSI);
                Configuration.SetPinFunction(board.RfidMisoPin, DeviceFunction.SPI1_MISO);
                Configuration.SetPinFunction(board.RfidSckPin, DeviceFunction.SPI1_CLOCK);
            }
            SpiConnectionSettings settings = new SpiConnectionSettings(board.RfidSpiBus, board.RfidCsPin);
            settings.ClockFrequency = 1000000;
            settings.Mode = SpiMode.Mode0;
            _device = SpiDevice.Create(settings);
        }

        public void Transfer(byte[] write, byte[] read)
        {
            _device.TransferFullDuplex(new SpanByte(write), new SpanByte(read));
        }
    }

    /// <summary>No RFID reader fitted: the fixed idTag setting authorizes ("free vend").</summary>
    public sealed class NoRfid : IRfidReader
    {
        public bool IsFitted { get { return false; } }

        public string PollCard() { return null; }
    }

    /// <summary>An RS485 line (the Modbus slave's, or the meter's): UART pins mapped first, then
    /// RS485 mode drives DE on RTS only while sending.</summary>
    public sealed class DeviceSerialPort : ISerialPort
    {
        readonly int _uart, _txPin, _rxPin, _rtsPin;
        SerialPort _port;

        public DeviceSerialPort(int uart, int txPin, int rxPin, int rtsPin)
        {
            _uart = uart;
            _txPin = txPin;
            _rxPin = rxPin;
            _rtsPin = rtsPin;
        }

        public void Open(string device, int baud, SerialParity parity, int stopBits)
        {
            if (_uart == 3)
            {
                Configuration.SetPinFunction(_txPin, DeviceFunction.COM3_TX);
                Configuration.SetPinFunction(_rxPin, DeviceFunction.COM3_RX);
                Configuration.SetPinFunction(_rtsPin, DeviceFunction.COM3_RTS);
            }
            else
            {
                Configuration.SetPinFunction(_txPin, DeviceFunction.COM2_TX);
                Configuration.SetPinFunction(_rxPin, DeviceFunction.COM2_RX);
                Configuration.SetPinFunction(_rtsPin, DeviceFunction.COM2_RTS);
            }
            Parity p = parity == SerialParity.Even ? Parity.Even : parity == SerialParity.Odd ? Parity.Odd : Parity.None;
            _port = new SerialPort("COM" + _uart, baud, p, 8, stopBits == 2 ? StopBits.Two : StopBits.One);
            _port.Mode = SerialMode.RS485;
            _port.Open();
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int waited = 0;
            while (_port.BytesToRead == 0)
            {
                if (waited >= timeoutMs) return 0;
                Thread.Sleep(1);
                waited++;
            }
            int n = _port.BytesToRead;
            if (n > count) n = count;
            return _port.Read(buffer, offset, n);
        }

        public void Write(byte[] buffer, int offset, int count) { _port.Write(buffer, offset, count); }

        public void Close()
        {
            if (_port != null) _port.Close();
        }
    }
}
