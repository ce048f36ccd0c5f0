#!/usr/bin/env python3
"""Writes PowerBrain.Web/Web/Page.cs from page.html (the page's editable source).
The firmware carries the page gzip-compressed (a third of the size in flash and on the wire), as
base64 string literals of 1,024 characters: a literal's text stays in the assembly (flash on an
ESP32), so the page costs no heap until a request decodes it a piece at a time. Compression is
deterministic (no timestamp), so the same page.html always gives the same Page.cs; a test inflates
it and compares it with page.html."""
import base64, gzip, pathlib
web = pathlib.Path(__file__).resolve().parent.parent / "PowerBrain.Web" / "Web"
html = (web / "page.html").read_bytes()
packed = gzip.compress(html, compresslevel=9, mtime=0)
piece_chars = 1024   # 768 bytes per piece
text = base64.b64encode(packed).decode("ascii")
pieces = [text[i:i + piece_chars] for i in range(0, len(text), piece_chars)]
cases = "\n".join(f'                case {i}: return "{p}";' for i, p in enumerate(pieces))
(web / "Page.cs").write_text(
    "namespace PowerBrain.Firmware.Web\n{\n"
    "    /// <summary>The built-in page, gzip-compressed and base64-encoded in pieces (generated from\n"
    "    /// page.html by tools/embed-page.py; edit page.html and run it). Plain HTML, CSS and JS: no\n"
    "    /// framework, no CDN. The pieces are literals, kept in flash until a request decodes one.</summary>\n"
    "    public static class Page\n    {\n"
    "        /// <summary>Bytes of page.html before compression.</summary>\n"
    f"        public const int HtmlBytes = {len(html)};\n\n"
    "        /// <summary>Bytes of the gzip-compressed page (the response's length).</summary>\n"
    f"        public const int GzipBytes = {len(packed)};\n\n"
    f"        public const int Pieces = {len(pieces)};\n\n"
    "        /// <summary>Piece i of the compressed page in base64; the pieces in order are the whole.</summary>\n"
    "        public static string Piece(int i)\n        {\n            switch (i)\n            {\n"
    + cases + "\n                default: return null;\n            }\n        }\n    }\n}\n", encoding="utf-8")
print(f"Page.cs written: {len(html)} bytes of page, {len(packed)} gzip-compressed, {len(pieces)} pieces")
