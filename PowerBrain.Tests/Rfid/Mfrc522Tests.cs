using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Rfid;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Rfid;

/// <summary>
/// The RC522 driver against a register-level model of the chip and an ISO 14443-A card. This is a
/// mock: the chip and the radio cannot be real on a desktop. The model checks the SPI address
/// framing, answers only frames a real card would (CRC_A checked with a bitwise implementation
/// written separately from the driver's) and keeps the card's Idle/Ready/Active/Halt state.
/// </summary>
[TestClass]
public sealed class Mfrc522Tests
{
    [TestMethod]
    public void CrcAMatchesTheKnownHaltFrame()
    {
        // HLTA is 50 00 57 CD on the air.
        Assert.AreEqual(0xCD57, Mfrc522Reader.CrcA(new byte[] { 0x50, 0x00 }, 2));
        var random = new Random(7);
        for (int n = 1; n < 20; n++)
        {
            var data = new byte[n];
            random.NextBytes(data);
            Assert.AreEqual(SimulatedMfrc522.BitwiseCrcA(data), Mfrc522Reader.CrcA(data, n));
        }
    }

    [TestMethod]
    public void AChipThatDoesNotAnswerIsNotFitted()
    {
        var log = new ListLog();
        var reader = new Mfrc522Reader(new SimulatedMfrc522 { Version = 0xFF }, log);
        Assert.IsFalse(reader.Initialize());
        Assert.IsFalse(reader.IsFitted);
        Assert.IsTrue(log.Has("no RC522 answers on the SPI bus (version 0xFF)"), log.Text);
    }

    [TestMethod]
    public void InitialisationSwitchesTheAntennaOnAndSetsTheTimer()
    {
        var chip = new SimulatedMfrc522();
        var reader = new Mfrc522Reader(chip, new ListLog());
        Assert.IsTrue(reader.Initialize());
        Assert.AreEqual(0x92, reader.Version);
        Assert.AreEqual(0x03, chip.Register(Mfrc522Reader.TxControlReg) & 0x03, "antenna");
        Assert.AreEqual(0x80, chip.Register(Mfrc522Reader.TModeReg));
        Assert.AreEqual(1000, chip.Register(Mfrc522Reader.TReloadRegH) << 8 | chip.Register(Mfrc522Reader.TReloadRegL));
        Assert.AreEqual(1, chip.SoftResets);
    }

    [TestMethod]
    public void AFourByteCardIsReportedOnceWhileHeldAndAgainAfterBeingTakenAway()
    {
        var chip = new SimulatedMfrc522();
        var reader = new Mfrc522Reader(chip, new ListLog());
        reader.Initialize();
        reader.Poll();
        Assert.IsNull(reader.PollCard(), "no card");

        chip.Card = new SimulatedCard(0xDE, 0xAD, 0xBE, 0xEF);
        reader.Poll();
        Assert.AreEqual("DEADBEEF", reader.PollCard());
        Assert.AreEqual(SimulatedCard.State.Halt, chip.Card.Now, "the driver halts the card after reading it");
        for (int i = 0; i < 5; i++) reader.Poll();
        Assert.IsNull(reader.PollCard(), "held on the reader: not again");

        var card = chip.Card;
        chip.Card = null;
        reader.Poll();
        reader.Poll();
        chip.Card = card;
        reader.Poll();
        Assert.AreEqual("DEADBEEF", reader.PollCard(), "presented again after being taken away");
    }

    [TestMethod]
    public void ASevenByteUidIsReadThroughTwoCascadeLevels()
    {
        var chip = new SimulatedMfrc522 { Card = new SimulatedCard(0x04, 0xA2, 0x2C, 0x3A, 0x5B, 0x6F, 0x80) };
        var reader = new Mfrc522Reader(chip, new ListLog());
        reader.Initialize();
        reader.Poll();
        Assert.AreEqual("04A22C3A5B6F80", reader.PollCard());
        CollectionAssert.AreEqual(new[] { 0x93, 0x95 }, chip.Card.SelectedLevels);
    }

    [TestMethod]
    public void AGarbledUidIsIgnoredAndADifferentCardIsStillRead()
    {
        var chip = new SimulatedMfrc522 { Card = new SimulatedCard(0x11, 0x22, 0x33, 0x44) { CorruptBcc = true } };
        var reader = new Mfrc522Reader(chip, new ListLog());
        reader.Initialize();
        for (int i = 0; i < 3; i++) reader.Poll();
        Assert.IsNull(reader.PollCard(), "a UID whose check byte is wrong is never reported");

        chip.Card = new SimulatedCard(0x11, 0x22, 0x33, 0x45);
        reader.Poll();
        Assert.AreEqual("11223345", reader.PollCard());
    }
}

/// <summary>A card of ISO 14443-A type with a 4- or 7-byte UID.</summary>
public sealed class SimulatedCard
{
    public enum State { Idle, Ready, Active, Halt }
    public readonly byte[] Uid;
    public State Now = State.Idle;
    public bool CorruptBcc;
    public readonly List<int> SelectedLevels = new();
    int _level;

    public SimulatedCard(params byte[] uid) { Uid = uid; }

    byte[] LevelBytes(int level)
    {
        if (Uid.Length == 4) return Uid;
        return level == 0 ? new byte[] { 0x88, Uid[0], Uid[1], Uid[2] } : Uid.Skip(3).Take(4).ToArray();
    }

    /// <summary>The card's answer to a frame, or null for silence.</summary>
    public byte[] Respond(byte[] frame, int lastBits)
    {
        if (frame.Length == 1 && lastBits == 7)
        {
            bool wakes = frame[0] == 0x52 ? Now is State.Idle or State.Halt : frame[0] == 0x26 && Now == State.Idle;
            if (!wakes) return null;
            Now = State.Ready;
            _level = 0;
            return new byte[] { (byte)(Uid.Length == 4 ? 0x04 : 0x44), 0x00 };
        }
        if (lastBits != 0 || frame.Length == 0) return null;
        int sel = frame[0];
        int level = sel == 0x93 ? 0 : sel == 0x95 ? 1 : -1;
        if (Now == State.Ready && level == _level && frame.Length == 2 && frame[1] == 0x20)
        {
            var b = LevelBytes(level);
            byte bcc = (byte)(b[0] ^ b[1] ^ b[2] ^ b[3]);
            if (CorruptBcc) bcc ^= 0x01;
            return b.Append(bcc).ToArray();
        }
        if (Now == State.Ready && level == _level && frame.Length == 9 && frame[1] == 0x70)
        {
            Assert.IsTrue(SimulatedMfrc522.CrcOk(frame), "SELECT without a valid CRC_A");
            var b = LevelBytes(level);
            if (!frame.Skip(2).Take(4).SequenceEqual(b)) return null;
            SelectedLevels.Add(sel);
            bool more = Uid.Length > 4 && level == 0;
            byte sak = more ? (byte)0x04 : (byte)0x08;
            if (more) _level++;
            else Now = State.Active;
            int crc = SimulatedMfrc522.BitwiseCrcA(new[] { sak });
            return new[] { sak, (byte)crc, (byte)(crc >> 8) };
        }
        if (Now == State.Active && frame.Length == 4 && frame[0] == 0x50 && frame[1] == 0x00)
        {
            Assert.IsTrue(SimulatedMfrc522.CrcOk(frame), "HLTA without a valid CRC_A");
            Now = State.Halt;
            return null;
        }
        if (Now != State.Halt) Now = State.Idle;
        return null;
    }
}

/// <summary>The MFRC522 as far as the driver uses it: registers, FIFO, Transceive, interrupts.</summary>
public sealed class SimulatedMfrc522 : ISpiDevice
{
    readonly byte[] _regs = new byte[64];
    readonly Queue<byte> _fifo = new();
    public int Version = 0x92;
    public SimulatedCard Card;
    public int SoftResets;

    public int Register(int r) => _regs[r];

    public void Transfer(byte[] write, byte[] read)
    {
        Assert.AreEqual(2, write.Length);
        Assert.AreEqual(0, write[0] & 0x01, "bit 0 of the SPI address byte must be 0");
        int reg = (write[0] >> 1) & 0x3F;
        if ((write[0] & 0x80) != 0) read[1] = ReadRegister(reg);
        else WriteRegister(reg, write[1]);
    }

    byte ReadRegister(int reg) => reg switch
    {
        Mfrc522Reader.VersionReg => (byte)Version,
        Mfrc522Reader.FifoDataReg => _fifo.Count > 0 ? _fifo.Dequeue() : (byte)0,
        Mfrc522Reader.FifoLevelReg => (byte)_fifo.Count,
        _ => _regs[reg],
    };

    void WriteRegister(int reg, byte value)
    {
        switch (reg)
        {
            case Mfrc522Reader.CommandReg:
                if (value == Mfrc522Reader.CmdSoftReset) { Array.Clear(_regs); _fifo.Clear(); SoftResets++; }
                _regs[reg] = value;
                break;
            case Mfrc522Reader.ComIrqReg:
                if ((value & 0x80) != 0) _regs[reg] |= (byte)(value & 0x7F);
                else _regs[reg] &= (byte)~value;
                break;
            case Mfrc522Reader.FifoDataReg: _fifo.Enqueue(value); break;
            case Mfrc522Reader.FifoLevelReg: if ((value & 0x80) != 0) _fifo.Clear(); break;
            case Mfrc522Reader.BitFramingReg:
                _regs[reg] = (byte)(value & 0x7F);
                if ((value & 0x80) != 0 && _regs[Mfrc522Reader.CommandReg] == Mfrc522Reader.CmdTransceive) Transceive(value & 0x07);
                break;
            default: _regs[reg] = value; break;
        }
    }

    void Transceive(int lastBits)
    {
        var frame = _fifo.ToArray();
        _fifo.Clear();
        bool antenna = (_regs[Mfrc522Reader.TxControlReg] & 0x03) == 0x03;
        var answer = antenna && Card != null ? Card.Respond(frame, lastBits) : null;
        _regs[Mfrc522Reader.ErrorReg] = 0;
        if (answer == null) { _regs[Mfrc522Reader.ComIrqReg] |= 0x01; return; }   // TimerIRq
        foreach (var b in answer) _fifo.Enqueue(b);
        _regs[Mfrc522Reader.ComIrqReg] |= 0x30;   // RxIRq, IdleIRq
    }

    /// <summary>CRC_A bit by bit, as ISO/IEC 14443-3 describes it (reflected polynomial 0x8408, preset 0x6363).</summary>
    public static int BitwiseCrcA(byte[] data)
    {
        int crc = 0x6363;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int i = 0; i < 8; i++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1;
        }
        return crc;
    }

    public static bool CrcOk(byte[] frame)
    {
        int crc = BitwiseCrcA(frame.Take(frame.Length - 2).ToArray());
        return frame[^2] == (byte)crc && frame[^1] == (byte)(crc >> 8);
    }
}
