using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Modbus
{
    /// <summary>The Modbus slave as both framers see it: answers a PDU for a unit id and feeds the
    /// master-lost watchdog. Runs on the core thread.</summary>
    public sealed class ModbusSlave
    {
        readonly ModbusPdu _pdu;
        readonly ModbusControl _control;
        readonly IClock _clock;
        public int SlaveId;
        public long Requests;
        /// <summary>The masters heard lately (a TCP peer address, or the RTU line), for diagnostics.</summary>
        public readonly ModbusMaster[] Masters = new ModbusMaster[4];

        public ModbusSlave(ModbusPdu pdu, ModbusControl control, IClock clock, int slaveId)
        {
            _pdu = pdu;
            _control = control;
            _clock = clock;
            SlaveId = slaveId;
        }

        public ModbusControl Control { get { return _control; } }

        /// <summary>Handles a request PDU; returns the response PDU length or ModbusPdu.NoReply.</summary>
        public int Handle(byte[] req, int offset, int length, byte[] resp, int respOffset)
        {
            int n = _pdu.Handle(req, offset, length, resp, respOffset);
            if (n != ModbusPdu.NoReply)
            {
                Requests++;
                _control.Feed(_clock.UptimeMs);
            }
            return n;
        }

        /// <summary>The entry of a master by name; a new name takes the slot heard from longest ago.
        /// Called from the I/O threads when a connection opens.</summary>
        public ModbusMaster Master(string name)
        {
            lock (Masters)
            {
                int oldest = 0;
                for (int i = 0; i < Masters.Length; i++)
                {
                    ModbusMaster m = Masters[i];
                    if (m == null) { oldest = i; break; }
                    if (m.Name == name) return m;
                    if (Masters[oldest] != null && m.LastMs < Masters[oldest].LastMs) oldest = i;
                }
                ModbusMaster fresh = new ModbusMaster(name);
                Masters[oldest] = fresh;
                return fresh;
            }
        }

        /// <summary>Counts an answered request of a master (core thread); an exception reply counts as an error.</summary>
        public void Count(ModbusMaster master, int result, byte[] resp, int respOffset)
        {
            if (master == null || result == ModbusPdu.NoReply) return;
            master.LastMs = _clock.UptimeMs;
            master.Requests++;
            if (resp[respOffset] >= 0x80) master.Errors++;
        }
    }

    /// <summary>What the slave has heard from one master.</summary>
    public sealed class ModbusMaster
    {
        public readonly string Name;
        /// <summary>Uptime of the last answered request, -1: none yet.</summary>
        public long LastMs = -1;
        public long Requests;
        /// <summary>Requests answered with a Modbus exception.</summary>
        public long Errors;

        public ModbusMaster(string name) { Name = name; }
    }

    /// <summary>One request an I/O thread runs through the core loop; reused per connection so
    /// the hot path allocates nothing.</summary>
    public sealed class ModbusCall : ICoreWork
    {
        readonly ModbusSlave _slave;
        public byte[] Request;
        public int RequestOffset, RequestLength;
        public byte[] Response;
        public int ResponseOffset;
        public int Result;
        /// <summary>Who sends the requests of this call (counted for diagnostics).</summary>
        public ModbusMaster From;

        public ModbusCall(ModbusSlave slave) { _slave = slave; }

        public void Run()
        {
            Result = _slave.Handle(Request, RequestOffset, RequestLength, Response, ResponseOffset);
            _slave.Count(From, Result, Response, ResponseOffset);
        }
    }
}
