#!/usr/bin/env python3
"""Writes PowerBrain.Web/Web/Page.cs from page.html (the page's editable source).
The firmware carries the page gzip-compressed as a byte array: a third of the size in flash, on
the wire and in the device's heap. Compression is deterministic (no timestamp), so the same
page.html always gives the same Page.cs; a test inflates it and compares it with page.html."""
import gzip, pathlib
web = pathlib.Path(__file__).resolve().parent.parent / "PowerBrain.Web" / "Web"
html = (web / "page.html").read_bytes()
packed = gzip.compress(html, compresslevel=9, mtime=0)
rows = []
for i in range(0, len(packed), 24):
    rows.append("            " + ", ".join(f"0x{b:02X}" for b in packed[i:i + 24]) + ",")
(web / "Page.cs").write_text(
    "namespace PowerBrain.Firmware.Web\n{\n"
    "    /// <summary>The built-in page, gzip-compressed (generated from page.html by tools/embed-page.py;\n"
    "    /// edit page.html and run it). Plain HTML, CSS and JS: no framework, no CDN.</summary>\n"
    "    public static class Page\n    {\n"
    f"        /// <summary>Bytes of page.html before compression.</summary>\n"
    f"        public const int HtmlBytes = {len(html)};\n\n"
    "        public static readonly byte[] Gzip = new byte[]\n        {\n"
    + "\n".join(rows) + "\n        };\n    }\n}\n", encoding="utf-8")
print(f"Page.cs written: {len(html)} bytes of page, {len(packed)} gzip-compressed")
