using System.Text;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Tests.Portable
{
    /// <summary>Text through the firmware's JSON reader and writer: UTF-8, escapes and characters
    /// outside the BMP, which the device's string indexer splits wrongly.</summary>
    [TestClass]
    public class JsonTextTests
    {
        const string Emoji = "\U0001F600";   // 😀, a surrogate pair in UTF-16

        static string Written(string value)
        {
            JsonWriter w = new JsonWriter();
            w.String(value);
            return Encoding.UTF8.GetString(w.Buffer, 0, w.Length);
        }

        static string ReadBack(string json)
        {
            JsonReader r = new JsonReader();
            r.Reset(json);
            Assert.AreEqual((int)JsonToken.String, (int)r.Read());
            return r.GetString();
        }

        [TestMethod]
        public void SurrogatePairsRoundTrip()
        {
            string text = "Tiefgarage " + Emoji + " Köln 充电 " + Emoji;
            string json = Written(text);
            Assert.AreEqual("\"" + text + "\"", json);
            byte[] utf8 = Encoding.UTF8.GetBytes(json);
            Assert.AreEqual(0xF0, (int)utf8[12]);
            Assert.AreEqual(0x9F, (int)utf8[13]);
            Assert.AreEqual(0x98, (int)utf8[14]);
            Assert.AreEqual(0x80, (int)utf8[15]);
            Assert.AreEqual(text, ReadBack(json));
            Assert.AreEqual(Emoji, ReadBack("\"\\ud83d\\ude00\""));
        }

        [TestMethod]
        public void ValueEqualsComparesTextOutsideTheBmp()
        {
            JsonReader r = new JsonReader();
            r.Reset("{\"" + Emoji + "x\":1,\"\\u00e9\":2}");
            r.Read();
            r.Read();
            Assert.IsTrue(r.ValueEquals(Emoji + "x"));
            Assert.IsFalse(r.ValueEquals(Emoji + "y"));
            Assert.IsFalse(r.ValueEquals(Emoji));
            r.Read(); r.Read();
            Assert.IsTrue(r.ValueEquals("é"), "escaped name");
        }

        [TestMethod]
        public void EscapesQuotesBackslashesAndControlCharacters()
        {
            Assert.AreEqual("\"a\\\"b\\\\c\\n\\t\\u0001" + Emoji + "\"", Written("a\"b\\c\n\t\u0001" + Emoji));
            Assert.AreEqual("a\"b\\c\n\t\u0001" + Emoji, ReadBack(Written("a\"b\\c\n\t\u0001" + Emoji)));
        }

        [TestMethod]
        public void LongStringsRoundTripThroughBothWritePaths()
        {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 2000; i++) b.Append(i % 7 == 0 ? Emoji : "ab\"");
            string text = b.ToString();
            Assert.AreEqual(text, ReadBack(Written(text)));
            string plain = new string('x', 300) + Emoji;
            Assert.AreEqual(plain, ReadBack(Written(plain)));
        }

        [TestMethod]
        public void ALoneSurrogateIsWrittenAsTheReplacementCharacter()
        {
            Assert.AreEqual("\"\uFFFDx\"", Written(new string(new char[] { (char)0xD800, 'x' })));
        }
    }
}
