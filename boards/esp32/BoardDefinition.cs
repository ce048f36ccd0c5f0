namespace PowerBrain.Esp32
{
    /// <summary>What a controller board has and where: pins, UART, fitted options. One file per
    /// board in Boards/ fills this in; nothing else in the adapters knows a pin number.</summary>
    public sealed class BoardDefinition
    {
        public string Name;
        /// <summary>WROVER modules have PSRAM: TLS, the web page and Modbus TCP fit together.</summary>
        public bool HasPsram;

        // Control pilot: PWM out through the ±12 V driver, the CP level back into an ADC channel
        // through a divider, and the PP resistor into another (-1: no PP circuit, tethered cable).
        public int CpPwmPin;
        public int CpAdcChannel;
        public int PpAdcChannel = -1;
        /// <summary>How the CP divider maps ADC millivolts to CP millivolts: cp = (adc - offset) * gain / 1000.</summary>
        public int CpAdcOffsetMv;
        public int CpAdcGainPermille;
        /// <summary>PP: pull-up resistor to 3.3 V in ohms (the PP resistor of the plug to ground).</summary>
        public int PpPullUpOhms = 1000;

        public int ContactorPin;
        public int ContactorFeedbackPin = -1;
        public int PhaseRelayPin = -1;

        // RS485 for Modbus RTU: UART, pins; the transceiver's DE is driven by RTS.
        public string Rs485Port = "COM2";
        public int Rs485TxPin, Rs485RxPin, Rs485RtsPin;

        /// <summary>S0 pulse input of the energy meter (-1: none), and its pulses per kWh.</summary>
        public int S0Pin = -1;
        public int S0PulsesPerKwh = 1000;

        public int StatusLedPin = -1;
    }
}
