using System.Linq;
using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Ocpp;

namespace PowerBrain.Tests.Core;

/// <summary>The settings catalogue and the OCPP key table are made row by row on demand; their
/// name lists must agree with the rows and with the names the code uses.</summary>
[TestClass]
public sealed class CatalogueTests
{
    static string[] Constants(System.Type t) => t.GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()).ToArray();

    [TestMethod]
    public void EverySettingNamedInTheCodeIsInTheCatalogueOnce()
    {
        var keys = SettingsCatalog.Keys;
        CollectionAssert.AllItemsAreUnique(keys);
        CollectionAssert.AreEquivalent(Constants(typeof(SettingsCatalog)), keys);
        for (int i = 0; i < keys.Length; i++)
        {
            Assert.AreEqual(keys[i], SettingsCatalog.Find(keys[i]).Key);
            Assert.AreEqual(i, SettingsCatalog.IndexOf(keys[i]));
        }
        Assert.IsNull(SettingsCatalog.Find("web.nothing"));
        Assert.AreNotSame(SettingsCatalog.Find(SettingsCatalog.WebPort), SettingsCatalog.Find(SettingsCatalog.WebPort), "made per call, never kept");
    }

    [TestMethod]
    public void EveryOcppKeyNamedInTheCodeIsInTheTableOnce()
    {
        var names = ConfigKeys.Names;
        CollectionAssert.AllItemsAreUnique(names);
        CollectionAssert.IsSubsetOf(Constants(typeof(ConfigKeys)).Where(c => c != ConfigKeys.BlobName).ToArray(), names);
        for (int i = 0; i < names.Length; i++) Assert.AreEqual(names[i], ConfigKeys.Find(names[i]).Name);
        Assert.IsNull(ConfigKeys.Row(names.Length));
        Assert.IsNull(ConfigKeys.Find("NoSuchKey"));
    }
}
