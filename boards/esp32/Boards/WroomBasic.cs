namespace PowerBrain.Esp32.Boards
{
    /// <summary>
    /// ESP32-WROOM (no PSRAM, about 100 KiB managed heap). Limits: no TLS together with the web
    /// page and Modbus TCP (choose plain ws:// or switch Modbus TCP off), one Modbus TCP client
    /// at a time is advisable; tethered cable, S0 meter, no RFID, no phase switching, no contactor
    /// feedback.
    /// </summary>
    public static class WroomBasic
    {
        public const string Text = @"
name = ESP32-WROOM basic
psram = no
network = wifi
cp.pwm = 25
cp.adc = 6                 # GPIO34
cp.adc.offset.mv = 1300    # the divider maps ±12 V onto 0.21..2.39 V
cp.adc.gain.permille = 11000
pp.adc = none              # tethered cable: the rating is a setting
contactor = 26
rs485.uart = 2
rs485.tx = 17
rs485.rx = 16
rs485.rts = 4
meter = s0
meter.s0 = 32
meter.s0.pulses = 1000
rfid = none
";

        public static BoardDefinition Create() { return BoardDefinition.Parse(Text); }
    }
}
