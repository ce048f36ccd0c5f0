using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Tests.Json;

[TestClass]
public sealed class JsonWriterTests
{
    [TestMethod]
    public void WritesCompactJsonWithCommasInTheRightPlaces()
    {
        var w = new JsonWriter();
        w.StartArray().Int(2).String("id-1").String("MeterValues").StartObject()
         .Property("connectorId", 1)
         .Name("meterValue").StartArray().StartObject().Property("timestamp", "2026-11-24T10:15:30Z").EndObject().EndArray()
         .Property("ok", true)
         .EndObject().EndArray();
        Assert.AreEqual("[2,\"id-1\",\"MeterValues\",{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2026-11-24T10:15:30Z\"}],\"ok\":true}]", w.ToString());
    }

    [TestMethod]
    [DataRow(133L, 1, "13.3")]
    [DataRow(130L, 1, "13")]
    [DataRow(-5L, 1, "-0.5")]
    [DataRow(0L, 1, "0")]
    [DataRow(1L, 1, "0.1")]
    [DataRow(123456L, 3, "123.456")]
    [DataRow(100500L, 3, "100.5")]
    [DataRow(-9223372036854775808L, 0, "-9223372036854775808")]
    [DataRow(9223372036854775807L, 0, "9223372036854775807")]
    public void FixedPointNumbersAreExact(long scaled, int decimals, string expected)
    {
        var w = new JsonWriter();
        w.Fixed(scaled, decimals);
        Assert.AreEqual(expected, w.ToString());
    }

    [TestMethod]
    public void FixedAsStringQuotesTheSameText()
    {
        var w = new JsonWriter();
        w.StartArray().FixedAsString(2301, 1).FixedAsString(160, 1).FixedAsString(-5, 1).EndArray();
        Assert.AreEqual("[\"230.1\",\"16\",\"-0.5\"]", w.ToString());
    }

    [TestMethod]
    public void DoublesAreRoundedToTheGivenDecimalsNeverLongTails()
    {
        var w = new JsonWriter();
        w.StartArray().Decimal(13.299999, 1).Decimal(0.1 + 0.2, 1).Decimal(-2.25, 1).Decimal(6.0, 1).Decimal(230.04, 1).EndArray();
        Assert.AreEqual("[13.3,0.3,-2.3,6,230]", w.ToString());
    }

    [TestMethod]
    public void EveryTenthFromZeroTo80AmpsRoundTripsExactly()
    {
        var w = new JsonWriter();
        var r = new JsonReader();
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
    public void EscapesControlCharactersQuotesAndEncodesUtf8()
    {
        var w = new JsonWriter();
        w.String("q\"b\\s\n\r\t\b\f\u0001 Köln \U0001F50C \ud800x");
        // A lone surrogate is not encodable as UTF-8: it becomes U+FFFD, as the runtime encoders do on device and desktop.
        Assert.AreEqual("\"q\\\"b\\\\s\\n\\r\\t\\b\\f\\u0001 Köln \U0001F50C \uFFFDx\"", Encoding.UTF8.GetString(w.Buffer, 0, w.Length));
    }

    [TestMethod]
    public void OptionalFieldsAreOmittedNeverNull()
    {
        var w = new JsonWriter();
        w.StartObject().OptionalProperty("idTag", null).OptionalProperty("reason", "Local").EndObject();
        Assert.AreEqual("{\"reason\":\"Local\"}", w.ToString());
        StringAssert.DoesNotMatch(w.ToString(), new System.Text.RegularExpressions.Regex("null"));
    }

    [TestMethod]
    public void RoundTripsThroughTheReader()
    {
        var original = "{\"a\":[1,-2,3.5,\"x\\\"y\",true,false,{\"b\":\"K\u00f6ln \U0001F50C\"}],\"c\":{}}";
        var r = new JsonReader();
        r.Reset(original);
        var w = new JsonWriter();
        Copy(r, w);
        Assert.AreEqual(original, w.ToString());
    }

    static void Copy(JsonReader r, JsonWriter w)
    {
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
    }

    [TestMethod]
    public void OutputIsBoundedByMaxBytes()
    {
        var w = new JsonWriter(16, 64);
        var e = Assert.ThrowsExactly<JsonException>(() => { w.StartArray(); for (int i = 0; i < 100; i++) w.String("0123456789"); });
        StringAssert.Contains(e.Message, "larger than 64 bytes");
    }
}
