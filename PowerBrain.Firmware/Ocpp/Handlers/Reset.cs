using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>Reset Soft or Hard, carried out after the answer has gone out.</summary>
    public sealed class Reset : IOcppHandler
    {
        static readonly string[] Types = new string[] { "Hard", "Soft" };
        readonly Resets _resets;
        readonly IAfterReply _afterReply;
        readonly Logger _log;

        public Reset(Resets resets, IAfterReply afterReply, Logger log)
        {
            _resets = resets;
            _afterReply = afterReply;
            _log = log;
        }

        public void Handle(Payload p, JsonWriter result)
        {
            string type = p.Enum("type", Types, true);
            result.StartObject().Property("status", "Accepted").EndObject();
            _log.Warning("ocpp", type + " reset requested by the backend");
            _afterReply.RunAfterReply(new Later(_resets, type == "Hard"));
        }

        sealed class Later : ICoreWork
        {
            readonly Resets _s;
            readonly bool _hard;

            public Later(Resets s, bool hard) { _s = s; _hard = hard; }

            public void Run()
            {
                if (_hard) _s.Hard();
                else _s.Soft();
            }
        }
    }
}
