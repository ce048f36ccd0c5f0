using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Firmware.Ocpp;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Core;

/// <summary>
/// The device keeps its files on the I: partition, 256 KiB on 4 MB boards and shared with the
/// device's own configuration. Every store is filled to its cap here through the firmware's own
/// code (real certificates from openssl, real MeterValues, real charging profiles), and the files
/// must stay within the firmware's share.
/// </summary>
[TestClass]
public sealed class StorageBudgetTests
{
    /// <summary>Half the partition: the rest is LittleFS's own blocks and the device configuration.</summary>
    const int BudgetBytes = 128 * 1024;
    const int LittleFsBlock = 4096;

    [TestMethod]
    public void EveryStoreFilledToItsCapFitsTheFirmwaresShareOfTheFlashPartition()
    {
        using var t = new TestBox();
        using var pki = new Pki();
        var client = t.Box.OcppClient;

        // Certificates: as many real CA certificates as CertificateStoreMaxLength allows, a client
        // certificate with its chain, a key.
        string[] pems = Directory.GetFiles(pki.Dir, "*.pem").Select(File.ReadAllText)
            .Where(p => p.StartsWith("-----BEGIN CERTIFICATE")).ToArray();
        var bundle = new StringBuilder();
        for (int i = 0; bundle.Length + pems[i % pems.Length].Length + 1 <= PowerBrain.Firmware.Security.CertificateStore.MaxLength; i++)
            bundle.Append(pems[i % pems.Length]).Append('\n');
        Assert.IsNull(client.Certificates.SetCa(bundle.ToString()));
        Assert.IsNull(client.Certificates.SetClientCertificate(bundle.ToString()));
        Assert.IsNull(client.Certificates.SetClientKey(File.ReadAllText(pki.P("client-key.pem"))));

        // Charging profiles: the most that can be installed, each with the most periods.
        for (int n = 0; n < SmartCharging.MaxInstalled; n++)
        {
            var periods = string.Join(",", Enumerable.Range(0, SmartCharging.MaxPeriods).Select(p => $"{{\"startPeriod\":{p * 600},\"limit\":{6 + p % 10}.5,\"numberPhases\":3}}"));
            bool cpMax = n == SmartCharging.MaxInstalled - 1;
            string json = $"{{\"chargingProfileId\":{100 + n},\"stackLevel\":{(cpMax ? 0 : n)},\"chargingProfilePurpose\":\"{(cpMax ? "ChargePointMaxProfile" : "TxDefaultProfile")}\"," +
                          $"\"chargingProfileKind\":\"Absolute\",\"validFrom\":\"2026-01-01T00:00:00.000Z\",\"validTo\":\"2027-12-31T23:59:59.000Z\"," +
                          $"\"chargingSchedule\":{{\"duration\":86400,\"startSchedule\":\"2026-11-24T00:00:00.000Z\",\"chargingRateUnit\":\"A\",\"minChargingRate\":6.0,\"chargingSchedulePeriod\":[{periods}]}}}}";
            var profile = ProfileJson.Read(json);
            string status = client.Profiles.Set(cpMax ? 0 : 1, profile, client.ConnectorId, -1, -1, t.Clock.UtcNow);
            Assert.AreEqual("Accepted", status, json);
        }
        Assert.AreEqual(SmartCharging.MaxInstalled, client.Profiles.Count);

        // The transaction queue: a transaction and as many MeterValues with every measurand as it holds.
        var store = client.Transactions.Store;
        byte[] start = Encoding.UTF8.GetBytes("\"connectorId\":1,\"idTag\":\"ABCDEF0123456789ABCD\",\"meterStart\":123456789,\"timestamp\":\"2026-11-24T05:00:00.000Z\"");
        var tx = store.Begin("ABCDEF0123456789ABCD", 123456789, "2026-11-24T05:00:00.000Z", 1, start);
        var everything = "Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage,Current.Offered,Temperature,SoC,Power.Offered";
        for (int i = 0; i < TransactionStore.MaxQueued + 5; i++) store.AddMeterValues(tx.Local, client.Transactions.MeterValuesMembers(everything, "Sample.Periodic"));
        Assert.AreEqual(TransactionStore.MaxQueued, store.Count, "the queue is full");

        t.Box.Energy.Persist();
        long total = 0, largest = 0, blocks = 0;
        var lines = new StringBuilder();
        foreach (var f in new DirectoryInfo(t.DataFolder).GetFiles())
        {
            total += f.Length;
            largest = Math.Max(largest, f.Length);
            blocks += (f.Length + LittleFsBlock - 1) / LittleFsBlock;
            lines.AppendLine($"{f.Name}: {f.Length} bytes");
        }
        // Replacing the largest file needs its temporary copy beside it for a moment.
        long worst = total + largest;
        string report = $"{total} bytes in files, {worst} with the largest one's temporary copy, {blocks * LittleFsBlock} in 4 KiB blocks:\n{lines}";
        Console.WriteLine(report);
        Assert.IsTrue(worst <= BudgetBytes, report);
        Assert.IsTrue((blocks + (largest + LittleFsBlock - 1) / LittleFsBlock) * LittleFsBlock <= BudgetBytes + 32 * 1024, "in whole blocks: " + report);
    }
}
