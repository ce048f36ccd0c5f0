using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>Reset Soft or Hard, carried out after the answer has gone out.</summary>
    public sealed class Reset : IOcppHandler
    {
        static readonly string[] Types = new string[] { "Hard", "Soft" };
        readonly ChargeSession _session;
        readonly Logger _log;

        public Reset(ChargeSession session, Logger log)
        {
            _session = session;
            _log = log;
        }

        public void Handle(Payload p, JsonWriter result)
        {
            string type = p.Enum("type", Types, true);
            result.StartObject().Property("status", "Accepted").EndObject();
            _log.Warning("ocpp", type + " reset requested by the backend");
            _session.RunAfterReply(new Later(_session, type == "Hard"));
        }

        sealed class Later : ICoreWork
        {
            readonly ChargeSession _s;
            readonly bool _hard;

            public Later(ChargeSession s, bool hard) { _s = s; _hard = hard; }

            public void Run()
            {
                if (_hard) _s.HardReset();
                else _s.SoftReset();
            }
        }
    }
}
