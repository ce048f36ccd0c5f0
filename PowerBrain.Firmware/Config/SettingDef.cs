namespace PowerBrain.Firmware.Config
{
    /// <summary>An extra check of a text setting; returns an error message, or null when fine.</summary>
    public delegate string TextCheck(string value);

    /// <summary>One setting: its key, its kind, its limits and its default.</summary>
    public sealed class SettingDef
    {
        public readonly string Key;
        public readonly string Label;
        public readonly bool IsNumber;
        public readonly int Min, Max, DefaultNumber;
        public readonly int MaxLength;
        public readonly string DefaultText;
        /// <summary>Write-only: never shown, never returned by any API.</summary>
        public readonly bool Secret;
        /// <summary>Takes effect only after a restart.</summary>
        public readonly bool NeedsRestart;
        public readonly TextCheck Check;

        SettingDef(string key, string label, bool isNumber, int min, int max, int defaultNumber,
                   int maxLength, string defaultText, bool secret, bool needsRestart, TextCheck check)
        {
            Key = key; Label = label; IsNumber = isNumber; Min = min; Max = max; DefaultNumber = defaultNumber;
            MaxLength = maxLength; DefaultText = defaultText; Secret = secret; NeedsRestart = needsRestart; Check = check;
        }

        public static SettingDef Number(string key, string label, int min, int max, int defaultValue, bool needsRestart)
        {
            return new SettingDef(key, label, true, min, max, defaultValue, 0, null, false, needsRestart, null);
        }

        /// <summary>A number with an extra check beyond its range.</summary>
        public static SettingDef NumberChecked(string key, string label, int min, int max, int defaultValue, bool needsRestart, TextCheck check)
        {
            return new SettingDef(key, label, true, min, max, defaultValue, 0, null, false, needsRestart, check);
        }

        public static SettingDef Text(string key, string label, int maxLength, string defaultValue, bool needsRestart, TextCheck check)
        {
            return new SettingDef(key, label, false, 0, 0, 0, maxLength, defaultValue, false, needsRestart, check);
        }

        public static SettingDef SecretText(string key, string label, int maxLength, bool needsRestart, TextCheck check)
        {
            return new SettingDef(key, label, false, 0, 0, 0, maxLength, "", true, needsRestart, check);
        }
    }
}
