namespace PowerBrain.Esp32.Boards
{
    /// <summary>The reference board: ESP32-WROVER-E (4 MB PSRAM) with every option fitted.</summary>
    public static class WroverReference
    {
        public const string Text = @"
name = ESP32-WROVER reference
psram = yes                # GPIO16/17 belong to the PSRAM
network = wifi
cp.pwm = 25                # 1 kHz into the ±12 V driver
cp.adc = 6                 # ADC1 channel 6 = GPIO34
cp.adc.offset.mv = 1300    # the divider maps ±12 V onto 0.21..2.39 V
cp.adc.gain.permille = 11000
pp.adc = 7                 # GPIO35, 1 kΩ pull-up to 3.3 V
pp.pullup.ohms = 1000
contactor = 26
contactor.feedback = 27    # auxiliary contact pulls low when closed
phase.relay = 33           # energised = one phase
rs485.uart = 2             # Modbus RTU slave (load manager)
rs485.tx = 22
rs485.rx = 21
rs485.rts = 4              # transceiver DE/RE
meter = sdm630             # Modbus RTU master on its own RS485 line
meter.uart = 3
meter.tx = 13
meter.rx = 39
meter.rts = 14
meter.baud = 9600
meter.parity = none
meter.address = 1
rfid = rc522
rfid.spi = 1
rfid.sck = 18
rfid.mosi = 23
rfid.miso = 19
rfid.cs = 5
led = 2
";

        public static BoardDefinition Create() { return BoardDefinition.Parse(Text); }
    }
}
