namespace PowerBrain.Firmware.Modbus
{
    /// <summary>
    /// The PDU engine for function codes 03 (04 as an alias), 06 and 16, with the checks in the order
    /// of the Modbus application protocol: function (01), quantity and byte count (03), address (02),
    /// value (03), execution (04). Allocates nothing.
    /// </summary>
    public sealed class ModbusPdu
    {
        public const int IllegalFunction = 1;
        public const int IllegalDataAddress = 2;
        public const int IllegalDataValue = 3;
        public const int DeviceFailure = 4;

        /// <summary>Returned instead of a length: the request is malformed and gets no answer.</summary>
        public const int NoReply = -1;

        public const int MaxPduBytes = 253;

        readonly RegisterMap _map;

        public ModbusPdu(RegisterMap map) { _map = map; }

        /// <summary>
        /// Handles the request PDU in req[reqOffset..reqOffset+reqLength) and writes the response PDU at
        /// resp[respOffset]. Returns the response length, or NoReply for a malformed request.
        /// </summary>
        public int Handle(byte[] req, int reqOffset, int reqLength, byte[] resp, int respOffset)
        {
            if (reqLength < 1) return NoReply;
            int function = req[reqOffset];
            switch (function)
            {
                case 3:
                case 4:
                    return ReadHolding(req, reqOffset, reqLength, resp, respOffset, function);
                case 6:
                    return WriteSingle(req, reqOffset, reqLength, resp, respOffset);
                case 16:
                    return WriteMultiple(req, reqOffset, reqLength, resp, respOffset);
                default:
                    return Exception(resp, respOffset, function, IllegalFunction);
            }
        }

        static int Word(byte[] b, int i) { return (b[i] << 8) | b[i + 1]; }

        static int Exception(byte[] resp, int at, int function, int code)
        {
            resp[at] = (byte)(function | 0x80);
            resp[at + 1] = (byte)code;
            return 2;
        }

        int ReadHolding(byte[] req, int o, int length, byte[] resp, int r, int function)
        {
            if (length != 5) return NoReply;
            int address = Word(req, o + 1);
            int quantity = Word(req, o + 3);
            if (quantity < 1 || quantity > 125) return Exception(resp, r, function, IllegalDataValue);
            if (!_map.Contains(address, quantity)) return Exception(resp, r, function, IllegalDataAddress);
            resp[r] = (byte)function;
            resp[r + 1] = (byte)(quantity * 2);
            int at = r + 2;
            for (int i = 0; i < quantity; i++)
            {
                int value = _map.ReadWord(address + i);
                resp[at++] = (byte)(value >> 8);
                resp[at++] = (byte)value;
            }
            return 2 + quantity * 2;
        }

        int WriteSingle(byte[] req, int o, int length, byte[] resp, int r)
        {
            if (length != 5) return NoReply;
            int address = Word(req, o + 1);
            int value = Word(req, o + 3);
            int code = _map.CheckAddressWritable(address);
            if (code == 0) code = _map.CheckWrite(address, value);
            if (code == 0) code = _map.Write(address, value);
            if (code != 0) return Exception(resp, r, 6, code);
            for (int i = 0; i < 5; i++) resp[r + i] = req[o + i];
            return 5;
        }

        int WriteMultiple(byte[] req, int o, int length, byte[] resp, int r)
        {
            if (length < 6) return NoReply;
            int address = Word(req, o + 1);
            int quantity = Word(req, o + 3);
            int byteCount = req[o + 5];
            if (quantity < 1 || quantity > 123 || byteCount != quantity * 2) return Exception(resp, r, 16, IllegalDataValue);
            if (length != 6 + byteCount) return NoReply;
            if (!_map.Contains(address, quantity)) return Exception(resp, r, 16, IllegalDataAddress);
            // All or nothing: every address and value is checked before anything is written.
            for (int i = 0; i < quantity; i++)
            {
                int code = _map.CheckAddressWritable(address + i);
                if (code != 0) return Exception(resp, r, 16, code);
            }
            for (int i = 0; i < quantity; i++)
            {
                int code = _map.CheckWrite(address + i, Word(req, o + 6 + i * 2));
                if (code != 0) return Exception(resp, r, 16, code);
            }
            for (int i = 0; i < quantity; i++)
            {
                int code = _map.Write(address + i, Word(req, o + 6 + i * 2));
                if (code != 0) return Exception(resp, r, 16, code);
            }
            for (int i = 0; i < 5; i++) resp[r + i] = req[o + i];
            return 5;
        }

        /// <summary>True when the PDU changes state (a write), so broadcast executes it.</summary>
        public static bool IsWrite(byte[] req, int offset) { return req[offset] == 6 || req[offset] == 16; }
    }
}
