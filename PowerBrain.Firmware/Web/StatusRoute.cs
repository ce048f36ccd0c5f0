using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Web
{
    /// <summary>GET /api/status: the live state as JSON, polled by the page and by scripts.</summary>
    public sealed class StatusRoute : IRoute
    {
        readonly IClock _clock;
        readonly ISystem _system;
        readonly Logger _log;

        public StatusRoute(IClock clock, ISystem system, Logger log)
        {
            _clock = clock;
            _system = system;
            _log = log;
        }

        public int Handle(WebRequestContext context, JsonWriter json)
        {
            json.StartObject();
            json.Name("firmware").StartObject()
                .Property("name", FirmwareInfo.Name)
                .Property("version", FirmwareInfo.Version)
                .EndObject();
            json.Property("uptimeS", _clock.UptimeMs / 1000);
            json.Name("memory").StartObject()
                .Property("freeBytes", _system.FreeManagedBytes())
                .Property("usedBytes", _system.UsedManagedBytes())
                .EndObject();
            json.Name("log").StartArray();
            string[] lines = _log.Recent();
            for (int i = 0; i < lines.Length; i++) json.String(lines[i]);
            json.EndArray();
            json.EndObject();
            return 200;
        }
    }
}
