#!/usr/bin/env python3
"""Writes PowerBrain.Firmware/Web/Page.cs from page.html (the page's editable source).
The firmware carries the page as a C# constant; a test checks the two never drift apart."""
import pathlib
web = pathlib.Path(__file__).resolve().parent.parent / "PowerBrain.Firmware" / "Web"
html = (web / "page.html").read_text(encoding="utf-8")
body = html.replace('"', '""')
(web / "Page.cs").write_text(
    "namespace PowerBrain.Firmware.Web\n{\n"
    "    /// <summary>The built-in page (generated from page.html by tools/embed-page.py; edit page.html).\n"
    "    /// Plain HTML, CSS and JS: no framework, no CDN.</summary>\n"
    "    public static class Page\n    {\n"
    "        public const string Html = @\"" + body + "\";\n    }\n}\n", encoding="utf-8")
print(f"Page.cs written: {len(html.encode('utf-8'))} bytes of page")
