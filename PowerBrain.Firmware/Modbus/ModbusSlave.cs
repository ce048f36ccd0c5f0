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

        public ModbusCall(ModbusSlave slave) { _slave = slave; }

        public void Run()
        {
            Result = _slave.Handle(Request, RequestOffset, RequestLength, Response, ResponseOffset);
        }
    }
}
