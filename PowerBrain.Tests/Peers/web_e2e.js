// The built-in page in real headless Chromium (Debian's), driven by playwright-core, against the emulator.
// Usage: node web_e2e.js PHASE URL SHOTS_DIR [MODBUS_PORT CA_PEM KEY_PEM]
//   PHASE "first": first-run password, log in, settings with field errors (nothing saved), switches,
//     choices and amperes saved as the API's values, the reason at the top of Status for the cable,
//     the hardware maximum, the load manager (a real Modbus TCP write), the fallback and a welded
//     contactor; the chart, two sessions in the list and the CSV, diagnostics without secrets,
//     certificates, no horizontal scrolling on a phone, screenshots, a cross-origin form post.
//   PHASE "after-restart": settings kept; OCPP on with an unreachable backend: the fixed idTag waits
//     for the backend, an unknown card is refused offline. Leaves the car plugged in.
//   PHASE "after-power-cut": the session cut by the kill is in the list and the CSV with PowerLoss.
//   PHASE "ocpp-profile" URL SHOTS ADMIN_PASSWORD UNTIL: charging under a backend profile (set by the
//     test through the strict CSMS): the reason names the profile and when its limit ends.
// Prints one line per step; exits 1 on the first failure.
'use strict';
const { chromium } = require('playwright-core');
const http = require('http');
const net = require('net');
const fs = require('fs');

const [phase, base, shots, modbusPort, caFile, keyFile] = process.argv.slice(2);
const ADMIN = 'e2e admin password';
const OCPP_PW = 'ocpp-secret-9731';
const step = (s) => console.log('step: ' + s);
const fail = (s) => { console.log('FAIL: ' + s); process.exit(1); };
const expect = (cond, s) => { if (!cond) fail(s); };
const VIEWS = ['status', 'sessions', 'settings', 'diag'];

async function main() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.setDefaultTimeout(15000);
    await page.goto(base);
    if (phase === 'first') await first(page, browser);
    else if (phase === 'after-restart') await afterRestart(page);
    else if (phase === 'ocpp-profile') await ocppProfile(page);
    else await afterPowerCut(page);
  } finally {
    await browser.close();
  }
  console.log('ALL OK');
}

async function login(page, password) {
  await page.waitForSelector('#login:not(.hide)');
  await page.fill('#pw', password);
  await page.click('#lbtn');
  await page.waitForSelector('#nav:not(.hide)');
}

const view = (page, v) => page.click(`nav [data-v=${v}]`);
const section = (page, s) => page.click(`#sub button:text-is("${s}")`);
const api = async (page, path) => (await page.request.get(base + path)).json();
const setting = (cfg, k) => cfg.settings.find((s) => s.key === k);

async function reason(page, code, text, timeout = 15000) {
  await page.waitForFunction(([c, t]) => {
    const r = document.getElementById('reason');
    return r.dataset.code === c && r.textContent.includes(t);
  }, [code, text], { timeout }).catch(async () => {
    fail(`reason: wanted ${code} "${text}", page shows ${await page.getAttribute('#reason', 'data-code')} "${await page.textContent('#reason')}"`);
  });
  step(`reason shown: ${await page.textContent('#reason')}`);
}

async function save(page) {
  await page.click('#save');
  await page.waitForFunction(() => /Saved|Nothing/.test(document.getElementById('cmsg').textContent));
}

// A Modbus TCP write of one register (function 06), as a load manager sends it.
function modbusWrite(register, value) {
  return new Promise((resolve, reject) => {
    const s = net.connect(+modbusPort, '127.0.0.1', () => {
      s.write(Buffer.from([0, 1, 0, 0, 0, 6, 1, 6, register >> 8, register & 255, value >> 8, value & 255]));
    });
    s.on('data', (d) => { s.end(); d[7] === 6 ? resolve() : reject(new Error('Modbus exception ' + d.toString('hex'))); });
    s.on('error', reject);
  });
}

async function noSideways(p, label) {
  const { sw, iw } = await p.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
  expect(sw <= iw, `${label}: the page is ${sw} px wide on a ${iw} px phone`);
}

async function first(page, browser) {
  for (const path of ['/api/status', '/api/config', '/api/sessions', '/api/diagnostics']) {
    const r = await page.request.get(base + path);
    expect(r.status() === 401, `${path} without login: ${r.status()}`);
  }
  step('unauthenticated API calls get 401');

  await page.waitForSelector('#pw2box:not(.hide)');
  expect((await page.textContent('#ltitle')).includes('Set the admin password'), 'first run asks for a password');
  await page.fill('#pw', ADMIN);
  await page.fill('#pw2', ADMIN);
  await page.click('#lbtn');
  await page.waitForSelector('#st:not(.hide)');
  step('first-run password set, logged in');
  await page.click('#logout');
  await login(page, ADMIN);
  step('logged out and in again');

  // Invalid OCPP settings: a message at each field, nothing saved.
  await view(page, 'settings');
  await section(page, 'OCPP');
  await page.fill('[name="ocpp.url"]', 'http://not-a-websocket');
  await page.fill('[name="ocpp.chargeBoxId"]', 'bad id/with slash');
  await page.fill('[name="ocpp.password"]', OCPP_PW);
  await save(page);
  await page.waitForFunction(() => document.getElementById('e_f_ocpp_url').textContent.length > 0);
  expect(await page.isVisible('#e_f_ocpp_url'), 'the URL error is visible at its field');
  expect((await page.textContent('#e_f_ocpp_url')).includes('ws://'), 'URL error shown');
  expect((await page.textContent('#e_f_ocpp_chargeBoxId')).length > 0, 'ChargeBox ID error shown');
  expect((await page.textContent('#cmsg')).includes('Nothing was saved'), 'nothing saved message');
  const cfg0 = await api(page, '/api/config');
  expect(setting(cfg0, 'ocpp.url').value === '' && !setting(cfg0, 'ocpp.password').isSet, 'nothing was saved');
  step('validation errors shown at the fields, nothing saved');

  // Every kind of control, each saved as the API's value.
  expect(await page.getAttribute('[name="ocpp.securityProfile"]', 'type') === null && (await page.$('select[name="ocpp.securityProfile"]')), 'the security profile is a choice');
  await page.fill('[name="ocpp.url"]', 'ws://127.0.0.1:9/ocpp');
  await page.fill('[name="ocpp.chargeBoxId"]', 'GARAGE-7');
  await page.fill('[name="ocpp.idTag"]', 'FREEVEND');
  await section(page, 'Charging');
  expect((await page.textContent('#cform fieldset:not(.hide)')).includes('restart'), 'a setting that needs a restart is marked');
  expect(await page.inputValue('[name="charging.maxDeciA"]') === '16.0', 'the hardware maximum shows in amperes: ' + await page.inputValue('[name="charging.maxDeciA"]'));
  await page.fill('[name="charging.maxDeciA"]', '16.5');
  await page.selectOption('[name="charging.cableMode"]', { label: 'fixed cable' });
  await page.fill('[name="charging.fixedCableDeciA"]', '13');
  await section(page, 'Modbus');
  expect(await page.isChecked('[name="modbus.tcp.enabled"]'), 'Modbus TCP switch on');
  await page.click('[name="modbus.tcp.enabled"]');
  await page.selectOption('[name="modbus.rtu.parity"]', { label: 'odd' });
  await save(page);
  await page.waitForSelector('#restart:not(.hide)');
  expect((await page.textContent('#cmsg')).includes('Saved'), 'saved');
  let cfg = await api(page, '/api/config');
  const values = ['charging.maxDeciA', 'charging.cableMode', 'charging.fixedCableDeciA', 'modbus.tcp.enabled', 'modbus.rtu.parity']
    .map((k) => setting(cfg, k).value).join(',');
  expect(values === '165,1,130,0,1', 'stored values (16.5 A, fixed cable, 13 A, TCP off, odd): ' + values);
  expect(setting(cfg, 'ocpp.url').value === 'ws://127.0.0.1:9/ocpp' && setting(cfg, 'ocpp.password').isSet, 'OCPP settings saved');
  step('16.5 A stored as 165, choices and switch stored as numbers: ' + values);
  await page.click('[name="modbus.tcp.enabled"]');
  await save(page);
  cfg = await api(page, '/api/config');
  expect(setting(cfg, 'modbus.tcp.enabled').value === 1, 'the switch back on');
  step('switch back on stored as 1');

  // The reason at the top of Status, for each side that decides.
  await view(page, 'status');
  await page.waitForSelector('#emu:not(.hide)');
  await reason(page, 'no-car', 'No car connected');
  await page.click('[data-ev=plug]');
  await page.fill('#amps', '32');
  await page.click('#evcharge');
  await reason(page, 'limit-cable', 'Charging at 13.0 A, limited by the cable (13.0 A)');
  await view(page, 'settings');
  await section(page, 'Charging');
  await page.selectOption('[name="charging.cableMode"]', { label: 'socket (rating from the plug)' });
  await save(page);
  await view(page, 'status');
  await reason(page, 'limit-hardware', 'Charging at 16.5 A, limited by the hardware maximum (16.5 A)');
  await modbusWrite(8093, 100);
  await reason(page, 'limit-modbus', 'Charging at 10.0 A, limited by the load manager (Modbus limit 10.0 A)');
  await modbusWrite(8094, 0);
  await reason(page, 'modbus-paused', 'Paused by the load manager (Modbus enable = 0)');
  await modbusWrite(8094, 1);
  await view(page, 'settings');
  await section(page, 'Modbus');
  await page.selectOption('[name="modbus.masterLost.mode"]', { label: 'charge at the fallback current' });
  await page.fill('[name="modbus.masterLost.timeoutS"]', '2');
  await page.fill('[name="modbus.masterLost.fallbackDeciA"]', '7.5');
  await save(page);
  await view(page, 'status');
  await reason(page, 'limit-fallback', 'Charging at 7.5 A: Modbus master silent since ');
  expect((await page.textContent('#reason')).endsWith('UTC, fallback 7.5 A'), 'the fallback named');

  // The chart draws this session's samples.
  // Samples come every 5 s; the contactor closes again 5 s after the pause above.
  await page.waitForFunction(() => {
    const y = document.getElementById('ch-l1').getAttribute('points').split(' ').map((p) => +p.split(',')[1]);
    return y.length >= 3 && y.some((v) => v < 150);
  }, null, { timeout: 30000 }).catch(async () => fail('no L1 current in the chart: ' + await page.getAttribute('#ch-l1', 'points')));
  const l1 = (await page.getAttribute('#ch-l1', 'points')).split(' ').map((p) => +p.split(',')[1]);
  step(`chart drawn with ${l1.length} samples`);
  await page.screenshot({ path: shots + '/status-desktop.png', fullPage: true });

  await page.click('[data-ev=unplug]');
  await reason(page, 'no-car', 'No car connected');
  await page.click('[data-ev=plug]');
  await page.click('#evcharge');
  await reason(page, 'limit-fallback', 'Charging at 7.5 A');
  await page.waitForFunction(() => document.getElementById('ctr').textContent === 'closed', null, { timeout: 20000 });
  await page.waitForTimeout(4000);   // 7.5 A on three phases: about 5 kW, so some Wh
  await page.click('[data-ev=unplug]');
  await view(page, 'sessions');
  await page.waitForFunction(() => document.querySelectorAll('#slist .card:not(.run)').length >= 2)
    .catch(async () => fail('two closed sessions wanted; the list shows: ' + await page.innerHTML('#slist')));
  const cards = await page.$$eval('#slist .card', (c) => c.map((e) => e.textContent));
  expect(cards.length === 2 && cards.every((c) => c.includes('EVDisconnected') && / k?Wh/.test(c)), 'two sessions listed: ' + JSON.stringify(cards));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href="/api/sessions.csv"]')]);
  const csv = fs.readFileSync(await download.path(), 'utf8').trim().split('\r\n');
  expect(csv[0] === 'start,end,energyWh,idTag,stopReason,ocppTransactionId,backendReceived' && csv.length === 3, 'CSV: ' + csv.join(' | '));
  expect(csv.slice(1).every((l) => l.split(',')[4] === 'EVDisconnected' && +l.split(',')[2] > 0), 'CSV rows: ' + csv.join(' | '));
  step('two sessions with OCPP off in the list and in the CSV (' + download.suggestedFilename() + ')');
  await page.screenshot({ path: shots + '/sessions-desktop.png', fullPage: true });

  // A welded contactor is a fault, in words.
  await view(page, 'status');
  await page.click('[data-ev=plug]');
  await page.click('#evcharge');
  await reason(page, 'limit-fallback', 'Charging at');
  await page.click('#weld');
  await page.click('[data-ev=unplug]');
  await reason(page, 'fault', 'Fault: contactor welded');
  await page.click('#weld');

  // Diagnostics: the masters heard, and a file without any secret.
  await view(page, 'diag');
  await page.waitForFunction(() => document.getElementById('dmod').textContent.includes('TCP 127.0.0.1'));
  const [diagFile] = await Promise.all([page.waitForEvent('download'), page.click('#dl')]);
  const diagText = fs.readFileSync(await diagFile.path(), 'utf8');
  const diag = JSON.parse(diagText);
  expect(!diagText.includes(OCPP_PW) && !diagText.includes(ADMIN), 'the diagnostics file holds a password');
  expect(diag.settings.find((s) => s.key === 'ocpp.password').isSet === true && diag.modbus.masters[0].requests >= 3, 'diagnostics content');
  expect(diag.status.log.length > 0 && diag.sessions.length >= 2, 'log and sessions in the file');
  step(`diagnostics file ${diagFile.suggestedFilename()}: ${diagText.length} bytes, no secret`);

  // The password never appears in page source or API output.
  for (const path of ['/', '/api/config', '/api/status', '/api/session', '/api/diagnostics', '/api/sessions']) {
    const text = await (await page.request.get(base + path)).text();
    expect(!text.includes(OCPP_PW) && !text.includes(ADMIN), `${path} shows a password`);
  }
  step('no password in page source or API output');

  // Certificates: upload the CA, see its subject and expiry; a key is stored but never shown.
  await view(page, 'settings');
  await section(page, 'Certificates');
  await page.waitForSelector('#certs:not(.hide)');
  await page.selectOption('#cakind', 'ca');
  await page.setInputFiles('#cfile', caFile);
  await page.click('#cup');
  await page.waitForFunction(() => document.getElementById('clist').textContent.includes('Köln'));
  const certText = await page.textContent('#clist');
  expect(certText.includes('CN=Tiefgarage Köln Root CA') && certText.includes('valid until'), 'CA subject and expiry shown: ' + certText);
  await page.selectOption('#cakind', 'clientKey');
  await page.setInputFiles('#cfile', keyFile);
  await page.click('#cup');
  await page.waitForFunction(() => document.getElementById('clist').textContent.includes('stored (never shown)'));
  const keyLine = fs.readFileSync(keyFile, 'utf8').split('\n')[1];
  for (const path of ['/api/certificates', '/api/status', '/api/config', '/api/diagnostics', '/']) {
    const text = await (await page.request.get(base + path)).text();
    expect(!text.includes(keyLine), `${path} shows the private key`);
  }
  step('CA uploaded (subject and expiry shown); the key cannot be downloaded');
  await section(page, 'Charging');
  await page.screenshot({ path: shots + '/settings-desktop.png', fullPage: true });

  // A phone: every view fits the width.
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await phone.context().addCookies(await page.context().cookies());
  await phone.goto(base);
  await phone.waitForSelector('#st:not(.hide)');
  await phone.waitForFunction(() => document.getElementById('reason').textContent.length > 3);
  for (const v of VIEWS) {
    await view(phone, v);
    await phone.waitForTimeout(400);
    await noSideways(phone, v);
    if (v === 'settings') {
      for (const s of ['OCPP', 'Modbus', 'Network', 'Certificates', 'System', 'Charging']) { await section(phone, s); await noSideways(phone, 'settings ' + s); }
    }
    if (v !== 'diag') await phone.screenshot({ path: `${shots}/${v}-phone.png`, fullPage: true });
  }
  step('phone: no horizontal scrolling in any view; screenshots saved');

  // A cross-origin form post is refused: a page on another origin posts a form to the box.
  await view(page, 'status');
  await page.click('[data-ev=plug]');
  await page.waitForTimeout(600);
  const evil = http.createServer((req, res) => {
    res.setHeader('Content-Type', 'text/html');
    res.end(`<form id=g method=POST action="${base}/api/ev/unplug" enctype="text/plain"><input name='{"a":"' value='b"}'></form>
             <script>document.getElementById('g').submit()</script>`);
  });
  await new Promise((r) => evil.listen(0, '127.0.0.1', r));
  const victim = await browser.newContext();
  await victim.addCookies(await page.context().cookies());
  const evilPage = await victim.newPage();
  const responses = [];
  evilPage.on('response', (r) => { if (r.url().startsWith(base)) responses.push(r.status()); });
  await evilPage.goto(`http://127.0.0.1:${evil.address().port}/`);
  await evilPage.waitForTimeout(1500);
  evil.close();
  expect(responses.length > 0 && responses.every((s) => s === 403), 'cross-origin post answered ' + JSON.stringify(responses));
  const status = await api(page, '/api/status');
  expect(!status.charging.cpState.startsWith('A'), 'the EV is still plugged: the forged unplug did nothing');
  step('cross-origin form post refused (' + JSON.stringify(responses) + ')');
}

async function afterRestart(page) {
  await login(page, ADMIN);
  await view(page, 'settings');
  await section(page, 'OCPP');
  expect(await page.inputValue('[name="ocpp.url"]') === 'ws://127.0.0.1:9/ocpp', 'URL kept');
  expect(await page.inputValue('[name="ocpp.chargeBoxId"]') === 'GARAGE-7', 'ChargeBox ID kept');
  expect((await page.getAttribute('[name="ocpp.password"]', 'placeholder')).includes('set'), 'password kept (shown only as set)');
  expect(await page.inputValue('[name="ocpp.password"]') === '', 'password field empty');
  await section(page, 'Charging');
  expect(await page.inputValue('[name="charging.maxDeciA"]') === '16.5', 'current kept');
  step('settings kept over the restart');

  // OCPP on, the backend unreachable: what the box waits for, in words.
  await view(page, 'status');
  await page.waitForSelector('#emu:not(.hide)');
  await page.click('[data-ev=plug]');
  await page.click('#evcharge');
  await reason(page, 'auth-waiting', 'Waiting for the backend to authorize FREEVEND');
  await page.fill('#tag', 'UNKNOWN-CARD');
  await page.click('#rfid');
  await reason(page, 'auth-refused', 'Not charging: backend offline and unknown tags are not allowed offline');
}

async function ocppProfile(page) {
  const [password, until] = process.argv.slice(5);
  await login(page, password);
  await reason(page, 'limit-ocpp', `Charging at 6.0 A, limited to 6.0 A by the backend's charging profile 5 until ${until} UTC`);
}

async function afterPowerCut(page) {
  await login(page, ADMIN);
  await view(page, 'sessions');
  await page.waitForFunction(() => document.getElementById('slist').textContent.includes('PowerLoss'));
  const csv = await (await page.request.get(base + '/api/sessions.csv')).text();
  const last = csv.trim().split('\r\n').pop().split(',');
  expect(last[4] === 'PowerLoss', 'the last CSV row ends with PowerLoss: ' + last.join(','));
  step('the session cut by the kill is closed with PowerLoss: ' + last.join(','));
}

main().catch((e) => fail(e.stack || String(e)));
