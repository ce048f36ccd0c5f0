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

        // How the page shows it; set once in the catalogue.
        /// <summary>One line for the person setting it up.</summary>
        public string Help = "";
        /// <summary>The unit people see ("A", "s"); with Scale 10 a stored 165 shows as 16.5.</summary>
        public string Unit = "";
        public int Scale = 1;
        /// <summary>Named values, "value:name|value:name"; null when any number in range is fine.</summary>
        public string Choices;
        /// <summary>0 or 1, shown as a switch.</summary>
        public bool IsSwitch;

        SettingDef(string key, string label, bool isNumber, int min, int max, int defaultNumber,
                   int maxLength, string defaultText, bool secret, bool needsRestart, TextCheck check)
        {
            Key = key; Label = label; IsNumber = isNumber; Min = min; Max = max; DefaultNumber = defaultNumber;
            MaxLength = maxLength; DefaultText = defaultText; Secret = secret; NeedsRestart = needsRestart; Check = check;
        }

        public SettingDef Explain(string help) { Help = help; return this; }

        /// <summary>Stored in 0.1 A, shown in amperes.</summary>
        public SettingDef DeciAmps() { Unit = "A"; Scale = 10; return this; }

        public SettingDef In(string unit) { Unit = unit; return this; }

        public SettingDef Named(string choices) { Choices = choices; return this; }

        public SettingDef AsSwitch() { IsSwitch = true; return this; }

        /// <summary>True when the value is one of the named choices (or there are none).</summary>
        public bool Offers(int value)
        {
            return Choices == null || ("|" + Choices).IndexOf("|" + value + ":") >= 0;
        }

        /// <summary>A stored number as people read it: 165 with Scale 10 is "16.5 A".</summary>
        public string Show(int value)
        {
            string number = Scale == 10 ? Core.Numbers.Tenths(value) : value.ToString();
            return Unit.Length == 0 ? number : number + " " + Unit;
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
