namespace PowerBrain.Firmware.Core
{
    public static class FirmwareInfo
    {
        public const string Name = "PowerBrain Wallbox";
        public const int Major = 0;
        public const int Minor = 1;
        public const int Build = 1;
        public const string Version = "0.1.1";
    }
}
