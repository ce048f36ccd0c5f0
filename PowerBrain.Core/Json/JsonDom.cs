using System.Collections;

namespace PowerBrain.Firmware.Json
{
    /// <summary>
    /// Reads one JSON value into plain objects: Hashtable (object), ArrayList (array), string,
    /// JsonNumber, bool. Object members whose value is null are dropped, so null reads as absent.
    /// For messages whose fields are looked up by name (OCPP payloads); hot paths use JsonReader.
    /// </summary>
    public static class JsonDom
    {
        /// <summary>Reads the value at the reader's current token (call Read first).</summary>
        public static object ReadValue(JsonReader r)
        {
            switch (r.Token)
            {
                case JsonToken.StartObject:
                    Hashtable obj = new Hashtable();
                    while (r.Read() == JsonToken.PropertyName)
                    {
                        string name = r.GetString();
                        r.Read();
                        object value = ReadValue(r);
                        if (value != null) obj[name] = value;
                    }
                    return obj;
                case JsonToken.StartArray:
                    ArrayList list = new ArrayList();
                    while (r.Read() != JsonToken.EndArray) list.Add(ReadValue(r));
                    return list;
                case JsonToken.String: return r.GetString();
                case JsonToken.Number: return new JsonNumber(r.GetScaled(JsonNumber.Decimals), r.GetDouble());
                case JsonToken.True: return true;
                case JsonToken.False: return false;
                case JsonToken.Null: return null;
                default: throw new JsonException("expected a value", r.Position);
            }
        }
    }

    /// <summary>A number as read: exact to three decimals, and as a double.</summary>
    public sealed class JsonNumber
    {
        public const int Decimals = 3;
        /// <summary>The value times 1000, rounded.</summary>
        public readonly long Milli;
        public readonly double Value;

        public JsonNumber(long milli, double value)
        {
            Milli = milli;
            Value = value;
        }

        public bool IsWhole { get { return Milli % 1000 == 0; } }
    }
}
