// The built-in page in real headless Chromium (Debian's), driven by playwright-core.
// Usage: node web_e2e.js PHASE URL SHOTS_DIR
//   PHASE "first": first-run password, log in, OCPP settings with validation errors (nothing saved),
//                  valid settings saved, EV panel, a cross-origin form post, unauthenticated API calls,
//                  no password in page source or API output, screenshots (desktop and phone).
//   PHASE "after-restart": log in, the saved settings are still there.
// Prints one line per step; exits 1 on the first failure.
'use strict';
const { chromium } = require('playwright-core');
const http = require('http');

const [phase, base, shots, caFile, keyFile] = process.argv.slice(2);
const ADMIN = 'e2e admin password';
const OCPP_PW = 'ocpp-secret-9731';
const step = (s) => console.log('step: ' + s);
const fail = (s) => { console.log('FAIL: ' + s); process.exit(1); };
const expect = (cond, s) => { if (!cond) fail(s); };

async function main() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15000);
    await page.goto(base);
    if (phase === 'first') await first(page, browser); else await afterRestart(page);
  } finally {
    await browser.close();
  }
  console.log('ALL OK');
}

async function login(page, password) {
  await page.waitForSelector('#login:not(.hide)');
  await page.fill('#pw', password);
  await page.click('#lbtn');
}

async function first(page, browser) {
  // Unauthenticated API calls get 401.
  for (const path of ['/api/status', '/api/config']) {
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
  await page.waitForSelector('#cfg:not(.hide)');
  await page.waitForSelector('[name="ocpp.url"]');
  step('logged out and in again');

  // Invalid OCPP settings: a message per field, nothing saved.
  await page.fill('[name="ocpp.url"]', 'http://not-a-websocket');
  await page.fill('[name="ocpp.chargeBoxId"]', 'bad id/with slash');
  await page.fill('[name="ocpp.password"]', OCPP_PW);
  await page.click('#save');
  await page.waitForFunction(() => document.getElementById('e_f_ocpp_url').textContent.length > 0);
  expect((await page.textContent('#e_f_ocpp_url')).includes('ws://'), 'URL error shown');
  expect((await page.textContent('#e_f_ocpp_chargeBoxId')).length > 0, 'ChargeBox ID error shown');
  expect((await page.textContent('#cmsg')).includes('Nothing was saved'), 'nothing saved message');
  const cfg1 = await (await page.request.get(base + '/api/config')).json();
  const val = (cfg, k) => cfg.settings.find((s) => s.key === k);
  expect(val(cfg1, 'ocpp.url').value === '' && !val(cfg1, 'ocpp.password').isSet, 'nothing was saved');
  step('validation errors shown per field, nothing saved');

  // Valid settings.
  await page.fill('[name="ocpp.url"]', 'ws://127.0.0.1:9/ocpp');
  await page.fill('[name="ocpp.chargeBoxId"]', 'GARAGE-7');
  await page.fill('[name="ocpp.password"]', OCPP_PW);
  await page.fill('[name="ocpp.idTag"]', 'FREEVEND');
  await page.fill('[name="charging.maxDeciA"]', '200');
  await page.click('#save');
  await page.waitForSelector('#restart:not(.hide)');
  expect((await page.textContent('#cmsg')).includes('Saved'), 'saved');
  step('valid settings saved; restart offered');

  // The password never appears in page source or API output.
  for (const path of ['/', '/api/config', '/api/status', '/api/session']) {
    const text = await (await page.request.get(base + path)).text();
    expect(!text.includes(OCPP_PW) && !text.includes(ADMIN), `${path} shows a password`);
  }
  expect(!(await page.content()).includes(OCPP_PW), 'the live page shows the OCPP password');
  step('no password in page source or API output');

  // Certificates: upload the CA, see its subject and expiry; a key is stored but never shown.
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
  const keyLine = require('fs').readFileSync(keyFile, 'utf8').split('\n')[1];
  for (const path of ['/api/certificates', '/api/status', '/api/config', '/']) {
    const text = await (await page.request.get(base + path)).text();
    expect(!text.includes(keyLine), `${path} shows the private key`);
  }
  expect(!(await page.content()).includes(keyLine), 'the page shows the private key');
  step('CA uploaded (subject and expiry shown); the key cannot be downloaded');

  // The simulated EV from the panel; the status follows.
  await page.waitForSelector('#emu:not(.hide)');
  await page.click('[data-ev=plug]');
  await page.fill('#amps', '16');
  await page.click('#evcharge');
  await page.waitForFunction(() => document.getElementById('cp').textContent.startsWith('C'), null, { timeout: 10000 });
  // 20 A: the hardware maximum saved above is the lowest limit.
  await page.waitForFunction(() => document.getElementById('offer').textContent.startsWith('20 A'), null, { timeout: 10000 });
  step('EV plugged from the panel: ' + (await page.textContent('#cp')) + ', ' + (await page.textContent('#offer')));
  await page.waitForTimeout(2500);
  await page.screenshot({ path: shots + '/status-desktop.png', fullPage: true });
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await phone.context().addCookies(await page.context().cookies());
  await phone.goto(base);
  await phone.waitForSelector('#st:not(.hide)');
  await phone.waitForFunction(() => document.getElementById('offer').textContent.includes('A'));
  await phone.waitForTimeout(500);
  await phone.screenshot({ path: shots + '/status-phone.png', fullPage: true });
  step('screenshots saved');

  // A cross-origin form post is refused: a page on another origin posts a form to the box.
  const before = (await (await page.request.get(base + '/api/config')).json());
  const evil = http.createServer((req, res) => {
    res.setHeader('Content-Type', 'text/html');
    res.end(`<form id=g method=POST action="${base}/api/ev/unplug" enctype="text/plain"><input name='{"a":"' value='b"}'></form>
             <script>document.getElementById('g').submit()</script>`);
  });
  await new Promise((r) => evil.listen(0, '127.0.0.1', r));
  // The victim's browser: same cookies as the logged-in installer.
  const victim = await browser.newContext();
  await victim.addCookies(await page.context().cookies());
  const evilPage = await victim.newPage();
  const responses = [];
  evilPage.on('response', (r) => { if (r.url().startsWith(base)) responses.push(r.status()); });
  await evilPage.goto(`http://127.0.0.1:${evil.address().port}/`);
  await evilPage.waitForTimeout(1500);
  evil.close();
  expect(responses.length > 0 && responses.every((s) => s === 403), 'cross-origin post answered ' + JSON.stringify(responses));
  const status = await (await page.request.get(base + '/api/status')).json();
  expect(status.charging.cpState.startsWith('C'), 'the EV is still plugged: the forged unplug did nothing');
  step('cross-origin form post refused (' + JSON.stringify(responses) + ')');
}

async function afterRestart(page) {
  await login(page, ADMIN);
  await page.waitForSelector('[name="ocpp.url"]');
  expect(await page.inputValue('[name="ocpp.url"]') === 'ws://127.0.0.1:9/ocpp', 'URL kept');
  expect(await page.inputValue('[name="ocpp.chargeBoxId"]') === 'GARAGE-7', 'ChargeBox ID kept');
  expect(await page.inputValue('[name="charging.maxDeciA"]') === '200', 'current kept');
  expect((await page.getAttribute('[name="ocpp.password"]', 'placeholder')).includes('set'), 'password kept (shown only as set)');
  expect(await page.inputValue('[name="ocpp.password"]') === '', 'password field empty');
  step('settings kept over the restart');
}

main().catch((e) => fail(e.stack || String(e)));
