using System.Collections;
using System.Text;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Tests.Portable
{
    /// <summary>The firmware's JSON reader and writer: tokens, numbers, errors with offsets, bounds.</summary>
    [TestClass]
    public class JsonReaderWriterTests
    {
        static string Tokens(string json)
        {
            JsonReader r = new JsonReader();
            r.Reset(json);
            StringBuilder s = new StringBuilder();
            JsonToken t;
            while ((t = r.Read()) != JsonToken.EndOfInput)
            {
                if (s.Length > 0) s.Append(' ');
                switch (t)
                {
                    case JsonToken.PropertyName: s.Append("name:").Append(r.GetString()); break;
                    case JsonToken.String: s.Append("str:").Append(r.GetString()); break;
                    case JsonToken.Number: s.Append("num:").Append(r.GetScaled(3).ToString()); break;
                    case JsonToken.StartArray: s.Append('['); break;
                    case JsonToken.EndArray: s.Append(']'); break;
                    case JsonToken.StartObject: s.Append('{'); break;
                    case JsonToken.EndObject: s.Append('}'); break;
                    case JsonToken.True: s.Append("true"); break;
                    case JsonToken.False: s.Append("false"); break;
                    case JsonToken.Null: s.Append("null"); break;
                    default: s.Append('?'); break;
                }
            }
            return s.ToString();
        }

        /// <summary>"offset: message" of the first error reading to the end, or "none".</summary>
        static string ErrorOf(JsonReader r)
        {
            try { while (r.Read() != JsonToken.EndOfInput) { } }
            catch (JsonException e) { return e.Offset + ": " + e.Message; }
            return "none";
        }

        static string ErrorOf(string json)
        {
            JsonReader r = new JsonReader();
            r.Reset(json);
            return ErrorOf(r);
        }

        [TestMethod]
        public void ReadsAnOcppCallFrame()
        {
            Assert.AreEqual("[ num:2000 str:19223201 str:BootNotification { name:chargePointVendor str:PB name:n num:-150000 name:ok true name:x null name:a [ ] } ]",
                Tokens("[2, \"19223201\", \"BootNotification\", {\"chargePointVendor\":\"PB\",\"n\":-1.5e2,\"ok\":true,\"x\":null,\"a\":[]}]"));
        }

        [TestMethod]
        public void DecodesEscapesAndSurrogatePairs()
        {
            Assert.AreEqual("[ str:a\"b\\c/d\n\té\U0001F600 Köln \U0001F50C ]", Tokens("[\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00 K\u00f6ln \U0001F50C\"]"));
        }

        [TestMethod]
        public void ValueEqualsHonoursEscapes()
        {
            JsonReader r = new JsonReader();
            byte[] b = Encoding.UTF8.GetBytes("{\"Heart\\u0062eat\":\"K\u00f6ln\"}");
            r.Reset(b, 0, b.Length);
            r.Read(); r.Read();
            Assert.IsTrue(r.ValueEquals("Heartbeat"));
            Assert.IsFalse(r.ValueEquals("Heartbea"));
            Assert.IsFalse(r.ValueEquals("Heartbeats"));
            r.Read();
            Assert.IsTrue(r.ValueEquals("Köln"));
            Assert.IsFalse(r.ValueEquals("Koln"));
        }

        static long Scaled(string n, int d) { JsonReader r = new JsonReader(); r.Reset(n); r.Read(); return r.GetScaled(d); }

        static string Int(string n)
        {
            JsonReader r = new JsonReader();
            r.Reset(n);
            r.Read();
            try { return r.GetInt64().ToString(); }
            catch (JsonException) { return "refused"; }
        }

        [TestMethod]
        public void NumbersAsIntegersAndScaled()
        {
            Assert.AreEqual(133L, Scaled("13.3", 1));
            Assert.AreEqual(133L, Scaled("13.33", 1));
            Assert.AreEqual(134L, Scaled("13.35", 1));
            Assert.AreEqual(-134L, Scaled("-13.35", 1));
            Assert.AreEqual(160L, Scaled("16", 1));
            Assert.AreEqual(1L, Scaled("0.1", 1));
            Assert.AreEqual(15000L, Scaled("1.5e4", 0));
            Assert.AreEqual(12L, Scaled("1.2E-2", 3));
            Assert.AreEqual("-42", Int("-42"));
            Assert.AreEqual("0", Int("-0"));
            Assert.AreEqual("1200", Int("1.2e3"));
            Assert.AreEqual("5", Int("5.0"));
            Assert.AreEqual("9223372036854775807", Int("9223372036854775807"));
            Assert.AreEqual("refused", Int("5.5"));
            Assert.AreEqual("refused", Int("1e30"));
        }

        [TestMethod]
        public void DeepNestingIsRefused()
        {
            Assert.AreEqual("none", ErrorOf(new string('[', 32) + new string(']', 32)));
            string e = ErrorOf(new string('[', 33) + new string(']', 33));
            Assert.IsTrue(e.StartsWith("32: ") && e.IndexOf("nesting deeper than 32") >= 0, e);
        }

        [TestMethod]
        public void MalformedInputThrowsWithItsOffset()
        {
            string[] cases =
            {
                "", "0", "unexpected end of input",
                "[1,2", "4", "unexpected end of input",
                "{\"a\":1,}", "7", "expected a property name",
                "[1,]", "3", "unexpected character",
                "{\"a\" 1}", "5", "expected ':'",
                "[01]", "2", "leading zero",
                "[1.]", "3", "invalid number",
                "[-]", "2", "invalid number",
                "[tru]", "1", "invalid literal",
                "[\"abc", "5", "unterminated string",
                "[\"a\\x\"]", "4", "invalid escape",
                "[\"\\u12G4\"]", "3", "invalid \\u escape",
                "[1] x", "4", "unexpected data after",
                "[1}", "2", "expected ',' or ']'",
                "{\"a\":1]", "6", "expected ',' or '}'",
                "garbage", "0", "unexpected character",
                "[\"a\nb\"]", "3", "control character",
            };
            for (int i = 0; i < cases.Length; i += 3)
            {
                string e = ErrorOf(cases[i]);
                Assert.IsTrue(e.StartsWith(cases[i + 1] + ": ") && e.IndexOf(cases[i + 2]) >= 0, cases[i] + " → " + e);
            }
        }

        [TestMethod]
        public void RandomGarbageNeverHangsAndOnlyThrowsJsonException()
        {
            JsonReader r = new JsonReader();
            byte[] alphabet = Encoding.UTF8.GetBytes("{}[],:\"\\ 0123456789-+.eEtrufalsn\u0001abc");
            uint seed = 1234;
            for (int round = 0; round < 3000; round++)
            {
                seed = seed * 1664525 + 1013904223;
                byte[] buf = new byte[(int)(seed >> 24) % 40];
                for (int i = 0; i < buf.Length; i++)
                {
                    seed = seed * 1664525 + 1013904223;
                    buf[i] = round % 2 == 0 ? alphabet[(int)(seed >> 16) % alphabet.Length] : (byte)(seed >> 24);
                }
                r.Reset(buf, 0, buf.Length);
                int reads = 0;
                try
                {
                    while (r.Read() != JsonToken.EndOfInput)
                    {
                        Assert.IsTrue(++reads <= buf.Length + 1, "more tokens than bytes: the reader is not advancing");
                        if (r.Token == JsonToken.String || r.Token == JsonToken.PropertyName) r.GetString();
                    }
                }
                catch (JsonException) { }
            }
        }

        [TestMethod]
        public void SkipJumpsOverNestedValues()
        {
            JsonReader r = new JsonReader();
            r.Reset("{\"skip\":{\"a\":[1,{\"b\":2}],\"c\":\"}\"},\"keep\":7}");
            r.Read(); r.Read();
            Assert.IsTrue(r.ValueEquals("skip"));
            r.Skip();
            Assert.AreEqual((int)JsonToken.EndObject, (int)r.Token);
            Assert.AreEqual((int)JsonToken.PropertyName, (int)r.Read());
            Assert.IsTrue(r.ValueEquals("keep"));
            r.Read();
            Assert.AreEqual(7, r.GetInt32());
        }

        [TestMethod]
        public void WritesCompactJsonWithCommasInTheRightPlaces()
        {
            JsonWriter w = new JsonWriter();
            w.StartArray().Int(2).String("id-1").String("MeterValues").StartObject()
             .Property("connectorId", 1)
             .Name("meterValue").StartArray().StartObject().Property("timestamp", "2026-11-24T10:15:30Z").EndObject().EndArray()
             .Property("ok", true)
             .EndObject().EndArray();
            Assert.AreEqual("[2,\"id-1\",\"MeterValues\",{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2026-11-24T10:15:30Z\"}],\"ok\":true}]", w.ToString());
        }

        [TestMethod]
        public void FixedPointNumbersAreExact()
        {
            long[] scaled = { 133, 130, -5, 0, 1, 123456, 100500, long.MinValue, long.MaxValue };
            int[] decimals = { 1, 1, 1, 1, 1, 3, 3, 0, 0 };
            string[] expected = { "13.3", "13", "-0.5", "0", "0.1", "123.456", "100.5", "-9223372036854775808", "9223372036854775807" };
            for (int i = 0; i < scaled.Length; i++)
            {
                JsonWriter w = new JsonWriter();
                w.Fixed(scaled[i], decimals[i]);
                Assert.AreEqual(expected[i], w.ToString());
            }
            JsonWriter q = new JsonWriter();
            q.StartArray().FixedAsString(2301, 1).FixedAsString(160, 1).FixedAsString(-5, 1).EndArray();
            Assert.AreEqual("[\"230.1\",\"16\",\"-0.5\"]", q.ToString());
        }

        [TestMethod]
        public void DoublesAreRoundedToTheGivenDecimalsNeverLongTails()
        {
            JsonWriter w = new JsonWriter();
            w.StartArray().Decimal(13.299999, 1).Decimal(0.1 + 0.2, 1).Decimal(-2.25, 1).Decimal(6.0, 1).Decimal(230.04, 1).Decimal(1e300, 1).EndArray();
            Assert.AreEqual("[13.3,0.3,-2.3,6,230,922337203685477580.7]", w.ToString());
        }

        [TestMethod]
        public void EveryTenthFromZeroTo80AmpsRoundTripsExactly()
        {
            JsonWriter w = new JsonWriter();
            JsonReader r = new JsonReader();
            for (long tenths = 0; tenths <= 800; tenths++)
            {
                w.Reset();
                w.Fixed(tenths, 1);
                r.Reset(w.Buffer, 0, w.Length);
                r.Read();
                Assert.AreEqual(tenths, r.GetScaled(1), w.ToString());
            }
        }

        [TestMethod]
        public void OptionalFieldsAreOmittedNeverNull()
        {
            JsonWriter w = new JsonWriter();
            w.StartObject().OptionalProperty("idTag", null).OptionalProperty("reason", "Local").EndObject();
            Assert.AreEqual("{\"reason\":\"Local\"}", w.ToString());
        }

        [TestMethod]
        public void RoundTripsThroughTheReader()
        {
            string original = "{\"a\":[1,-2,3.5,\"x\\\"y\",true,false,{\"b\":\"K\u00f6ln \U0001F50C\"}],\"c\":{}}";
            JsonReader r = new JsonReader();
            r.Reset(original);
            JsonWriter w = new JsonWriter();
            while (r.Read() != JsonToken.EndOfInput)
            {
                switch (r.Token)
                {
                    case JsonToken.StartObject: w.StartObject(); break;
                    case JsonToken.EndObject: w.EndObject(); break;
                    case JsonToken.StartArray: w.StartArray(); break;
                    case JsonToken.EndArray: w.EndArray(); break;
                    case JsonToken.PropertyName: w.Name(r.GetString()); break;
                    case JsonToken.String: w.String(r.GetString()); break;
                    case JsonToken.Number: w.Fixed(r.GetScaled(3), 3); break;
                    case JsonToken.True: w.Bool(true); break;
                    case JsonToken.False: w.Bool(false); break;
                }
            }
            Assert.AreEqual(original, w.ToString());
        }

        [TestMethod]
        public void OutputIsBoundedByMaxBytes()
        {
            JsonWriter w = new JsonWriter(16, 64);
            string error = "none";
            try { w.StartArray(); for (int i = 0; i < 100; i++) w.String("0123456789"); }
            catch (JsonException e) { error = e.Message; }
            Assert.IsTrue(error.IndexOf("larger than 64 bytes") >= 0, error);
        }
    }
}
