using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Modbus;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    /// <summary>Modbus RTU framing through the slave's own reader thread on an in-memory line.</summary>
    [TestClass]
    public class RtuFramingTests
    {
        static RtuSlave StartRtu(ScriptBox t)
        {
            RtuSlave rtu = new RtuSlave(t.Board.Line, t.Box.ModbusSlave, t.Box.Core, new Logger(t.Log, t.Clock, 10));
            rtu.Start("COM2", 19200, Firmware.Hal.SerialParity.Even, 1);
            return rtu;
        }

        [TestMethod]
        public void RequestsAreAnsweredWithCrcAndBadFramesGetSilence()
        {
            ScriptBox t = new ScriptBox();
            ScriptedSerialLine line = t.Board.Line;
            RtuSlave rtu = StartRtu(t);
            try
            {
                Assert.AreEqual("01030200017984", ScriptBox.Hex(line.Request(RtuFrames.Request(1, 3, 8094, 1), 2000)), "8094 reads 1");
                Assert.AreEqual(ScriptBox.Hex(RtuFrames.Request(1, 6, 8093, 100)), ScriptBox.Hex(line.Request(RtuFrames.Request(1, 6, 8093, 100), 2000)), "a write is echoed");
                Assert.AreEqual(100, t.Box.Modbus.LimitDeciAmps);
                Assert.AreEqual("018302C0F1", ScriptBox.Hex(line.Request(RtuFrames.Request(1, 3, 7000, 1), 2000)), "exception 2 with its CRC");
                byte[] bad = RtuFrames.Request(1, 6, 8093, 60);
                bad[7] ^= 0x01;
                Assert.IsNull(line.Request(bad, 300), "bad CRC: silence");
                Assert.IsNull(line.Request(RtuFrames.Request(2, 3, 8094, 1), 300), "another slave: silence");
                Assert.IsNull(line.Request(RtuFrames.Request(0, 6, 8093, 80), 300), "broadcast: executed without a reply");
                Assert.AreEqual(80, t.Box.Modbus.LimitDeciAmps);
                Assert.IsTrue(rtu.Discarded >= 1);
            }
            finally { rtu.Stop(); }
        }

        static byte[] Join(byte[] a, byte[] b)
        {
            byte[] r = new byte[a.Length + b.Length];
            System.Array.Copy(a, r, a.Length);
            System.Array.Copy(b, 0, r, a.Length, b.Length);
            return r;
        }

        /// <summary>A shared bus without gaps: another slave's request and reply, garbage, and two
        /// requests of ours back to back, all in one read. Every request of ours is answered.</summary>
        [TestMethod]
        public void FramesAreCutByLengthOnABusyBusWithoutWaitingForSilence()
        {
            ScriptBox t = new ScriptBox();
            ScriptedSerialLine line = t.Board.Line;
            RtuSlave rtu = StartRtu(t);
            try
            {
                byte[] bus = RtuFrames.Request(2, 3, 100, 2);                            // the master asks slave 2
                bus = Join(bus, RtuFrames.WithCrc(2, 3, 4, 0, 1, 0, 2));                 // slave 2 answers
                bus = Join(bus, RtuFrames.WithCrc(2, 16, 0, 10, 0, 2, 4, 0, 5, 0, 6));   // a write to slave 2
                bus = Join(bus, RtuFrames.WithCrc(2, 16, 0, 10, 0, 2));                  // its echo
                bus = Join(bus, RtuFrames.WithCrc(3, 0x83, 2));                          // slave 3 refuses something
                bus = Join(bus, new byte[] { 0xFF, 0x01, 0x03, 0x55 });                  // line noise
                bus = Join(bus, RtuFrames.Request(1, 3, 8094, 1));                       // ours
                bus = Join(bus, RtuFrames.Request(1, 6, 8093, 120));                     // ours again, no gap
                line.Send(bus);
                byte[][] replies = line.Replies(2, 3000);
                Assert.AreEqual(2, replies.Length, "both of our requests are answered");
                Assert.AreEqual("01030200017984", ScriptBox.Hex(replies[0]));
                Assert.AreEqual(ScriptBox.Hex(RtuFrames.Request(1, 6, 8093, 120)), ScriptBox.Hex(replies[1]));
                Assert.AreEqual(120, t.Box.Modbus.LimitDeciAmps);
                Assert.AreEqual(4, rtu.Discarded, "only the four noise bytes were dropped");
            }
            finally { rtu.Stop(); }
        }
    }
}
