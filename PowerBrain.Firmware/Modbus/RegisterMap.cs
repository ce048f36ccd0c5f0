namespace PowerBrain.Firmware.Modbus
{
    /// <summary>One register (or a run of registers holding one value) of the map.</summary>
    public sealed class RegisterDef
    {
        public readonly int Address;
        public readonly int Count;
        public readonly bool Writable;
        public readonly bool Readable;
        /// <summary>Kept in flash; every other writable register lives in RAM only.</summary>
        public readonly bool Persisted;
        /// <summary>Identifies the value for the handler.</summary>
        public readonly int Id;

        public RegisterDef(int address, int count, bool readable, bool writable, bool persisted, int id)
        {
            Address = address; Count = count; Readable = readable; Writable = writable; Persisted = persisted; Id = id;
        }
    }

    /// <summary>Gives values to, and takes values from, the registers of a map.</summary>
    public interface IRegisterHandler
    {
        /// <summary>Word <paramref name="index"/> (0-based, high word first) of the value.</summary>
        int Read(RegisterDef register, int index);

        /// <summary>0 when the value may be written, else a Modbus exception code (03).</summary>
        int CheckWrite(RegisterDef register, int value);

        /// <summary>Stores a checked value. Returns 0, or 04 when it could not be done (storage failure).</summary>
        int Write(RegisterDef register, int value);
    }

    /// <summary>
    /// A contiguous block of holding registers described as data. Addresses inside the block that
    /// no register covers read as 0 (masters read large blocks); outside it they are exception 02.
    /// </summary>
    public sealed class RegisterMap
    {
        public readonly int First;
        public readonly int Last;
        readonly RegisterDef[] _byOffset;   // the register covering each address, or null
        readonly IRegisterHandler _handler;

        public RegisterMap(int first, int last, RegisterDef[] registers, IRegisterHandler handler)
        {
            First = first;
            Last = last;
            _handler = handler;
            _byOffset = new RegisterDef[last - first + 1];
            for (int i = 0; i < registers.Length; i++)
            {
                RegisterDef r = registers[i];
                for (int a = r.Address; a < r.Address + r.Count; a++) _byOffset[a - first] = r;
            }
        }

        public bool Contains(int address, int count)
        {
            return address >= First && address + count - 1 <= Last;
        }

        /// <summary>The register covering the address, or null for a gap.</summary>
        public RegisterDef At(int address)
        {
            return address < First || address > Last ? null : _byOffset[address - First];
        }

        public int ReadWord(int address)
        {
            RegisterDef r = _byOffset[address - First];
            if (r == null || !r.Readable) return 0;
            return _handler.Read(r, address - r.Address) & 0xFFFF;
        }

        /// <summary>0, or exception 02 when the address takes no single-register write.</summary>
        public int CheckAddressWritable(int address)
        {
            RegisterDef r = At(address);
            return r == null || !r.Writable || r.Count != 1 ? ModbusPdu.IllegalDataAddress : 0;
        }

        public int CheckWrite(int address, int value) { return _handler.CheckWrite(At(address), value); }

        public int Write(int address, int value) { return _handler.Write(At(address), value); }
    }
}
