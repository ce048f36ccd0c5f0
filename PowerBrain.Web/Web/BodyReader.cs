using System.Collections;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Web
{
    /// <summary>A request body that must be one flat JSON object.</summary>
    public static class BodyReader
    {
        public static Hashtable Object(byte[] body)
        {
            if (body == null || body.Length == 0) return new Hashtable();
            JsonReader r = new JsonReader();
            r.Reset(body, 0, body.Length);
            r.Read();
            Hashtable h = JsonDom.ReadValue(r) as Hashtable;
            r.Read();
            if (h == null) throw new JsonException("expected a JSON object", 0);
            return h;
        }
    }
}
