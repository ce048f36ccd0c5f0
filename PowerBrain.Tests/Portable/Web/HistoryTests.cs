using System.Text;
using PowerBrain.Firmware.History;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Web;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    /// <summary>The owner's session log and the 15-minute chart, on the simulated clock: sessions
    /// with OCPP off, a power cut, the bound of 50, and the chart's ring.</summary>
    [TestClass]
    public class HistoryTests
    {
        static WebSite Site(ScriptBox t) { return new WebSite(t.Box, null); }

        [TestMethod]
        public void TwoSessionsWithOcppOffAreLoggedWithTheirEnergy()
        {
            ScriptBox t = new ScriptBox();
            WebSite site = Site(t);
            for (int n = 0; n < 2; n++)
            {
                t.Board.ScriptPilot.State = 'C';
                t.Run(60000);
                Assert.IsTrue(site.Sessions.Running);
                t.Board.ScriptPilot.State = 'A';
                t.Run(2000);
            }
            string[] lines = site.Sessions.Closed();
            Assert.AreEqual(2, lines.Length);
            for (int n = 0; n < 2; n++)
            {
                string[] f = SessionLog.Fields(lines[n]);
                Assert.AreEqual("EVDisconnected", f[4], lines[n]);
                Assert.AreEqual("", f[5], "no OCPP transaction");
                long wh = long.Parse(f[2]);
                // 16 A on three phases at 230 V for a minute is 184 Wh.
                Assert.IsTrue(wh > 150 && wh < 200, "energy " + wh);
                Assert.IsTrue(f[1].CompareTo(f[0]) > 0, "ends after it starts: " + lines[n]);
            }
            Assert.IsFalse(site.Sessions.Running);
        }

        [TestMethod]
        public void AnUnplugShorterThanThePollStillEndsTheSession()
        {
            ScriptBox t = new ScriptBox();
            WebSite site = Site(t);
            t.Board.ScriptPilot.State = 'C';
            t.Run(3000);
            t.Board.ScriptPilot.State = 'A';
            t.Run(100);   // the charging core sees it; the log looks only once a second
            t.Board.ScriptPilot.State = 'C';
            t.Run(3000);
            t.Board.ScriptPilot.State = 'A';
            t.Run(2000);
            Assert.AreEqual(2, site.Sessions.Closed().Length);
        }

        [TestMethod]
        public void APowerCutLeavesTheRunningSessionClosedWithPowerLoss()
        {
            ScriptBox t = new ScriptBox();
            Site(t);
            t.Board.ScriptPilot.State = 'C';
            t.Run(30000);
            t.Box.Energy.Persist();
            // No clean stop: the firmware is rebuilt on what the flash holds.
            t.Boot();
            WebSite after = Site(t);
            string[] lines = after.Sessions.Closed();
            Assert.AreEqual(1, lines.Length);
            string[] f = SessionLog.Fields(lines[0]);
            Assert.AreEqual("PowerLoss", f[4]);
            Assert.IsTrue(long.Parse(f[2]) > 50, "energy until the cut: " + f[2]);
            Assert.IsNull(t.Storage.Read(SessionLog.OpenBlob), "the running record is gone");
        }

        [TestMethod]
        public void ARestartOnPurposeEndsTheSessionWithRebootNotPowerLoss()
        {
            ScriptBox t = new ScriptBox();
            WebSite site = Site(t);
            t.Board.ScriptPilot.State = 'C';
            t.Run(5000);
            t.Box.Reboot();
            Assert.IsTrue(t.Board.ScriptSystem.RebootRequested);
            t.Boot();
            WebSite after = Site(t);
            string[] lines = after.Sessions.Closed();
            Assert.AreEqual(1, lines.Length);
            Assert.AreEqual("Reboot", SessionLog.Fields(lines[0])[4]);
            Assert.IsFalse(site.Sessions.Running);
        }

        [TestMethod]
        public void TheLogKeepsTheNewestFiftyOnFlash()
        {
            ScriptBox t = new ScriptBox();
            StringBuilder old = new StringBuilder();
            for (int i = 0; i < SessionLog.MaxSessions; i++) old.Append("2026-01-01T00:00:00Z,2026-01-01T01:00:00Z," + i + ",,EVDisconnected,,\n");
            byte[] blob = Encoding.UTF8.GetBytes(old.ToString());
            t.Storage.Write(SessionLog.LogBlob, blob, 0, blob.Length);
            WebSite site = Site(t);
            t.Board.ScriptPilot.State = 'B';
            t.Run(2000);
            t.Board.ScriptPilot.State = 'A';
            t.Run(2000);
            string[] lines = site.Sessions.Closed();
            Assert.AreEqual(SessionLog.MaxSessions, lines.Length);
            Assert.AreEqual("1", SessionLog.Fields(lines[0])[2], "the oldest (energy 0) was dropped");
            Assert.AreEqual("EVDisconnected", SessionLog.Fields(lines[lines.Length - 1])[4]);
        }

        [TestMethod]
        public void AnUnreadableRunningRecordIsDroppedWithAWarning()
        {
            ScriptBox t = new ScriptBox();
            byte[] junk = Encoding.UTF8.GetBytes("garbage without fields");
            t.Storage.Write(SessionLog.OpenBlob, junk, 0, junk.Length);
            WebSite site = Site(t);
            Assert.AreEqual(0, site.Sessions.Closed().Length);
            Assert.IsTrue(t.Log.Has("unreadable"), t.Log.Text);
            Assert.IsNull(t.Storage.Read(SessionLog.OpenBlob));
        }

        [TestMethod]
        public void DiagnosticsShowTheBackendUrlWithoutItsPassword()
        {
            Assert.AreEqual("wss://***@csms.example/ocpp/", PowerBrain.Firmware.Transfer.TransferUrl.WithoutPassword("wss://box:s3cret@csms.example/ocpp/"));
            Assert.AreEqual("ws://csms.example/a@b", PowerBrain.Firmware.Transfer.TransferUrl.WithoutPassword("ws://csms.example/a@b"));
            Assert.AreEqual("", PowerBrain.Firmware.Transfer.TransferUrl.WithoutPassword(""));
        }

        [TestMethod]
        public void TheChartKeepsTheLast180SamplesOldestFirst()
        {
            ScriptBox t = new ScriptBox();
            ChartSamples chart = new ChartSamples(t.Box.Status, t.Board.Clock);
            for (int i = 0; i < 200; i++)
            {
                t.Box.Status.OfferedDeciAmps = 60 + i;
                chart.Run();
            }
            Assert.AreEqual(ChartSamples.Slots, chart.Count);
            JsonWriter w = new JsonWriter(4096, 65536);
            chart.Write(w);
            string json = w.ToString();
            Assert.IsTrue(json.IndexOf("\"samples\":[[8,") > 0, "oldest kept is sample 20 (8.0 A): " + json.Substring(0, 60));
            Assert.IsTrue(json.IndexOf("[25.9,") > 0, "newest is sample 199 (25.9 A)");
        }
    }
}
