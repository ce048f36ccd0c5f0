using System.Text;
using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Core;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    /// <summary>Settings: validation with reasons, persistence, and broken files.</summary>
    [TestClass]
    public class SettingsTests
    {
        static Settings Make(MemoryStorage storage, ListLog log) { return new Settings(storage, new Logger(log, new SimClock(), 10)); }

        [TestMethod]
        public void ValidChangesArePersistedAndSurviveARestart()
        {
            MemoryStorage storage = new MemoryStorage();
            Settings s = Make(storage, new ListLog());
            Assert.IsNull(s.Apply(new string[] { SettingsCatalog.WebPort }, new string[] { "8081" }, true));
            Settings again = Make(storage, new ListLog());
            again.Load();
            Assert.AreEqual(8081, again.GetNumber(SettingsCatalog.WebPort));
        }

        [TestMethod]
        public void AnInvalidFieldSavesNothingAndSaysWhy()
        {
            MemoryStorage storage = new MemoryStorage();
            Settings s = Make(storage, new ListLog());
            SettingError[] errors = s.Apply(new string[] { SettingsCatalog.WebPort, "no.such" }, new string[] { "70000", "1" }, true);
            Assert.AreEqual(2, errors.Length);
            Assert.AreEqual(SettingsCatalog.WebPort, errors[0].Key);
            Assert.AreEqual("Web page port: must be between 1 and 65535", errors[0].Message);
            Assert.AreEqual("no.such", errors[1].Key);
            Assert.AreEqual("no.such: unknown setting", errors[1].Message);
            Assert.AreEqual(80, s.GetNumber(SettingsCatalog.WebPort));
            Assert.AreEqual(0, storage.Writes);
            errors = s.Apply(new string[] { SettingsCatalog.WebPort }, new string[] { "80a" }, true);
            Assert.AreEqual("Web page port: not a whole number", errors[0].Message);
            errors = s.Apply(new string[] { SettingsCatalog.OcppUrl }, new string[] { "http://x" }, true);
            Assert.IsTrue(errors[0].Message.EndsWith("must start with ws:// or wss://"), errors[0].Message);
            errors = s.Apply(new string[] { SettingsCatalog.OcppChargeBoxId }, new string[] { "WB 😀" }, true);
            Assert.IsNotNull(errors, "non-ASCII ChargeBox ID");
        }

        [TestMethod]
        public void WritingAnUnchangedValueDoesNotTouchFlash()
        {
            MemoryStorage storage = new MemoryStorage();
            Settings s = Make(storage, new ListLog());
            Assert.IsNull(s.Apply(new string[] { SettingsCatalog.WebPort }, new string[] { "80" }, true));
            Assert.AreEqual(0, storage.Writes);
        }

        [TestMethod]
        public void ABrokenFileIsKeptAsideAndDefaultsAreUsed()
        {
            MemoryStorage storage = new MemoryStorage();
            byte[] broken = Encoding.UTF8.GetBytes("{\"web.port\": 81, \"x\": [1,2");
            storage.Blobs[Settings.BlobName] = broken;
            ListLog log = new ListLog();
            Settings s = Make(storage, log);
            s.Load();
            Assert.AreEqual(81, s.GetNumber(SettingsCatalog.WebPort), "what was readable before the damage is kept");
            CollectionAssert.AreEqual(broken, storage.Blob(Settings.BadBlobName));
            Assert.IsTrue(log.Has("settings.json unreadable (", "offset"), log.Text);
        }

        [TestMethod]
        public void AnOutOfRangeStoredValueFallsBackToTheDefault()
        {
            MemoryStorage storage = new MemoryStorage();
            storage.Blobs[Settings.BlobName] = Encoding.UTF8.GetBytes("{\"web.port\": 0, \"unknown\": {\"a\":1}}");
            ListLog log = new ListLog();
            Settings s = Make(storage, log);
            s.Load();
            Assert.AreEqual(80, s.GetNumber(SettingsCatalog.WebPort));
            Assert.IsTrue(log.Has("stored setting ignored"));
        }

        [TestMethod]
        public void WholeNumbersAreParsedStrictly()
        {
            int v;
            Assert.IsTrue(Settings.TryParseInt("-2147483648", out v));
            Assert.AreEqual(int.MinValue, v);
            Assert.IsFalse(Settings.TryParseInt("2147483648", out v));
            Assert.IsFalse(Settings.TryParseInt("-", out v));
            Assert.IsFalse(Settings.TryParseInt(" 1", out v));
            Assert.IsFalse(Settings.TryParseInt("١", out v), "Arabic-Indic digit");
        }

        [TestMethod]
        public void TheCatalogueDescribesHowPeopleSeeEachSetting()
        {
            SettingDef max = SettingsCatalog.Find(SettingsCatalog.ChargingMaxCurrent);
            Assert.AreEqual("16.5 A", max.Show(165));
            Assert.AreEqual("Hardware maximum current: must be between 6.0 A and 80.0 A", Settings.Validate(max, "59"));
            SettingDef baud = SettingsCatalog.Find(SettingsCatalog.ModbusRtuBaud);
            Assert.AreEqual("RTU baud rate: 12345 is not one of the choices", Settings.Validate(baud, "12345"));
            Assert.IsNull(Settings.Validate(baud, "38400"));
            Assert.IsTrue(SettingsCatalog.Find(SettingsCatalog.ModbusTcpEnabled).IsSwitch);
            int withHelp = 0;
            for (int i = 0; i < SettingsCatalog.Keys.Length; i++)
            {
                SettingDef d = SettingsCatalog.Find(SettingsCatalog.Keys[i]);
                Assert.AreEqual(SettingsCatalog.Keys[i], d.Key, "every listed key has its definition");
                if (d.Help.Length > 0) withHelp++;
                Assert.IsTrue(d.Label.IndexOf("(0") < 0 && d.Label.IndexOf("0.1 A") < 0, "no legend or raw unit in the label: " + d.Label);
                if (d.IsNumber) Assert.IsTrue(d.Offers(d.DefaultNumber), d.Key + ": the default is one of its choices");
            }
            Assert.IsTrue(withHelp >= SettingsCatalog.Keys.Length - 1, "help texts: " + withHelp);
        }
    }
}
