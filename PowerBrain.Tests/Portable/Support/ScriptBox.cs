using PowerBrain.Firmware;

namespace PowerBrain.Tests.Support
{
    /// <summary>A whole wallbox in the test on a scripted board and a simulated clock, driven by
    /// RunPending instead of a loop thread (OCPP off unless a test configures it).</summary>
    public sealed class ScriptBox
    {
        public readonly SimClock Clock = new SimClock();
        public readonly MemoryStorage Storage = new MemoryStorage();
        public readonly ListLog Log = new ListLog();
        public ScriptedBoard Board;
        public Wallbox Box;

        public ScriptBox() { Boot(); }

        /// <summary>A box whose first boot applies these settings (as the emulator's flags do).</summary>
        public ScriptBox(string[] settingKeys, string[] settingValues)
        {
            Board = new ScriptedBoard(Clock, Storage, Log, null);
            WallboxOptions options = new WallboxOptions();
            options.SettingKeys = settingKeys;
            options.SettingValues = settingValues;
            Box = new Wallbox(Board, options);
            Box.StartTimers();
        }

        /// <summary>(Re)builds the firmware on the same storage, as after a reset; the car and the
        /// meter carry on.</summary>
        public void Boot()
        {
            Board = new ScriptedBoard(Clock, Storage, Log, Board);
            Box = new Wallbox(Board, new WallboxOptions());
            Box.StartTimers();
        }

        /// <summary>Advances the clock in 10 ms steps, running the core loop each step.</summary>
        public void Run(long ms)
        {
            for (long t = 0; t < ms; t += 10)
            {
                Board.Step(10);
                Box.Core.RunPending();
            }
        }

        /// <summary>Sends a request PDU to the Modbus slave; the response PDU, or null for no reply.</summary>
        public byte[] Modbus(params int[] pdu)
        {
            byte[] req = new byte[pdu.Length];
            for (int i = 0; i < pdu.Length; i++) req[i] = (byte)pdu[i];
            byte[] resp = new byte[260];
            int n = Box.ModbusSlave.Handle(req, 0, req.Length, resp, 0);
            if (n < 0) return null;
            byte[] r = new byte[n];
            System.Array.Copy(resp, r, n);
            return r;
        }

        public int ReadRegister(int address)
        {
            byte[] r = Modbus(3, address >> 8, address & 0xFF, 0, 1);
            if (r[0] != 3) throw new System.InvalidOperationException("read " + address + " failed with exception " + r[1]);
            return (r[2] << 8) | r[3];
        }

        public byte[] WriteRegister(int address, int value) { return Modbus(6, address >> 8, address & 0xFF, value >> 8, value & 0xFF); }

        /// <summary>Bytes as upper-case hex, "no reply" for null.</summary>
        public static string Hex(byte[] b)
        {
            if (b == null) return "no reply";
            return PowerBrain.Firmware.Core.Hex.Encode(b, 0, b.Length, true);
        }
    }
}
