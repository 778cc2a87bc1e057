import { z } from 'zod';
import chatFixture from '../fixtures/events/chat.message.sent.json';
import { validateEventBody } from '../../nodes/Kick/webhook/schemas';
const body = JSON.parse(JSON.stringify(chatFixture));
function bench(name: string, fn: () => unknown) { let best = 1e9; for (let r = 0; r < 9; r++) { const c0 = process.cpuUsage(); for (let i = 0; i < 20000; i++) fn(); const c = process.cpuUsage(c0); best = Math.min(best, (c.user + c.system) / 20000); } console.log(name.padEnd(28), best.toFixed(3), 'us'); }
const ts = z.string().regex(/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/);
const mkUser = (nullish: (t: z.ZodTypeAny) => z.ZodTypeAny) => z.object({ is_anonymous: nullish(z.boolean()), user_id: z.number().int().nullable(), username: z.string().nullable(), is_verified: nullish(z.boolean()), profile_picture: nullish(z.string()), channel_slug: nullish(z.string()), identity: z.unknown() });
const mkChat = (user: z.ZodTypeAny, reply: z.ZodTypeAny) => z.object({ message_id: z.string(), replies_to: reply, broadcaster: user, sender: user, content: z.string(), emotes: z.array(z.unknown()).nullish(), created_at: ts.optional() });
const u1 = mkUser((t) => t.nullish());
const anyish = z.any();
const u2 = mkUser(() => anyish);
const reply = z.object({ message_id: z.string(), content: z.string(), sender: z.unknown() }).nullish();
bench('current validateEventBody', () => validateEventBody('chat.message.sent', body));
bench('strip nullish', ((s) => () => s.safeParse(body))(mkChat(u1, reply)));
bench('strip any-fields', ((s) => () => s.safeParse(body))(mkChat(u2, reply)));
bench('strip reply unknown', ((s) => () => s.safeParse(body))(mkChat(u1, z.unknown())));
bench('users unknown', ((s) => () => s.safeParse(body))(mkChat(z.unknown(), reply)));
bench('JSON.parse', () => JSON.parse(JSON.stringify(body)));
