namespace PowerBrain.Firmware.Web
{
    /// <summary>The built-in page (generated from page.html by tools/embed-page.py; edit page.html).
    /// Plain HTML, CSS and JS: no framework, no CDN.</summary>
    public static class Page
    {
        public const string Html = @"<!doctype html>
<html lang=en><head><meta charset=utf-8><meta name=viewport content=""width=device-width,initial-scale=1"">
<title>PowerBrain</title>
<style>
*{box-sizing:border-box}body{font:15px system-ui,sans-serif;margin:0;background:#eef1f5;color:#1d2733}
header{background:#16324f;color:#fff;padding:10px 14px;display:flex;justify-content:space-between;align-items:center}
header b{font-size:1.15em}main{max-width:960px;margin:auto;padding:10px;display:grid;gap:10px;grid-template-columns:repeat(auto-fit,minmax(300px,1fr))}
section{background:#fff;border-radius:8px;padding:12px;box-shadow:0 1px 3px #0002}h2{margin:0 0 8px;font-size:1.05em}
dl{display:grid;grid-template-columns:auto 1fr;gap:3px 10px;margin:0}dt{color:#5b6b7b}dd{margin:0;font-weight:600}
label{display:block;margin:8px 0 2px;font-size:.9em;color:#33475b}input,select{width:100%;padding:8px;font-size:1em;border:1px solid #b8c4d0;border-radius:5px}
button{padding:9px 14px;font-size:1em;border:0;border-radius:5px;background:#1f6fb2;color:#fff;margin:6px 6px 0 0;cursor:pointer}
button.alt{background:#5b6b7b}.err{color:#b3261e;font-size:.85em;min-height:1em}.ok{color:#1b7f3b}.wide{grid-column:1/-1}
.big{font-size:1.6em;font-weight:700}.pill{display:inline-block;padding:2px 8px;border-radius:10px;background:#dde7f0}
pre{white-space:pre-wrap;font-size:.78em;max-height:220px;overflow:auto;margin:0}fieldset{border:1px solid #d5dde5;border-radius:6px;margin:0 0 10px}
.hide{display:none}
</style></head><body>
<header><b>PowerBrain Wallbox</b><span><span id=who></span> <button id=logout class=""alt hide"">Log out</button></span></header>
<main>
<section id=login class=""hide wide""><h2 id=ltitle>Log in</h2>
<form id=lform><label for=pw>Admin password</label><input id=pw type=password autocomplete=current-password>
<div id=pw2box class=hide><label for=pw2>Repeat the password</label><input id=pw2 type=password autocomplete=new-password></div>
<button id=lbtn>Log in</button><div id=lerr class=err></div></form></section>
<section id=st class=hide><h2>Charging</h2><div class=big id=offer>-</div><div><span class=pill id=conn>-</span> <span id=lim></span></div>
<dl style=""margin-top:8px""><dt>Pilot</dt><dd id=cp>-</dd><dt>Contactor</dt><dd id=ctr>-</dd><dt>Fault</dt><dd id=fault>-</dd>
<dt>Session energy</dt><dd id=sess>-</dd><dt>Total energy</dt><dd id=tot>-</dd><dt>Power</dt><dd id=pow>-</dd><dt>Currents</dt><dd id=cur>-</dd></dl></section>
<section id=sides class=hide><h2>Modbus and OCPP</h2><dl>
<dt>Modbus enable</dt><dd id=men>-</dd><dt>Modbus limit</dt><dd id=mlim>-</dd><dt>Last master contact</dt><dd id=mlast>-</dd><dt>Master lost</dt><dd id=mlost>-</dd>
<dt>OCPP link</dt><dd id=olink>-</dd><dt>Boot</dt><dd id=oboot>-</dd><dt>Transaction</dt><dd id=otx>-</dd><dt>Profile limit</dt><dd id=olim>-</dd></dl></section>
<section id=emu class=hide><h2>Simulated EV (emulator)</h2>
<button data-ev=plug>Plug in</button><button data-ev=unplug class=alt>Unplug</button>
<label for=amps>EV maximum current (A)</label><input id=amps type=number min=1 max=80 value=16>
<button id=evcharge>Start drawing</button><button id=evstop class=alt>Stop drawing</button>
<label for=tag>RFID card</label><input id=tag maxlength=20 value=04A1B2C3><button id=rfid>Present card</button>
<label><input type=checkbox id=ign style=""width:auto""> ignore current reductions</label>
<label><input type=checkbox id=dio style=""width:auto""> fail the diode check</label>
<label><input type=checkbox id=weld style=""width:auto""> weld the contactor</label><div id=emsg class=err></div></section>
<section id=cfg class=""hide wide""><h2>Settings</h2><form id=cform></form>
<button id=save>Save</button><span id=cmsg></span><div id=restart class=hide>Some changes take effect after a restart. <button id=rbtn>Restart now</button></div></section>
<section id=certs class=hide><h2>Certificates (OCPP over TLS)</h2><div id=clist></div>
<label for=cakind>Upload</label><select id=cakind><option value=ca>CA certificate(s)</option><option value=clientCertificate>Client certificate</option><option value=clientKey>Client private key</option></select>
<input id=cfile type=file accept="".pem,.crt,.cer,.key""><button id=cup>Upload</button><div id=certerr class=err></div></section>
<section id=sys class=hide><h2>System</h2><dl><dt>Firmware</dt><dd id=ver>-</dd><dt>Serial</dt><dd id=ser>-</dd><dt>Uptime</dt><dd id=up>-</dd><dt>Memory</dt><dd id=mem>-</dd></dl>
<form id=pform><label for=opw>Current admin password</label><input id=opw type=password autocomplete=current-password>
<label for=npw>New admin password</label><input id=npw type=password autocomplete=new-password><button>Change password</button><div id=perr class=err></div></form></section>
<section id=logs class=""hide wide""><h2>Log</h2><pre id=log></pre></section>
</main>
<script>
var $=function(i){return document.getElementById(i)},csrf='',timer=0,fields=[];
function show(ids,on){ids.split(' ').forEach(function(i){$(i).classList.toggle('hide',!on)})}
function api(m,p,b){var h={'Content-Type':'application/json'};if(csrf)h['X-CSRF-Token']=csrf;
 return fetch(p,{method:m,headers:h,body:b===undefined?undefined:JSON.stringify(b),credentials:'same-origin'}).then(function(r){
 return r.json().catch(function(){return{}}).then(function(j){if(r.status==401&&p!='/api/login'){loggedOut()}j._s=r.status;return j})})}
function loggedOut(){csrf='';clearInterval(timer);show('st sides emu cfg certs sys logs logout',false);api('GET','/api/session').then(function(s){
 if(s.loggedIn){loggedIn(s);return}
 $('ltitle').textContent=s.setup?'Set the admin password':'Log in';show('pw2box',s.setup);$('lbtn').textContent=s.setup?'Set password':'Log in';$('lform').dataset.setup=s.setup?1:'';show('login',true)})}
function loggedIn(j){csrf=j.csrf;show('login',false);show('st sides cfg certs sys logs logout',true);$('pw').value=$('pw2').value='';poll();timer=setInterval(poll,2000);loadCfg();certs()}
$('lform').onsubmit=function(e){e.preventDefault();var setup=$('lform').dataset.setup;
 if(setup&&$('pw').value!=$('pw2').value){$('lerr').textContent='The passwords differ.';return}
 api('POST',setup?'/api/setup':'/api/login',{password:$('pw').value}).then(function(j){if(j._s==200){$('lerr').textContent='';loggedIn(j)}else $('lerr').textContent=j.error||'failed'})}
$('logout').onclick=function(){api('POST','/api/logout').then(loggedOut)};
function a(x){return x===undefined?'-':x+' A'}
function ago(s){return s===undefined?'never':s+' s ago'}
function poll(){api('GET','/api/status').then(function(s){if(s._s!=200)return;var c=s.charging,t=s.transaction,m=s.modbus,o=s.ocpp;
 $('offer').textContent=c.offeredAmps+' A offered';$('conn').textContent=s.connector.status;$('lim').textContent='limited by '+c.limitedBy+' ('+c.limitAmps+' A)';
 $('cp').textContent=c.cpState+' ('+c.dutyPermille/10+' %)';$('ctr').textContent=c.contactorClosed?'closed':'open';$('fault').textContent=c.fault;
 $('sess').textContent=t.energyWh===undefined?'-':(t.energyWh/1000).toFixed(2)+' kWh';$('tot').textContent=(s.meter.energyWh/1000).toFixed(2)+' kWh';
 $('pow').textContent=s.meter.powerW+' W';$('cur').textContent=s.meter.currentsAmps.join(' / ')+' A';
 $('men').textContent=m.active?(m.enabled?'1 (enabled)':'0 (paused)'):'Modbus off';$('mlim').textContent=a(m.limitAmps);$('mlast').textContent=ago(m.lastContactAgoS);
 $('mlost').textContent=m.masterLostMode=='off'?'watchdog off':(m.masterLost?'yes ('+m.masterLostMode+')':'no');
 $('olink').textContent=o.connection+(o.lastError?' ('+o.lastError+')':'');$('oboot').textContent=o.bootStatus;
 $('otx').textContent=t.idTag?(t.id===undefined?'not yet numbered':'#'+t.id)+' for '+t.idTag:'none';$('olim').textContent=o.limitAmps===undefined?'none':o.limitAmps+' A';
 var f=s.firmware;$('ver').textContent=f.name+' '+f.version;$('ser').textContent=f.serial;$('up').textContent=Math.floor(s.uptimeS/3600)+' h '+Math.floor(s.uptimeS%3600/60)+' min';
 $('mem').textContent=s.memory.freeBytes<0?(s.memory.usedBytes>>10)+' KiB used':(s.memory.freeBytes>>10)+' KiB free';$('log').textContent=s.log.join('\n');
 show('emu',f.board=='emulator')})}
function loadCfg(){api('GET','/api/config').then(function(c){var f=$('cform'),g={};f.innerHTML='';fields=c.settings;
 c.settings.forEach(function(s){if(!g[s.group]){g[s.group]=document.createElement('fieldset');g[s.group].innerHTML='<legend>'+s.group+'</legend>';f.appendChild(g[s.group])}
  var d=document.createElement('div'),id='f_'+s.key.replace(/\./g,'_');
  d.innerHTML='<label for='+id+'></label><input id='+id+'><div class=err id=e_'+id+'></div>';
  d.querySelector('label').textContent=s.label+(s.restart?' *':'');var i=d.querySelector('input');i.name=s.key;
  if(s.type=='number'){i.type='number';i.min=s.min;i.max=s.max;i.value=s.value}else if(s.type=='secret'){i.type='password';i.autocomplete='new-password';i.placeholder=s.isSet?'(set; type to change)':'(not set)'}else{i.value=s.value;i.maxLength=s.max}
  g[s.group].appendChild(d)})})}
$('save').onclick=function(){var body={};fields.forEach(function(s){var i=document.querySelector('[name=""'+s.key+'""]');$('e_'+i.id).textContent='';
 if(s.type=='secret'){if(i.value)body[s.key]=i.value}else if(s.type=='number'){var v=i.value.trim();body[s.key]=/^-?\d+$/.test(v)?+v:v}else if(i.value!=s.value)body[s.key]=i.value;
 if(s.type=='number'&&body[s.key]===s.value)delete body[s.key]});
 if(!Object.keys(body).length){$('cmsg').textContent=' Nothing changed.';return}
 api('PUT','/api/config',body).then(function(j){if(j._s==200){$('cmsg').innerHTML=' <span class=ok>Saved.</span>';show('restart',j.restartNeeded);loadCfg()}
  else{$('cmsg').innerHTML=' <span class=err>Nothing was saved: fix the fields marked.</span>';for(var k in j.errors||{}){var e=$('e_f_'+k.replace(/\./g,'_'));if(e)e.textContent=j.errors[k];else $('cmsg').innerHTML+=' '+j.errors[k]}}})};
$('rbtn').onclick=function(){api('POST','/api/restart').then(function(){show('restart',false);$('cmsg').textContent=' Restarting…'})};
$('pform').onsubmit=function(e){e.preventDefault();api('POST','/api/password',{current:$('opw').value,password:$('npw').value}).then(function(j){
 $('perr').textContent=j._s==200?'Password changed.':j.error;if(j._s==200){csrf=j.csrf;$('opw').value=$('npw').value=''}})};
function certs(j){if(!j)return api('GET','/api/certificates').then(certs);var h='';
 [['ca','CA'],['clientCertificate','Client']].forEach(function(k){(j[k[0]]||[]).forEach(function(c){h+='<p><b>'+k[1]+':</b> <span class=csub></span><br>issuer <span class=ciss></span><br>valid until '+c.notAfter.slice(0,10)+(c.expired?' <span class=err>EXPIRED</span>':'')+'</p>'})});
 h+='<p>Client key: '+(j.clientKeySet?'stored (never shown)':'none')+'</p><p class=err id=cwarn></p>';$('clist').innerHTML=h;$('cwarn').textContent=(j.warnings||[]).join(' ');var i=0;
 [['ca'],['clientCertificate']].forEach(function(k){(j[k[0]]||[]).forEach(function(c){$('clist').querySelectorAll('.csub')[i].textContent=c.subject;$('clist').querySelectorAll('.ciss')[i].textContent=c.issuer;i++})})}
$('cup').onclick=function(){var f=$('cfile').files[0];if(!f){$('certerr').textContent='Choose a PEM file.';return}
 f.text().then(function(t){var b={};b[$('cakind').value]=t;return api('PUT','/api/certificates',b)}).then(function(j){
 var e=j.errors&&j.errors[$('cakind').value];$('certerr').textContent=j._s==200?'':(e||j.error||'failed');if(j._s==200)certs(j)})};
function ev(p,b){api('POST',p,b||{}).then(function(j){$('emsg').textContent=j.error||'';poll()})}
document.querySelectorAll('[data-ev]').forEach(function(b){b.onclick=function(){ev('/api/ev/'+b.dataset.ev)}});
$('evcharge').onclick=function(){ev('/api/ev/charge',{requestAmps:+$('amps').value})};$('evstop').onclick=function(){ev('/api/ev/charge',{stop:true})};
$('rfid').onclick=function(){ev('/api/rfid',{idTag:$('tag').value})};
['ign','dio','weld'].forEach(function(i){$(i).onchange=function(){ev('/api/ev/misbehave',{ignoreReduction:$('ign').checked,diodeFault:$('dio').checked,weldContactor:$('weld').checked})}});
loggedOut();
</script></body></html>
";
    }
}
