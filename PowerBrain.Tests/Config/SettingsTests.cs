using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Core;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Config;

[TestClass]
public sealed class SettingsTests
{
    static Settings Make(MemoryStorage storage, ListLog log) => new(storage, new Logger(log, new SimClock(), 10));

    [TestMethod]
    public void ValidChangesArePersistedAndSurviveARestart()
    {
        var storage = new MemoryStorage();
        var s = Make(storage, new ListLog());
        Assert.IsNull(s.Apply(new[] { SettingsCatalog.WebPort }, new[] { "8081" }, true));
        var again = Make(storage, new ListLog());
        again.Load();
        Assert.AreEqual(8081, again.GetNumber(SettingsCatalog.WebPort));
    }

    [TestMethod]
    public void AnInvalidFieldSavesNothingAndSaysWhy()
    {
        var storage = new MemoryStorage();
        var s = Make(storage, new ListLog());
        var errors = s.Apply(new[] { SettingsCatalog.WebPort, "no.such" }, new[] { "70000", "1" }, true);
        CollectionAssert.AreEqual(new[] { "Web page port: must be between 1 and 65535", "no.such: unknown setting" }, errors);
        Assert.AreEqual(80, s.GetNumber(SettingsCatalog.WebPort));
        Assert.AreEqual(0, storage.Writes);
        CollectionAssert.AreEqual(new[] { "Web page port: not a whole number" }, s.Apply(new[] { SettingsCatalog.WebPort }, new[] { "80a" }, true));
    }

    [TestMethod]
    public void WritingAnUnchangedValueDoesNotTouchFlash()
    {
        var storage = new MemoryStorage();
        var s = Make(storage, new ListLog());
        Assert.IsNull(s.Apply(new[] { SettingsCatalog.WebPort }, new[] { "80" }, true));
        Assert.AreEqual(0, storage.Writes);
    }

    [TestMethod]
    public void ABrokenFileIsKeptAsideAndDefaultsAreUsed()
    {
        var storage = new MemoryStorage();
        var broken = Encoding.UTF8.GetBytes("{\"web.port\": 81, \"x\": [1,2");
        storage.Blobs[Settings.BlobName] = broken;
        var log = new ListLog();
        var s = Make(storage, log);
        s.Load();
        Assert.AreEqual(81, s.GetNumber(SettingsCatalog.WebPort), "what was readable before the damage is kept");
        CollectionAssert.AreEqual(broken, storage.Blob(Settings.BadBlobName));
        Assert.IsTrue(log.Has("settings file is broken", "offset"), log.Text);
    }

    [TestMethod]
    public void AnOutOfRangeStoredValueFallsBackToTheDefault()
    {
        var storage = new MemoryStorage();
        storage.Blobs[Settings.BlobName] = Encoding.UTF8.GetBytes("{\"web.port\": 0, \"unknown\": {\"a\":1}}");
        var log = new ListLog();
        var s = Make(storage, log);
        s.Load();
        Assert.AreEqual(80, s.GetNumber(SettingsCatalog.WebPort));
        Assert.IsTrue(log.Has("stored setting ignored"));
    }
}
