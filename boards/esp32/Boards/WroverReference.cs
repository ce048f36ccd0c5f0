namespace PowerBrain.Esp32.Boards
{
    /// <summary>The reference board: ESP32-WROVER-E (4 MB PSRAM), CP/PP on ADC1, RS485 on UART2,
    /// contactor with an auxiliary contact, a phase-switch relay and an S0 meter input.</summary>
    public static class WroverReference
    {
        public static BoardDefinition Create()
        {
            BoardDefinition b = new BoardDefinition();
            b.Name = "ESP32-WROVER reference";
            b.HasPsram = true;
            b.CpPwmPin = 25;
            b.CpAdcChannel = 6;       // GPIO34
            b.PpAdcChannel = 7;       // GPIO35
            b.CpAdcOffsetMv = 1650;   // the divider centres ±12 V on 1.65 V
            b.CpAdcGainPermille = 8000;
            b.PpPullUpOhms = 1000;
            b.ContactorPin = 26;
            b.ContactorFeedbackPin = 27;
            b.PhaseRelayPin = 33;
            b.Rs485Port = "COM2";
            b.Rs485TxPin = 17;
            b.Rs485RxPin = 16;
            b.Rs485RtsPin = 4;
            b.S0Pin = 32;
            b.S0PulsesPerKwh = 1000;
            b.StatusLedPin = 2;
            return b;
        }
    }
}
