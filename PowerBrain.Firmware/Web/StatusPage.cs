namespace PowerBrain.Firmware.Web
{
    /// <summary>The built-in page, served from flash. Plain HTML and JS, no framework, no CDN.</summary>
    public static class StatusPage
    {
        public const string Html = @"<!doctype html>
<html lang=en><head><meta charset=utf-8><meta name=viewport content='width=device-width,initial-scale=1'>
<title>PowerBrain</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f7;color:#222}
header{background:#1d3557;color:#fff;padding:12px 16px;font-size:1.2em}
main{padding:12px;max-width:720px;margin:auto}
section{background:#fff;border-radius:8px;padding:12px;margin-bottom:12px;box-shadow:0 1px 3px #0002}
dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:0}dt{color:#666}dd{margin:0}
pre{white-space:pre-wrap;font-size:.8em;max-height:200px;overflow:auto}
</style></head><body>
<header>PowerBrain Wallbox</header>
<main>
<section><h2>Status</h2><dl>
<dt>Firmware</dt><dd id=version>-</dd>
<dt>Uptime</dt><dd id=uptime>-</dd>
<dt>Free memory</dt><dd id=mem>-</dd>
</dl></section>
<section><h2>Log</h2><pre id=log></pre></section>
</main>
<script>
function $(i){return document.getElementById(i)}
function dur(s){var h=Math.floor(s/3600),m=Math.floor(s%3600/60);return h+'h '+m+'m '+s%60+'s'}
async function poll(){
 try{var r=await fetch('/api/status');var s=await r.json();
 $('version').textContent=s.firmware.name+' '+s.firmware.version;
 $('uptime').textContent=dur(s.uptimeS);
 $('mem').textContent=s.memory.freeBytes<0?'unknown':Math.round(s.memory.freeBytes/1024)+' KiB';
 $('log').textContent=s.log.join('\n');}catch(e){$('uptime').textContent='offline'}
}
poll();setInterval(poll,2000);
</script></body></html>";
    }
}
