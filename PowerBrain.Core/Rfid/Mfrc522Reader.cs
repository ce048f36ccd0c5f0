using System.Threading;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Rfid
{
    /// <summary>
    /// An NXP MFRC522 ("RC522") card reader on SPI, reading the UID of ISO 14443-A cards (4, 7 or
    /// 10 bytes). It polls on its own thread, because waiting for a card's answer takes up to the
    /// chip's 25 ms timer. A card held on the reader is reported once; it counts again after it has
    /// been taken away.
    /// </summary>
    public sealed class Mfrc522Reader : IRfidReader, IPolled
    {
        // Registers and commands of the MFRC522 data sheet.
        public const int CommandReg = 0x01, ComIrqReg = 0x04, ErrorReg = 0x06, FifoDataReg = 0x09, FifoLevelReg = 0x0A,
                         ControlReg = 0x0C, BitFramingReg = 0x0D, ModeReg = 0x11, TxControlReg = 0x14, TxAskReg = 0x15,
                         TModeReg = 0x2A, TPrescalerReg = 0x2B, TReloadRegH = 0x2C, TReloadRegL = 0x2D, VersionReg = 0x37;
        public const int CmdIdle = 0x00, CmdTransceive = 0x0C, CmdSoftReset = 0x0F;
        // ISO 14443-A card commands.
        public const int Wupa = 0x52, Hlta = 0x50, SelectCl1 = 0x93, SelectCl2 = 0x95, SelectCl3 = 0x97;

        public const int PollIntervalMs = 250;
        const int Absent = 0, Present = 1, Error = 2;

        readonly ISpiDevice _spi;
        readonly ILog _log;
        readonly byte[] _out = new byte[2];
        readonly byte[] _in = new byte[2];
        readonly byte[] _frame = new byte[9];
        readonly byte[] _answer = new byte[16];
        readonly byte[] _uid = new byte[10];
        readonly object _lock = new object();
        int _answerLength;
        int _uidLength;
        string _held;        // the card on the reader now, reported already
        string _pending;     // a new card not yet taken by PollCard
        int _misses;
        Poller _poller;

        public Mfrc522Reader(ISpiDevice spi, ILog log)
        {
            _spi = spi;
            _log = log;
        }

        /// <summary>False when the chip did not answer at start (no reader fitted, wiring).</summary>
        public bool IsFitted { get; private set; }

        /// <summary>The chip's version byte (0x91/0x92 for NXP's v1/v2; clones differ).</summary>
        public int Version { get; private set; }

        /// <summary>Resets and configures the chip; false when nothing answers on the bus.</summary>
        public bool Initialize()
        {
            Write(CommandReg, CmdSoftReset);
            Thread.Sleep(50);
            Version = Read(VersionReg);
            if (Version == 0x00 || Version == 0xFF)
            {
                _log.Write(LogLevel.Error, "rfid", "no RC522 answers on the SPI bus (version 0x" + Hex2(Version) + "): check the wiring");
                IsFitted = false;
                return false;
            }
            // Timer: 13.56 MHz / (2 * 0xA9 + 1) ≈ 40 kHz, reload 1000 → a card gets 25 ms to answer.
            Write(TModeReg, 0x80);
            Write(TPrescalerReg, 0xA9);
            Write(TReloadRegH, 0x03);
            Write(TReloadRegL, 0xE8);
            Write(TxAskReg, 0x40);     // 100 % ASK modulation
            Write(ModeReg, 0x3D);      // CRC preset 0x6363, as ISO 14443-A wants
            Write(TxControlReg, Read(TxControlReg) | 0x03);   // antenna on
            IsFitted = true;
            _log.Write(LogLevel.Info, "rfid", "RC522 ready, version 0x" + Hex2(Version));
            return true;
        }

        public void Start()
        {
            if (!Initialize()) return;
            _poller = new Poller(this, PollIntervalMs, _log, "rfid");
            _poller.Start();
        }

        public void Stop()
        {
            if (_poller != null) _poller.Stop();
        }

        public string PollCard()
        {
            lock (_lock)
            {
                string card = _pending;
                _pending = null;
                return card;
            }
        }

        /// <summary>One look for a card. Two empty looks in a row mean the card was taken away.</summary>
        public void Poll()
        {
            int result = ReadCard();
            if (result == Absent)
            {
                if (++_misses >= 2) _held = null;
                return;
            }
            if (result == Error) return;
            _misses = 0;
            string uid = Hex.Encode(_uid, 0, _uidLength, true);
            if (uid == _held) return;
            _held = uid;
            lock (_lock) _pending = uid;
        }

        /// <summary>WUPA (wakes halted cards too), then the cascade levels until the UID is complete,
        /// then HLTA so the card stays quiet until the next WUPA.</summary>
        int ReadCard()
        {
            _frame[0] = Wupa;
            if (!Transceive(_frame, 1, 7)) return Absent;
            if (_answerLength != 2) return Error;
            _uidLength = 0;
            for (int level = 0; level < 3; level++)
            {
                int select = level == 0 ? SelectCl1 : level == 1 ? SelectCl2 : SelectCl3;
                _frame[0] = (byte)select;
                _frame[1] = 0x20;   // anticollision: all UID bits are wanted
                if (!Transceive(_frame, 2, 0) || _answerLength != 5) return Error;
                if ((_answer[0] ^ _answer[1] ^ _answer[2] ^ _answer[3]) != _answer[4]) return Error;   // BCC
                bool cascade = _answer[0] == 0x88;
                for (int i = cascade ? 1 : 0; i < 4; i++) _uid[_uidLength++] = _answer[i];
                // SELECT this level: the card answers SAK, whose bit 2 says more UID follows.
                _frame[0] = (byte)select;
                _frame[1] = 0x70;
                for (int i = 0; i < 5; i++) _frame[2 + i] = _answer[i];
                AppendCrc(_frame, 7);
                if (!Transceive(_frame, 9, 0) || _answerLength != 3) return Error;
                if (!CheckCrc(_answer, 3)) return Error;
                if ((_answer[0] & 0x04) == 0) break;
                if (!cascade) return Error;
            }
            _frame[0] = Hlta;
            _frame[1] = 0;
            AppendCrc(_frame, 2);
            Transceive(_frame, 4, 0);   // a halted card does not answer
            return Present;
        }

        /// <summary>Sends count bytes (the last one with lastBits bits, 0 = all 8) and waits for the
        /// card's answer in _answer; false on timeout or a receive error.</summary>
        bool Transceive(byte[] data, int count, int lastBits)
        {
            Write(CommandReg, CmdIdle);
            Write(ComIrqReg, 0x7F);       // clear all interrupt flags
            Write(FifoLevelReg, 0x80);    // flush the FIFO
            for (int i = 0; i < count; i++) Write(FifoDataReg, data[i]);
            Write(BitFramingReg, lastBits);
            Write(CommandReg, CmdTransceive);
            Write(BitFramingReg, 0x80 | lastBits);   // StartSend
            int irq = 0;
            for (int tries = 0; tries < 40; tries++)
            {
                irq = Read(ComIrqReg);
                if ((irq & 0x31) != 0) break;   // RxIRq, IdleIRq or TimerIRq
                Thread.Sleep(1);
            }
            Write(BitFramingReg, 0);
            if ((irq & 0x30) == 0) return false;
            if ((Read(ErrorReg) & 0x1B) != 0) return false;   // buffer overflow, collision, parity, protocol
            int n = Read(FifoLevelReg);
            if (n > _answer.Length) n = _answer.Length;
            for (int i = 0; i < n; i++) _answer[i] = (byte)Read(FifoDataReg);
            _answerLength = n;
            return true;
        }

        int Read(int register)
        {
            _out[0] = (byte)(0x80 | (register << 1));
            _out[1] = 0;
            _spi.Transfer(_out, _in);
            return _in[1];
        }

        void Write(int register, int value)
        {
            _out[0] = (byte)((register << 1) & 0x7E);
            _out[1] = (byte)value;
            _spi.Transfer(_out, _in);
        }

        /// <summary>ISO 14443-A CRC (CRC_A: initial value 0x6363), computed here rather than by
        /// the chip's coprocessor to spare the SPI round trips.</summary>
        public static int CrcA(byte[] data, int count)
        {
            int crc = 0x6363;
            for (int i = 0; i < count; i++)
            {
                int b = (data[i] ^ crc) & 0xFF;
                b = (b ^ (b << 4)) & 0xFF;
                crc = (crc >> 8) ^ (b << 8) ^ (b << 3) ^ (b >> 4);
            }
            return crc & 0xFFFF;
        }

        static void AppendCrc(byte[] frame, int count)
        {
            int crc = CrcA(frame, count);
            frame[count] = (byte)crc;
            frame[count + 1] = (byte)(crc >> 8);
        }

        static bool CheckCrc(byte[] frame, int count)
        {
            int crc = CrcA(frame, count - 2);
            return frame[count - 2] == (byte)crc && frame[count - 1] == (byte)(crc >> 8);
        }

        static string Hex2(int b) { return Hex.Encode(new byte[] { (byte)b }, 0, 1, true); }
    }
}
