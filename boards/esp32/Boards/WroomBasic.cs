namespace PowerBrain.Esp32.Boards
{
    /// <summary>
    /// ESP32-WROOM (no PSRAM, about 100 KiB managed heap). Limits: no TLS together with the web
    /// page and Modbus TCP (choose plain ws:// or switch Modbus TCP off), one Modbus TCP client
    /// at a time is advisable, no phase switching relay, no contactor feedback.
    /// </summary>
    public static class WroomBasic
    {
        public static BoardDefinition Create()
        {
            BoardDefinition b = new BoardDefinition();
            b.Name = "ESP32-WROOM basic";
            b.HasPsram = false;
            b.CpPwmPin = 25;
            b.CpAdcChannel = 6;
            b.PpAdcChannel = -1;      // tethered cable: the rating is a setting
            b.CpAdcOffsetMv = 1650;
            b.CpAdcGainPermille = 8000;
            b.ContactorPin = 26;
            b.Rs485Port = "COM2";
            b.Rs485TxPin = 17;
            b.Rs485RxPin = 16;
            b.Rs485RtsPin = 4;
            b.S0Pin = 32;
            return b;
        }
    }
}
