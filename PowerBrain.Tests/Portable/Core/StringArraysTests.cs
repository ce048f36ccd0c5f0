using PowerBrain.Firmware.Core;

namespace PowerBrain.Tests.Portable
{
    /// <summary>A string array from StringArrays.New holds plain nulls on both runtimes: they compare
    /// equal to null and unequal to text (on the nanoCLR a fresh new string[n] does neither, and
    /// comparing its element with text crashes the runtime).</summary>
    [TestClass]
    public class StringArraysTests
    {
        [TestMethod]
        public void ItsElementsAreNullsThatCompareLikeNulls()
        {
            string[] a = StringArrays.New(3);
            Assert.AreEqual(3, a.Length);
            string text = "x" + a.Length;
            for (int i = 0; i < a.Length; i++)
            {
                Assert.IsTrue(a[i] == null, "element " + i + " is null");
                Assert.IsFalse(a[i] == text, "element " + i + " is not text");
                Assert.IsFalse(a[i] == "lit", "element " + i + " is not a literal");
            }
            a[1] = text;
            Assert.IsTrue(a[1] == "x3");
            Assert.AreEqual(0, StringArrays.New(0).Length);
        }
    }
}
