using System;

namespace PowerBrain.Esp32
{
    /// <summary>
    /// What a controller board has and where: pins, UARTs, fitted options. Each board is a short
    /// text in Boards/ ("key = value" lines), parsed and checked here against the ESP32's pin rules,
    /// so a wrong pin map stops at start-up with a message instead of driving the wrong pin.
    /// Nothing else in the adapters knows a pin number.
    /// </summary>
    public sealed class BoardDefinition
    {
        public const int None = -1;

        public string Name = "";
        /// <summary>WROVER modules have PSRAM: TLS, the web page and Modbus TCP fit together.
        /// The PSRAM takes GPIO16 and GPIO17.</summary>
        public bool HasPsram;
        /// <summary>"wifi", or "ethernet" for boards with a PHY (the nanoCLR image names the PHY).</summary>
        public string Network = "wifi";

        // Control pilot: PWM out through the ±12 V driver, the CP level back into an ADC1 channel
        // through a divider, and the PP resistor into another (None: tethered cable).
        public int CpPwmPin = None;
        public int CpAdcChannel = None;
        public int PpAdcChannel = None;
        /// <summary>How the CP divider maps ADC millivolts to CP millivolts: cp = (adc - offset) * gain / 1000.
        /// ±12 V must land inside the ADC's accurate range (see Check).</summary>
        public int CpAdcOffsetMv = 1300;
        public int CpAdcGainPermille = 11000;

        /// <summary>The ESP32 ADC at 11 dB attenuation reads accurately only between these (Espressif's
        /// figures); near 0 V and above 2.45 V it bends, and the CP states A/B or F would blur.</summary>
        public const int AdcAccurateMinMv = 150, AdcAccurateMaxMv = 2450;
        /// <summary>PP: pull-up resistor to 3.3 V in ohms (the PP resistor of the plug to ground).</summary>
        public int PpPullUpOhms = 1000;

        public int ContactorPin = None;
        public int ContactorFeedbackPin = None;
        public int PhaseRelayPin = None;

        // RS485 for the Modbus RTU slave: UART number (COMn) and pins; DE is driven by RTS.
        public int Rs485Uart = 2;
        public int Rs485TxPin = None, Rs485RxPin = None, Rs485RtsPin = None;

        /// <summary>The energy meter: "none", "s0" (pulse input) or a Modbus RTU meter model
        /// ("sdm630", "sdm120") on its own RS485 line, polled as master.</summary>
        public string Meter = "none";
        public int S0Pin = None;
        public int S0PulsesPerKwh = 1000;
        public int MeterUart = 3;
        public int MeterTxPin = None, MeterRxPin = None, MeterRtsPin = None;
        public int MeterBaud = 9600;
        /// <summary>"none", "even" or "odd", as set on the meter.</summary>
        public string MeterParity = "none";
        public int MeterAddress = 1;

        /// <summary>RFID: "none" or "rc522" on an SPI bus.</summary>
        public string Rfid = "none";
        public int RfidSpiBus = 1;
        public int RfidSckPin = None, RfidMosiPin = None, RfidMisoPin = None, RfidCsPin = None;

        public int StatusLedPin = None;

        /// <summary>Every problem found by Parse, one per line; empty when the map is usable.</summary>
        public string Errors = "";

        public string Rs485Port { get { return "COM" + Rs485Uart; } }

        public string MeterPort { get { return "COM" + MeterUart; } }

        public bool IsValid { get { return Errors.Length == 0; } }

        /// <summary>Reads a board text. Unknown keys, bad numbers and pins the ESP32 cannot use are
        /// reported in Errors (all of them, with line numbers), never silently ignored.</summary>
        public static BoardDefinition Parse(string text)
        {
            BoardDefinition b = new BoardDefinition();
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                int hash = line.IndexOf('#');
                if (hash >= 0) line = line.Substring(0, hash);
                line = line.Trim();
                if (line.Length == 0) continue;
                int eq = line.IndexOf('=');
                if (eq <= 0) { b.Fail(i + 1, "expected key = value"); continue; }
                b.Set(i + 1, line.Substring(0, eq).Trim(), line.Substring(eq + 1).Trim());
            }
            b.Check();
            return b;
        }

        void Set(int line, string key, string value)
        {
            switch (key)
            {
                case "name": Name = value; return;
                case "psram": HasPsram = YesNo(line, key, value); return;
                case "network": Network = OneOf(line, key, value, "wifi|ethernet"); return;
                case "cp.pwm": CpPwmPin = Pin(line, key, value); return;
                case "cp.adc": CpAdcChannel = Number(line, key, value, 0, 7); return;
                case "cp.adc.offset.mv": CpAdcOffsetMv = Number(line, key, value, 0, 3300); return;
                case "cp.adc.gain.permille": CpAdcGainPermille = Number(line, key, value, 1, 100000); return;
                case "pp.adc": PpAdcChannel = value == "none" ? None : Number(line, key, value, 0, 7); return;
                case "pp.pullup.ohms": PpPullUpOhms = Number(line, key, value, 100, 100000); return;
                case "contactor": ContactorPin = Pin(line, key, value); return;
                case "contactor.feedback": ContactorFeedbackPin = Pin(line, key, value); return;
                case "phase.relay": PhaseRelayPin = Pin(line, key, value); return;
                case "rs485.uart": Rs485Uart = Number(line, key, value, 1, 3); return;
                case "rs485.tx": Rs485TxPin = Pin(line, key, value); return;
                case "rs485.rx": Rs485RxPin = Pin(line, key, value); return;
                case "rs485.rts": Rs485RtsPin = Pin(line, key, value); return;
                case "meter": Meter = OneOf(line, key, value, "none|s0|sdm630|sdm120"); return;
                case "meter.s0": S0Pin = Pin(line, key, value); return;
                case "meter.s0.pulses": S0PulsesPerKwh = Number(line, key, value, 1, 100000); return;
                case "meter.uart": MeterUart = Number(line, key, value, 1, 3); return;
                case "meter.tx": MeterTxPin = Pin(line, key, value); return;
                case "meter.rx": MeterRxPin = Pin(line, key, value); return;
                case "meter.rts": MeterRtsPin = Pin(line, key, value); return;
                case "meter.baud": MeterBaud = Number(line, key, value, 1200, 115200); return;
                case "meter.parity": MeterParity = OneOf(line, key, value, "none|even|odd"); return;
                case "meter.address": MeterAddress = Number(line, key, value, 1, 247); return;
                case "rfid": Rfid = OneOf(line, key, value, "none|rc522"); return;
                case "rfid.spi": RfidSpiBus = Number(line, key, value, 1, 2); return;
                case "rfid.sck": RfidSckPin = Pin(line, key, value); return;
                case "rfid.mosi": RfidMosiPin = Pin(line, key, value); return;
                case "rfid.miso": RfidMisoPin = Pin(line, key, value); return;
                case "rfid.cs": RfidCsPin = Pin(line, key, value); return;
                case "led": StatusLedPin = Pin(line, key, value); return;
                default: Fail(line, "unknown key '" + key + "'"); return;
            }
        }

        /// <summary>The rules that span keys: what each option needs, and the ESP32's pins.</summary>
        void Check()
        {
            if (Name.Length == 0) Fail(0, "name is missing");
            Require(CpPwmPin, "cp.pwm");
            Require(CpAdcChannel, "cp.adc");
            Require(ContactorPin, "contactor");
            Require(Rs485TxPin, "rs485.tx");
            Require(Rs485RxPin, "rs485.rx");
            Require(Rs485RtsPin, "rs485.rts");
            if (Meter == "s0") Require(S0Pin, "meter.s0");
            if (Meter == "sdm630" || Meter == "sdm120")
            {
                Require(MeterTxPin, "meter.tx");
                Require(MeterRxPin, "meter.rx");
                Require(MeterRtsPin, "meter.rts");
                if (MeterUart == Rs485Uart) Fail(0, "meter.uart: COM" + MeterUart + " is already the Modbus slave's UART");
            }
            if (Rfid == "rc522")
            {
                Require(RfidSckPin, "rfid.sck");
                Require(RfidMosiPin, "rfid.mosi");
                Require(RfidMisoPin, "rfid.miso");
                Require(RfidCsPin, "rfid.cs");
            }
            if (CpAdcOffsetMv != None && CpAdcGainPermille > 0)
            {
                int high = CpAdcOffsetMv + 12000 * 1000 / CpAdcGainPermille;
                int low = CpAdcOffsetMv - 12000 * 1000 / CpAdcGainPermille;
                if (high > AdcAccurateMaxMv || low < AdcAccurateMinMv)
                    Fail(0, "cp.adc: ±12 V read as " + low + ".." + high + " mV, outside the ESP32 ADC's accurate " + AdcAccurateMinMv + "–" + AdcAccurateMaxMv + " mV");
            }
            if (Rs485Uart == 1 || (MeterUart == 1 && Meter != "none" && Meter != "s0"))
                Fail(0, "COM1 is the nanoFramework debug and deployment port; use COM2 or COM3");

            // Each pin once: an ADC channel occupies its GPIO too.
            int[] used = new int[40];
            Use(used, AdcChannelPin(CpAdcChannel), "cp.adc", false);
            Use(used, AdcChannelPin(PpAdcChannel), "pp.adc", false);
            Use(used, CpPwmPin, "cp.pwm", true);
            Use(used, ContactorPin, "contactor", true);
            Use(used, ContactorFeedbackPin, "contactor.feedback", false);
            Use(used, PhaseRelayPin, "phase.relay", true);
            Use(used, Rs485TxPin, "rs485.tx", true);
            Use(used, Rs485RxPin, "rs485.rx", false);
            Use(used, Rs485RtsPin, "rs485.rts", true);
            if (Meter == "s0") Use(used, S0Pin, "meter.s0", false);
            if (Meter == "sdm630" || Meter == "sdm120")
            {
                Use(used, MeterTxPin, "meter.tx", true);
                Use(used, MeterRxPin, "meter.rx", false);
                Use(used, MeterRtsPin, "meter.rts", true);
            }
            if (Rfid == "rc522")
            {
                Use(used, RfidSckPin, "rfid.sck", true);
                Use(used, RfidMosiPin, "rfid.mosi", true);
                Use(used, RfidMisoPin, "rfid.miso", false);
                Use(used, RfidCsPin, "rfid.cs", true);
            }
            Use(used, StatusLedPin, "led", true);
        }

        void Use(int[] used, int pin, string key, bool output)
        {
            if (pin == None) return;
            if (pin >= 6 && pin <= 11) Fail(0, key + ": GPIO" + pin + " belongs to the SPI flash");
            else if (pin == 12) Fail(0, key + ": GPIO12 sets the flash voltage at boot; a board must not load it");
            else if (HasPsram && (pin == 16 || pin == 17)) Fail(0, key + ": GPIO" + pin + " belongs to the PSRAM on WROVER modules");
            else if (output && pin >= 34) Fail(0, key + ": GPIO" + pin + " is input-only");
            else if (used[pin] != 0) Fail(0, key + ": GPIO" + pin + " is used twice");
            used[pin] = 1;
        }

        /// <summary>The GPIO of an ADC1 channel (ADC2 cannot be read while Wi-Fi runs).</summary>
        public static int AdcChannelPin(int channel)
        {
            switch (channel)
            {
                case 0: return 36;
                case 1: return 37;
                case 2: return 38;
                case 3: return 39;
                case 4: return 32;
                case 5: return 33;
                case 6: return 34;
                case 7: return 35;
                default: return None;
            }
        }

        void Require(int value, string key)
        {
            if (value == None) Fail(0, key + " is missing");
        }

        void Fail(int line, string message)
        {
            if (Errors.Length > 0) Errors += "\n";
            Errors += line > 0 ? "line " + line + ": " + message : message;
        }

        int Pin(int line, string key, string value)
        {
            if (value == "none") return None;
            int pin = Number(line, key, value, 0, 39);
            if (pin == 20 || pin == 24 || (pin >= 28 && pin <= 31))
            {
                Fail(line, key + ": the ESP32 has no GPIO" + pin);
                return None;
            }
            return pin;
        }

        int Number(int line, string key, string value, int min, int max)
        {
            int n;
            if (!int.TryParse(value, out n) || n < min || n > max)
            {
                Fail(line, key + ": '" + value + "' is not a number from " + min + " to " + max);
                return None;
            }
            return n;
        }

        bool YesNo(int line, string key, string value)
        {
            if (value == "yes") return true;
            if (value != "no") Fail(line, key + ": expected yes or no, not '" + value + "'");
            return false;
        }

        string OneOf(int line, string key, string value, string choices)
        {
            string[] options = choices.Split('|');
            for (int i = 0; i < options.Length; i++) if (options[i] == value) return value;
            Fail(line, key + ": '" + value + "' is not one of " + choices);
            return options[0];
        }
    }
}
