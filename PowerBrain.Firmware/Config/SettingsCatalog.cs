namespace PowerBrain.Firmware.Config
{
    /// <summary>The one place that knows every setting, its limits and its default.</summary>
    public static class SettingsCatalog
    {
        public const string WebPort = "web.port";

        public static readonly SettingDef[] All = new SettingDef[]
        {
            SettingDef.Number(WebPort, "Web page port", 1, 65535, 80, true),
        };

        public static SettingDef Find(string key)
        {
            for (int i = 0; i < All.Length; i++)
            {
                if (All[i].Key == key) return All[i];
            }
            return null;
        }
    }
}
