using System.Collections.Generic;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Tests.Json;

[TestClass]
public sealed class JsonReaderTests
{
    static List<string> Tokens(string json, bool asBytes)
    {
        var r = new JsonReader();
        if (asBytes) { var b = Encoding.UTF8.GetBytes(json); r.Reset(b, 0, b.Length); } else r.Reset(json);
        var list = new List<string>();
        JsonToken t;
        while ((t = r.Read()) != JsonToken.EndOfInput)
        {
            list.Add(t switch
            {
                JsonToken.PropertyName => "name:" + r.GetString(),
                JsonToken.String => "str:" + r.GetString(),
                JsonToken.Number => "num:" + r.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => t.ToString(),
            });
        }
        return list;
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void ReadsAnOcppCallFrameFromBytesAndString(bool asBytes)
    {
        var tokens = Tokens("[2, \"19223201\", \"BootNotification\", {\"chargePointVendor\":\"PB\",\"n\":-1.5e2,\"ok\":true,\"x\":null,\"a\":[]}]", asBytes);
        CollectionAssert.AreEqual(new[]
        {
            "StartArray", "num:2", "str:19223201", "str:BootNotification", "StartObject",
            "name:chargePointVendor", "str:PB", "name:n", "num:-150", "name:ok", "True", "name:x", "Null",
            "name:a", "StartArray", "EndArray", "EndObject", "EndArray",
        }, tokens);
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void DecodesEscapesAndSurrogatePairs(bool asBytes)
    {
        var tokens = Tokens("[\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00 K\u00f6ln \U0001F50C\"]", asBytes);
        Assert.AreEqual("str:a\"b\\c/d\n\té\U0001F600 Köln \U0001F50C", tokens[1]);
    }

    [TestMethod]
    public void ValueEqualsComparesWithoutAllocatingAndHonoursEscapes()
    {
        var r = new JsonReader();
        var b = Encoding.UTF8.GetBytes("{\"Heart\\u0062eat\":\"K\u00f6ln\"}");
        r.Reset(b, 0, b.Length);
        r.Read(); r.Read();
        Assert.IsTrue(r.ValueEquals("Heartbeat"));
        Assert.IsFalse(r.ValueEquals("Heartbea"));
        Assert.IsFalse(r.ValueEquals("Heartbeats"));
        r.Read();
        Assert.IsTrue(r.ValueEquals("Köln"));
    }

    [TestMethod]
    public void NumbersAsIntegersScaledAndDoubles()
    {
        var r = new JsonReader();
        long Scaled(string n, int d) { r.Reset(n); r.Read(); return r.GetScaled(d); }
        long Int(string n) { r.Reset(n); r.Read(); return r.GetInt64(); }

        Assert.AreEqual(133, Scaled("13.3", 1));
        Assert.AreEqual(133, Scaled("13.33", 1));
        Assert.AreEqual(134, Scaled("13.35", 1));
        Assert.AreEqual(-134, Scaled("-13.35", 1));
        Assert.AreEqual(160, Scaled("16", 1));
        Assert.AreEqual(1, Scaled("0.1", 1));
        Assert.AreEqual(15000, Scaled("1.5e4", 0));
        Assert.AreEqual(12, Scaled("1.2E-2", 3));
        Assert.AreEqual(-42, Int("-42"));
        Assert.AreEqual(0, Int("-0"));
        Assert.AreEqual(1200, Int("1.2e3"));
        Assert.AreEqual(5, Int("5.0"));
        Assert.AreEqual(9223372036854775807, Int("9223372036854775807"));
        Assert.ThrowsExactly<JsonException>(() => Int("5.5"));
        Assert.ThrowsExactly<JsonException>(() => Int("1e30"));
        r.Reset("0.30000000000000004"); r.Read();
        Assert.AreEqual(0.30000000000000004, r.GetDouble(), 1e-15);
    }

    [TestMethod]
    public void DeepNestingIsRefused()
    {
        var r = new JsonReader();
        r.Reset(new string('[', 32) + new string(']', 32));
        while (r.Read() != JsonToken.EndOfInput) { }
        r.Reset(new string('[', 33) + new string(']', 33));
        var e = Assert.ThrowsExactly<JsonException>(() => { while (r.Read() != JsonToken.EndOfInput) { } });
        StringAssert.Contains(e.Message, "nesting deeper than 32");
        Assert.AreEqual(32, e.Offset);
    }

    [TestMethod]
    [DataRow("", 0, "unexpected end of input")]
    [DataRow("[1,2", 4, "unexpected end of input")]
    [DataRow("{\"a\":1,}", 7, "expected a property name")]
    [DataRow("[1,]", 3, "unexpected character")]
    [DataRow("{\"a\" 1}", 5, "expected ':'")]
    [DataRow("[01]", 2, "leading zero")]
    [DataRow("[1.]", 3, "invalid number")]
    [DataRow("[-]", 2, "invalid number")]
    [DataRow("[tru]", 1, "invalid literal")]
    [DataRow("[\"abc", 5, "unterminated string")]
    [DataRow("[\"a\\x\"]", 4, "invalid escape")]
    [DataRow("[\"\\u12G4\"]", 3, "invalid \\u escape")]
    [DataRow("[1] x", 4, "unexpected data after")]
    [DataRow("[1}", 2, "expected ',' or ']'")]
    [DataRow("{\"a\":1]", 6, "expected ',' or '}'")]
    [DataRow("garbage", 0, "unexpected character")]
    [DataRow("[\"a\nb\"]", 3, "control character")]
    public void MalformedInputThrowsWithItsOffset(string json, int offset, string message)
    {
        var r = new JsonReader();
        r.Reset(json);
        var e = Assert.ThrowsExactly<JsonException>(() => { while (r.Read() != JsonToken.EndOfInput) { } });
        StringAssert.Contains(e.Message, message);
        Assert.AreEqual(offset, e.Offset, e.Message);
    }

    [TestMethod]
    public void RandomGarbageNeverHangsAndOnlyThrowsJsonException()
    {
        var rnd = new System.Random(1234);
        var r = new JsonReader();
        var alphabet = Encoding.ASCII.GetBytes("{}[],:\"\\ 0123456789-+.eEtrufalsn\u0001abc");
        for (int round = 0; round < 20000; round++)
        {
            var buf = new byte[rnd.Next(0, 40)];
            for (int i = 0; i < buf.Length; i++) buf[i] = round % 2 == 0 ? alphabet[rnd.Next(alphabet.Length)] : (byte)rnd.Next(256);
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
        var r = new JsonReader();
        r.Reset("{\"skip\":{\"a\":[1,{\"b\":2}],\"c\":\"}\"},\"keep\":7}");
        r.Read(); r.Read();
        Assert.IsTrue(r.ValueEquals("skip"));
        r.Skip();
        Assert.AreEqual(JsonToken.EndObject, r.Token);
        Assert.AreEqual(JsonToken.PropertyName, r.Read());
        Assert.IsTrue(r.ValueEquals("keep"));
        r.Read();
        Assert.AreEqual(7, r.GetInt32());
    }
}
