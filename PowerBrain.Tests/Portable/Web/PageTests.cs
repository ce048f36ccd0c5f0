using System;
using PowerBrain.Firmware.Web;

namespace PowerBrain.Tests.Portable
{
    /// <summary>The page's pieces decode on both runtimes into one gzip stream of the announced length.</summary>
    [TestClass]
    public class PageTests
    {
        [TestMethod]
        public void ThePiecesDecodeIntoTheWholeGzipStream()
        {
            int total = 0;
            byte[] first = null, last = null;
            for (int i = 0; i < Page.Pieces; i++)
            {
                byte[] piece = Convert.FromBase64String(Page.Piece(i));
                Assert.IsTrue(piece.Length > 0 && piece.Length <= 768, "piece " + i + ": " + piece.Length + " bytes");
                if (i == 0) first = piece;
                last = piece;
                total += piece.Length;
            }
            Assert.IsNull(Page.Piece(Page.Pieces), "no piece after the last");
            Assert.AreEqual(Page.GzipBytes, total);
            Assert.AreEqual(0x1F, (int)first[0]);
            Assert.AreEqual(0x8B, (int)first[1]);
            // gzip ends with the uncompressed length, little-endian.
            int n = last.Length;
            Assert.AreEqual(Page.HtmlBytes, last[n - 4] | last[n - 3] << 8 | last[n - 2] << 16 | last[n - 1] << 24);
        }
    }
}
