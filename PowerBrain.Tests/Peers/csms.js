// A strict OCPP 1.6 central system for the tests, built on ocpp-rpc with the official schemas.
// Usage: node csms.js PORT [PASSWORD|-] [--tls DIR [--client-cert]]
//   --tls DIR: serve wss:// with DIR/server.pem, DIR/server-key.pem; --client-cert: require a client
//   certificate signed by DIR/ca.pem (security profile 3).
// Talks to the test over stdio, one JSON object per line:
//   stdout events: listening, auth, connected, disconnected, call (a CALL from the charge point),
//                  message (every frame, both ways), callResult/callError (answers to our CALLs),
//                  strictValidationFailure (fails the test)
//   stdin commands: {cmd:"boot", status, interval} | {cmd:"tags", tags:{IDTAG:"Invalid",…}}
//                  | {cmd:"parents", parents:{IDTAG:"PARENT",…}} (parentIdTag in the idTagInfo)
//                  | {cmd:"call", ref, action, params} | {cmd:"raw", data} | {cmd:"close"}
//                  | {cmd:"password", password} | {cmd:"password", hex} | {cmd:"delay", action, ms}
//   (delay: answer that action ms later, as a slow backend does)
'use strict';
const { RPCServer } = require('ocpp-rpc');
const readline = require('readline');

const port = parseInt(process.argv[2], 10);
let expectedPassword = process.argv.length > 3 && process.argv[3] !== '-' && !process.argv[3].startsWith('--') ? process.argv[3] : null;
const tlsAt = process.argv.indexOf('--tls');
const tlsDir = tlsAt > 0 ? process.argv[tlsAt + 1] : null;
const requireClientCert = process.argv.includes('--client-cert');
let expectedPasswordHex = null;
let boot = { status: 'Accepted', interval: 300 };
let tags = {};
let parents = {};
const tagInfo = (idTag) => Object.assign({ status: tags[idTag] || 'Accepted' }, parents[idTag] ? { parentIdTag: parents[idTag] } : {});
let delays = {};
let nextTransactionId = 1000 + Math.floor(Math.random() * 1000);
let current = null;

const emit = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const now = () => new Date().toISOString();

const server = new RPCServer({ protocols: ['ocpp1.6'], strictMode: true, callTimeoutMs: 20000 });

server.auth((accept, reject, handshake) => {
  const pw = handshake.password ? handshake.password.toString('utf8') : null;
  const sock = handshake.request && handshake.request.socket;
  const peer = sock && sock.getPeerCertificate ? sock.getPeerCertificate() : null;
  emit({ event: 'auth', identity: handshake.identity, endpoint: handshake.endpoint,
         clientCertCN: peer && peer.subject ? peer.subject.CN : null,
         protocols: [...handshake.protocols], password: pw,
         passwordHex: handshake.password ? handshake.password.toString('hex') : null });
  if (!handshake.protocols.has('ocpp1.6')) return reject(400, 'offer ocpp1.6');
  if (expectedPasswordHex !== null) {
    if (!handshake.password || handshake.password.toString('hex') !== expectedPasswordHex) return reject(401, 'wrong password');
  } else if (expectedPassword !== null && pw !== expectedPassword) return reject(401, 'wrong password');
  accept({});
});

const replies = {
  BootNotification: () => ({ status: boot.status, currentTime: now(), interval: boot.interval }),
  Heartbeat: () => ({ currentTime: now() }),
  StatusNotification: () => ({}),
  MeterValues: () => ({}),
  Authorize: ({ idTag }) => ({ idTagInfo: tagInfo(idTag) }),
  StartTransaction: ({ idTag }) => ({ transactionId: nextTransactionId++, idTagInfo: tagInfo(idTag) }),
  StopTransaction: () => ({ idTagInfo: { status: 'Accepted' } }),
  DataTransfer: () => ({ status: 'Accepted' }),
  DiagnosticsStatusNotification: () => ({}),
  FirmwareStatusNotification: () => ({}),
  SecurityEventNotification: () => ({}),
};

server.on('client', (client) => {
  current = client;
  emit({ event: 'connected', identity: client.identity, protocol: client.protocol });
  client.on('strictValidationFailure', (e) => emit({ event: 'strictValidationFailure',
    error: e.error && e.error.message, details: e.error && e.error.details, messageId: e.messageId, method: e.method,
    params: e.params, result: e.result, outbound: e.outbound, isCall: e.isCall }));
  client.on('message', ({ message, outbound }) => emit({ event: 'message', outbound, message: String(message) }));
  client.on('close', ({ code, reason }) => {
    if (current === client) current = null;
    emit({ event: 'disconnected', code, reason: String(reason || '') });
  });
  client.handle(async ({ method, params, messageId }) => {
    emit({ event: 'call', action: method, params, id: messageId });
    const reply = replies[method];
    if (!reply) throw Object.assign(new Error('not handled by the test CSMS'), { rpcErrorCode: 'NotImplemented' });
    if (delays[method]) await new Promise((resolve) => setTimeout(resolve, delays[method]));
    return reply(params);
  });
});

readline.createInterface({ input: process.stdin }).on('line', async (line) => {
  let c;
  try { c = JSON.parse(line); } catch (e) { emit({ event: 'error', error: 'bad command ' + line }); return; }
  try {
    switch (c.cmd) {
      case 'boot': boot = { status: c.status, interval: c.interval }; break;
      case 'tags': tags = c.tags; break;
      case 'parents': parents = c.parents; break;
      case 'delay': delays[c.action] = c.ms; break;
      case 'password': expectedPassword = c.password; expectedPasswordHex = c.hex || null; break;
      case 'raw': current.sendRaw(c.data); break;
      case 'close': if (current) await current.close({ code: 1000, force: true }); break;
      case 'call':
        try {
          const result = await current.call(c.action, c.params);
          emit({ event: 'callResult', ref: c.ref, action: c.action, result });
        } catch (err) {
          emit({ event: 'callError', ref: c.ref, action: c.action, error: err.rpcErrorCode || err.message, message: err.message });
        }
        break;
      default: emit({ event: 'error', error: 'unknown command ' + c.cmd });
    }
  } catch (e) { emit({ event: 'error', error: String(e && e.message || e) }); }
});

if (tlsDir) {
  const fs = require('fs');
  const https = require('https');
  const tls = https.createServer({
    cert: fs.readFileSync(tlsDir + '/server.pem'), key: fs.readFileSync(tlsDir + '/server-key.pem'),
    ca: fs.readFileSync(tlsDir + '/ca.pem'), minVersion: 'TLSv1.2',
    requestCert: requireClientCert, rejectUnauthorized: requireClientCert,
  });
  tls.on('upgrade', server.handleUpgrade);
  tls.on('tlsClientError', (e) => emit({ event: 'tlsError', error: e.message }));
  tls.listen(port, '127.0.0.1', () => emit({ event: 'listening', port, tls: true }));
} else {
  server.listen(port, '127.0.0.1').then(() => emit({ event: 'listening', port }));
}
