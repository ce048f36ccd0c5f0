using System;
using System.Collections;
using System.Text;

namespace PowerBrain.Firmware.Security
{
    /// <summary>One PEM block: its label (CERTIFICATE, PRIVATE KEY, …) and its DER bytes.</summary>
    public sealed class PemBlock
    {
        public string Label;
        public byte[] Der;
        /// <summary>The block as text, from BEGIN to END.</summary>
        public string Text;
    }

    /// <summary>Splits PEM text into blocks; anything that is not well-formed PEM is an error.</summary>
    public static class Pem
    {
        /// <summary>The blocks of the text; throws FormatException with a reason for garbage.</summary>
        public static ArrayList Parse(string text)
        {
            ArrayList blocks = new ArrayList();
            if (text == null) throw new FormatException("empty");
            int at = 0;
            while (true)
            {
                int begin = text.IndexOf("-----BEGIN ", at);
                if (begin < 0) break;
                int labelEnd = text.IndexOf("-----", begin + 11);
                if (labelEnd < 0) throw new FormatException("a BEGIN line is not closed");
                string label = text.Substring(begin + 11, labelEnd - begin - 11);
                string endMarker = "-----END " + label + "-----";
                int end = text.IndexOf(endMarker, labelEnd + 5);
                if (end < 0) throw new FormatException("no END line for " + label);
                StringBuilder b64 = new StringBuilder();
                char[] body = text.Substring(labelEnd + 5, end - labelEnd - 5).ToCharArray();   // linear on the device, unlike text[i]
                for (int i = 0; i < body.Length; i++)
                {
                    char c = body[i];
                    if (c == '\r' || c == '\n' || c == ' ' || c == '\t') continue;
                    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
                    if (!ok) throw new FormatException(label + " holds a character that is not base64");
                    b64.Append(c);
                }
                if (b64.Length == 0 || b64.Length % 4 != 0) throw new FormatException(label + " is not whole base64");
                PemBlock block = new PemBlock();
                block.Label = label;
                block.Der = Base64(b64.ToString(), label);
                block.Text = text.Substring(begin, end + endMarker.Length - begin);
                blocks.Add(block);
                at = end + endMarker.Length;
            }
            if (blocks.Count == 0) throw new FormatException("no PEM block (-----BEGIN …-----) found");
            return blocks;
        }

        /// <summary>Decodes checked base64 text. On the device Convert throws a plain Exception for
        /// bad input (misplaced '='), on desktop a FormatException: both become a FormatException.</summary>
        static byte[] Base64(string b64, string label)
        {
            try { return Convert.FromBase64String(b64); }
            catch (Exception) { throw new FormatException(label + " is not valid base64"); }
        }
    }
}
