import { generateKeyPairSync, sign, verify, createVerify, createPublicKey } from 'node:crypto';
import chatFixture from '../fixtures/events/chat.message.sent.json';
import { compileFilters } from '../../nodes/Kick/webhook/filters';
import { DedupRegistry } from '../../nodes/Kick/webhook/dedup';
import { createDeliveryDeps, handleDelivery } from '../../nodes/Kick/webhook/pipeline';
import { PublicKeyCache } from '../../nodes/Kick/webhook/publicKey';
import { validateEventBody } from '../../nodes/Kick/webhook/schemas';
import { normalizeEvent } from '../../nodes/Kick/webhook/normalize';
(async () => {
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const key = createPublicKey(pem);
const B = JSON.parse(JSON.stringify(chatFixture)); B.content = '@lunar_kettle squad of four [emote:37226:KEKW] [emote:39261:kkHuh] — queue starts in five, ranked until midnight, drop a follow if you are new here';
const raw = Buffer.from(JSON.stringify(B));
const ts = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const pool = Array.from({ length: 256 }, (_, i) => { const id = '01KKPVMFS0YM6VX6496P' + String(i).padStart(6, '0'); const sig = sign('sha256', Buffer.concat([Buffer.from(`${id}.${ts}.`), raw]), privateKey).toString('base64'); return { id, sig, h: { 'kick-event-message-id': id, 'kick-event-message-timestamp': ts, 'kick-event-signature': sig, 'kick-event-type': 'chat.message.sent', 'kick-event-version': '1' } }; });
const cache = new PublicKeyCache(); await cache.get('x', async () => pem);
const deps = createDeliveryDeps({ apiBaseUrl: 'x', fetchPem: async () => pem, dedupScope: 's', maxEventAgeSeconds: 300, keyCache: cache, dedupRegistry: new DedupRegistry() });
const dropConfig = { filters: compileFilters({ events: ['chat.message.sent'], commandPrefix: '!' }), maxEventAgeSeconds: 300 };
const config = { filters: compileFilters({ events: ['chat.message.sent'] }), maxEventAgeSeconds: 300 };
type D = (typeof pool)[number];
const paths: Record<string, (d: D) => unknown> = {
  ceiling: (d) => { verify('sha256', Buffer.concat([Buffer.from(`${d.id}.${ts}.`), raw]), key, Buffer.from(d.sig, 'base64')); return JSON.parse(raw.toString('utf8')); },
  streamVerifyParse: (d) => { const v = createVerify('sha256'); v.update(`${d.id}.${ts}.`); v.update(raw); v.verify(key, Buffer.from(d.sig, 'base64')); return JSON.parse(raw.toString('utf8')); },
  plusZod: (d) => { verify('sha256', Buffer.concat([Buffer.from(`${d.id}.${ts}.`), raw]), key, Buffer.from(d.sig, 'base64')); const b = JSON.parse(raw.toString('utf8')); return validateEventBody('chat.message.sent', b); },
  plusZodNorm: (d) => { verify('sha256', Buffer.concat([Buffer.from(`${d.id}.${ts}.`), raw]), key, Buffer.from(d.sig, 'base64')); const b = JSON.parse(raw.toString('utf8')); validateEventBody('chat.message.sent', b); return normalizeEvent(b, { event: 'chat.message.sent', version: 1, messageId: d.id, subscriptionId: null, kickTimestamp: ts, kickTimestampMs: 1, receivedAt: Date.now() }); },
  ours: (d) => handleDelivery({ headers: d.h, rawBody: raw, receivedAt: Date.now() }, config, deps),
};
if (process.argv[2] === 'dropped') paths.dropped = (d) => handleDelivery({ headers: d.h, rawBody: raw, receivedAt: Date.now() }, dropConfig, deps);
if (process.argv[2] === 'naive') paths.naive = (d) => { verify('sha256', Buffer.concat([Buffer.from(`${d.id}.${ts}.`), raw]), pem, Buffer.from(d.sig, 'base64')); return JSON.parse(raw.toString('utf8')); };
const tally: Record<string, number> = {}; for (const k of Object.keys(paths)) tally[k] = 0;
for (let round = 0; round < 30; round++) {
  for (const [name, f] of Object.entries(paths)) {
    const c0 = process.cpuUsage();
    for (let r = 0; r < 2; r++) { for (const d of pool) await f(d); deps.dedup.messageIds.clear(); }
    const c = process.cpuUsage(c0); if (round >= 3) tally[name] += c.user + c.system;
  }
}
const ops = 27 * 512; for (const [k, v] of Object.entries(tally)) console.log(k.padEnd(20), (v / ops).toFixed(2), 'us/op', (tally.ceiling / v).toFixed(2));
})();
