using System.Text;
using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Modbus;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    /// <summary>The PDU engine and the cFos register map, request by request.</summary>
    [TestClass]
    public class ModbusPduTests
    {
        static string Hex(byte[] b) { return ScriptBox.Hex(b); }

        [TestMethod]
        public void IdentityBlockReadsAsACfosPowerBrain()
        {
            ScriptBox t = new ScriptBox();
            byte[] r = t.Modbus(3, 0x1F, 0x40, 0, 32);   // 8000, 32 registers
            Assert.AreEqual(3, (int)r[0]);
            Assert.AreEqual(64, (int)r[1]);
            Assert.AreEqual(0, Word(r, 8000));
            Assert.AreEqual(0xCF05, Word(r, 8001));
            Assert.AreEqual(1, Word(r, 8002));
            Assert.AreEqual(0x0100, Word(r, 8003));
            Assert.AreEqual(0x0100, Word(r, 8006));
            Assert.AreEqual("PB-SCRIPT-01", Text(r, 2 + 16, 16));
            Assert.AreEqual("PowerBrain Wallbox", Text(r, 2 + 32, 32));
            Assert.AreEqual(1, t.ReadRegister(8040));
        }

        static int Word(byte[] r, int reg) { return (r[2 + (reg - 8000) * 2] << 8) | r[3 + (reg - 8000) * 2]; }

        static string Text(byte[] r, int offset, int count)
        {
            int n = 0;
            while (n < count && r[offset + n] != 0) n++;
            return Encoding.UTF8.GetString(r, offset, n);
        }

        [TestMethod]
        public void Function04IsAnAliasOf03AndOtherFunctionsGetException01()
        {
            ScriptBox t = new ScriptBox();
            Assert.AreEqual(Hex(t.Modbus(3, 0x1F, 0x9C, 0, 1)).Substring(2), Hex(t.Modbus(4, 0x1F, 0x9C, 0, 1)).Substring(2));
            Assert.AreEqual("8101", Hex(t.Modbus(1, 0x1F, 0x9C, 0, 1)));
            Assert.AreEqual("8501", Hex(t.Modbus(5, 0x1F, 0x9E, 0xFF, 0)));
            Assert.AreEqual("9701", Hex(t.Modbus(0x17, 0, 0, 0, 1, 0, 0, 0, 1, 2, 0, 0)));
            Assert.AreEqual("AB01", Hex(t.Modbus(0x2B, 0x0E, 1, 0)));
        }

        [TestMethod]
        public void ChecksComeInTheSpecOrder()
        {
            ScriptBox t = new ScriptBox();
            Assert.AreEqual("8303", Hex(t.Modbus(3, 0x1F, 0x40, 0, 0)), "quantity 0");
            Assert.AreEqual("8303", Hex(t.Modbus(3, 0x1F, 0x40, 0, 126)), "quantity 126");
            Assert.AreEqual("8303", Hex(t.Modbus(3, 0x30, 0x00, 0, 126)), "quantity before address");
            Assert.AreEqual("8302", Hex(t.Modbus(3, 0x1F, 0x3F, 0, 1)), "7999 is outside the map");
            Assert.AreEqual("8302", Hex(t.Modbus(3, 0x1F, 0xB1, 0, 2)), "8113..8114 runs past the map");
            Assert.AreEqual("8302", Hex(t.Modbus(3, 0, 0, 0, 1)), "address 0");
            Assert.AreEqual("9003", Hex(t.Modbus(16, 0x1F, 0x9D, 0, 2, 3, 0, 100, 0, 1)), "byte count 3 for 2 registers");
            Assert.AreEqual("9003", Hex(t.Modbus(16, 0x1F, 0x9D, 0, 124, 248)), "quantity 124 on a write");
            Assert.AreEqual("9002", Hex(t.Modbus(16, 0x1F, 0x9A, 0, 2, 4, 0, 1, 0, 1)), "8090 is a gap");
            Assert.AreEqual("8602", Hex(t.WriteRegister(8092, 1)), "8092 is read-only");
            Assert.AreEqual("8602", Hex(t.WriteRegister(8095, 100)), "8095 shows the arbiter's current; it is read-only");
            Assert.AreEqual("8602", Hex(t.WriteRegister(9000, 1)), "outside the map");
        }

        [TestMethod]
        public void MalformedRequestsGetNoReplyAtAll()
        {
            ScriptBox t = new ScriptBox();
            Assert.IsNull(t.Modbus(3, 0x1F, 0x40, 0));
            Assert.IsNull(t.Modbus(3, 0x1F, 0x40, 0, 1, 0));
            Assert.IsNull(t.Modbus(6, 0x1F, 0x9D, 0));
            Assert.IsNull(t.Modbus(16, 0x1F, 0x9D, 0, 2, 4, 0, 100, 0));
            Assert.IsNull(t.Modbus());
        }

        [TestMethod]
        public void ValuesARegisterCannotTakeGetException03()
        {
            int[] cases = { 8094, 2, 8093, 801, 8093, 0xFFFF, 8087, 2, 8040, 0, 8040, 248, 8081, 59 };
            for (int i = 0; i < cases.Length; i += 2)
            {
                ScriptBox t = new ScriptBox();
                int address = cases[i], value = cases[i + 1];
                int before = t.ReadRegister(address);
                Assert.AreEqual("8603", Hex(t.WriteRegister(address, value)), address + " = " + value);
                Assert.AreEqual(before, t.ReadRegister(address));
            }
        }

        [TestMethod]
        public void LimitReadsBackExactlyAsWrittenAndEnableToggles()
        {
            ScriptBox t = new ScriptBox();
            Assert.AreEqual("06" + "1F9D" + "0079", Hex(t.WriteRegister(8093, 121)));
            Assert.AreEqual(121, t.ReadRegister(8093));
            Assert.AreEqual(121, t.Box.Modbus.LimitDeciAmps);
            t.WriteRegister(8094, 0);
            Assert.AreEqual(0, t.ReadRegister(8094));
            Assert.IsFalse(t.Box.Modbus.Enabled);
        }

        [TestMethod]
        public void MultiRegisterWritesAreAllOrNothing()
        {
            ScriptBox t = new ScriptBox();
            Assert.AreEqual("10" + "1F9D" + "0002", Hex(t.Modbus(16, 0x1F, 0x9D, 0, 2, 4, 0, 100, 0, 0)));
            Assert.AreEqual(100, t.ReadRegister(8093));
            Assert.AreEqual(0, t.ReadRegister(8094));
            // 8093 = 160 is fine, 8094 = 5 is not: neither is written.
            Assert.AreEqual("9003", Hex(t.Modbus(16, 0x1F, 0x9D, 0, 2, 4, 0, 160, 0, 5)));
            Assert.AreEqual(100, t.ReadRegister(8093));
            Assert.AreEqual(0, t.ReadRegister(8094));
            // 8093 fine, 8095 read-only: nothing written.
            Assert.AreEqual("9002", Hex(t.Modbus(16, 0x1F, 0x9D, 0, 3, 6, 0, 160, 0, 1, 0, 100)));
            Assert.AreEqual(100, t.ReadRegister(8093));
        }

        [TestMethod]
        public void GapsInsideTheBlockReadZero()
        {
            ScriptBox t = new ScriptBox();
            byte[] r = t.Modbus(3, 0x1F, 0x92, 0, 10);  // 8082..8091
            Assert.AreEqual(3, (int)r[0]);
            for (int i = 2; i < r.Length; i++)
            {
                int reg = 8082 + (i - 2) / 2;
                if (reg != 8087) Assert.AreEqual(0, (int)r[i], "register " + reg);
            }
            Assert.AreEqual(0, t.ReadRegister(8111));
            Assert.AreEqual(0, t.ReadRegister(8086), "write-only register reads 0");
        }

        [TestMethod]
        public void PersistedRegistersSurviveARebootAndUnchangedWritesSpareTheFlash()
        {
            ScriptBox t = new ScriptBox();
            t.WriteRegister(8081, 200);
            Assert.AreEqual(200, t.ReadRegister(8081));
            int writes = t.Storage.Writes;
            byte[] content = t.Storage.Blob(Settings.BlobName);
            t.WriteRegister(8081, 200);
            Assert.AreEqual(writes, t.Storage.Writes, "an unchanged value does not rewrite the settings");
            CollectionAssert.AreEqual(content, t.Storage.Blob(Settings.BlobName));

            t.WriteRegister(8093, 100);   // volatile: RAM only
            t.Boot();
            Assert.AreEqual(200, t.ReadRegister(8081));
            Assert.AreEqual(200, t.ReadRegister(8093), "after a reboot the limit starts at def_charg_cur_limit");
            Assert.AreEqual(1, t.ReadRegister(8094), "enable is volatile and starts at 1");
        }

        [TestMethod]
        public void SlaveIdWriteIsPersistedAndTakesEffect()
        {
            ScriptBox t = new ScriptBox();
            t.WriteRegister(8040, 7);
            Assert.AreEqual(7, t.Box.ModbusSlave.SlaveId);
            t.Boot();
            Assert.AreEqual(7, t.Box.ModbusSlave.SlaveId);
            Assert.AreEqual(7, t.ReadRegister(8040));
        }

        [TestMethod]
        public void LastRfidIsRightAlignedWithLeadingNuls()
        {
            ScriptBox t = new ScriptBox();
            t.Box.Status.LastIdTag = "04A1B2C3";
            byte[] r = t.Modbus(3, 0x1F, 0xA0, 0, 15);
            for (int i = 0; i < 22; i++) Assert.AreEqual(0, (int)r[2 + i], "leading NUL " + i);
            Assert.AreEqual("04A1B2C3", Encoding.UTF8.GetString(r, 2 + 22, 8));
        }

        [TestMethod]
        public void MeterBlockAndCapabilitiesReflectTheHardware()
        {
            ScriptBox t = new ScriptBox();
            t.Run(1100);
            Assert.AreEqual(1, t.ReadRegister(8112), "meter present");
            Assert.AreNotEqual(0, t.ReadRegister(8057), "per-phase currents valid");
            Assert.AreEqual(0, t.ReadRegister(8113), "the scripted board cannot switch phases");
            byte[] r = t.Modbus(3, 0x1F, 0x7A, 0, 4);   // 8058 energy u64
            long wh = 0;
            for (int i = 0; i < 8; i++) wh = (wh << 8) | r[2 + i];
            Assert.AreEqual(t.Box.Status.Meter.EnergyWh, wh);
            Assert.IsTrue(wh > 0, "the energy register is never 0");
        }

        [TestMethod]
        public void Crc16MatchesTheSpecExample()
        {
            byte[] frame = new byte[] { 0x01, 0x03, 0x1F, 0x9C, 0x00, 0x03 };
            int crc = Crc16.Compute(frame, 0, frame.Length);
            Assert.AreEqual(0xC2, crc & 0xFF);
            Assert.AreEqual(0x31, crc >> 8);
        }

        [TestMethod]
        public void RtuFrameGapIsThreeAndAHalfCharacters()
        {
            Assert.AreEqual(4010, RtuSlave.FrameGapMicros(9600));
            Assert.AreEqual(2005, RtuSlave.FrameGapMicros(19200));
            Assert.AreEqual(1750, RtuSlave.FrameGapMicros(38400));
            Assert.AreEqual(1750, RtuSlave.FrameGapMicros(115200));
        }
    }
}
