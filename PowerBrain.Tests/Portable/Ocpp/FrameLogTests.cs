using System.Text;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Ocpp;

namespace PowerBrain.Tests.Portable
{
    /// <summary>The diagnostics file's frame ring (both runtimes): bounded, and never a secret.</summary>
    [TestClass]
    public class FrameLogTests
    {
        static string Written(FrameLog log)
        {
            JsonWriter w = new JsonWriter(1024, 16384);
            log.Write(w);
            return Encoding.UTF8.GetString(w.Buffer, 0, w.Length);
        }

        static void Add(FrameLog log, long ms, string frame)
        {
            byte[] b = Encoding.UTF8.GetBytes(frame);
            log.Record(ms, false, b, b.Length);
        }

        [TestMethod]
        public void KeysAndPasswordsNeverReachTheFileAndOnlyTheLastFramesAreKept()
        {
            FrameLog log = new FrameLog();
            Add(log, 1000, "[2,\"a\",\"ChangeConfiguration\",{\"key\":\"AuthorizationKey\",\"value\":\"3031323334\"}]");
            Add(log, 2000, "[2,\"b\",\"GetDiagnostics\",{\"location\":\"ftp://pb:s3cret@files.example/up/\"}]");
            string text = Written(log);
            Assert.IsTrue(text.IndexOf("3031323334") < 0, text);
            Assert.IsTrue(text.IndexOf("(a frame with the AuthorizationKey, left out)") >= 0, text);
            Assert.IsTrue(text.IndexOf("s3cret") < 0, text);
            Assert.IsTrue(text.IndexOf("ftp://***@files.example/up/") >= 0, text);
            for (int i = 0; i < FrameLog.Size; i++) Add(log, 3000 + i, "[3,\"" + i + "\",{}]");
            text = Written(log);
            Assert.IsTrue(text.IndexOf("GetDiagnostics") < 0, "rotated out: " + text);
            Assert.IsTrue(text.IndexOf("[3,\\\"" + (FrameLog.Size - 1) + "\\\",{}]") >= 0, text);
        }
    }
}
