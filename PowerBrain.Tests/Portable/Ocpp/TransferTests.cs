using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Ocpp;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Transfer;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    /// <summary>Upload locations and the security log (both runtimes).</summary>
    [TestClass]
    public class TransferTests
    {
        [TestMethod]
        public void LocationsAreParsedWithCredentialsPortsAndPaths()
        {
            string error;
            TransferUrl u = TransferUrl.Parse("ftp://pb:s3:cret@files.example:2121/logs/box/", out error);
            Assert.IsNull(error);
            Assert.AreEqual("ftp", u.Scheme);
            Assert.AreEqual("pb", u.User);
            Assert.AreEqual("s3:cret", u.Password);
            Assert.AreEqual("files.example", u.Host);
            Assert.AreEqual(2121, u.Port);
            Assert.AreEqual("/logs/box/", u.Path);
            u = TransferUrl.Parse("HTTP://10.0.0.2", out error);
            Assert.AreEqual("http", u.Scheme);
            Assert.AreEqual(80, u.Port);
            Assert.AreEqual("/", u.Path);
            Assert.IsNull(u.User);
            Assert.IsNull(TransferUrl.Parse("sftp://x/y", out error));
            Assert.IsTrue(error.IndexOf("unsupported scheme sftp") >= 0, error);
            Assert.IsNull(TransferUrl.Parse("ftp://x:99999/", out error));
            Assert.IsNull(TransferUrl.Parse("ftp:///path", out error));
            Assert.IsNull(TransferUrl.Parse("no url", out error));
            Assert.AreEqual("ftp://***@files.example/", TransferUrl.WithoutPassword("ftp://pb:secret@files.example/"));
        }

        [TestMethod]
        public void TheSecurityLogIsBoundedKeptOnFlashAndFilteredByTime()
        {
            MemoryStorage storage = new MemoryStorage();
            Logger log = new Logger(new ListLog(), new SimClock(), 10);
            SecurityLogFile file = new SecurityLogFile(storage, log);
            for (int i = 0; i < SecurityLogFile.MaxLines + 5; i++)
                file.Add("2026-12-02T10:" + (i < 10 ? "0" : "") + i + ":00Z", "Event" + i, i % 2 == 0 ? "info " + i : null);
            Assert.AreEqual(SecurityLogFile.MaxLines, file.Count);
            SecurityLogFile again = new SecurityLogFile(storage, log);
            Assert.AreEqual(SecurityLogFile.MaxLines, again.Count, "kept over a restart");
            JsonWriter w = new JsonWriter(256, 16384);
            again.Write(w, "2026-12-02T10:50:00Z", "2026-12-02T10:52:00Z");
            string json = System.Text.Encoding.UTF8.GetString(w.Buffer, 0, w.Length);
            Assert.AreEqual("[\"2026-12-02T10:50:00Z Event50 info 50\",\"2026-12-02T10:51:00Z Event51\",\"2026-12-02T10:52:00Z Event52 info 52\"]", json);
            w.Reset();
            again.Write(w, null, "2026-12-02T10:05:00Z");
            Assert.AreEqual("[\"2026-12-02T10:05:00Z Event5\"]", System.Text.Encoding.UTF8.GetString(w.Buffer, 0, w.Length), "the oldest five gave way");
        }
    }
}
