/**
 * Kick's undocumented request limit, played by the emulator as the worst plausible case: one
 * window per Kick app shared by its tokens and endpoints, refused requests counting, 429s with
 * no header. A run larger than the window completes with no item failing, close to the
 * limit-bound minimum time, and two executions running at once share what the node learned.
 */
import { kickTestBed } from './kickSetup';

const WINDOW_MS = 60_000;

describe("Kick node under Kick's request limit (real n8n, emulator)", () => {
	const bed = kickTestBed();

	it('two runs at once, 20 chat messages and 500 channels looked up, finish with no item failing within 1.15× the limit-bound minimum', async () => {
		const channels = bed.emulator.addChannels(500, { prefix: 'paced', live: true });
		bed.emulator.faults.rateWindow = { limit: 25, windowMs: WINDOW_MS };
		const [chat, status] = await Promise.all([
			bed.run(
				{ resource: 'chat', operation: 'sendMessage', sendAs: 'bot', content: '={{ "paced message " + $json.n }}' },
				{ items: Array.from({ length: 20 }, (_, n) => ({ n })), timeoutMs: 240_000 },
			),
			bed.run(
				{ resource: 'livestream', operation: 'getStatus', channel: { __rl: true, mode: 'slug', value: '={{ $json.slug }}' } },
				{ items: channels.map((channel) => ({ slug: channel.slug })), timeoutMs: 240_000 },
			),
		]);

		// Every item done, none failed.
		expect({ chat: chat.error?.message, status: status.error?.message }).toEqual({ chat: undefined, status: undefined });
		expect(chat.items.filter((item) => item.json.is_sent !== true).map((item) => item.json)).toEqual([]);
		expect(status.items.map((item) => item.json.slug)).toEqual(channels.map((channel) => channel.slug));
		const sent = bed.emulator.state.chat.filter((message) => message.content.startsWith('paced message '));
		expect(sent.map((message) => message.content).sort()).toEqual(Array.from({ length: 20 }, (_, n) => `paced message ${n}`).sort());

		// 20 chat posts + 10 channel lookups + 10 user lookups (names of the live channels) = 40
		// requests at 25 a window: the last can go out one window after the first at the earliest.
		const api = bed.emulator.requests.filter((request) => request.path.startsWith('/public/'));
		const accepted = api.filter((request) => request.status !== 429);
		expect(accepted).toHaveLength(40);
		const span = Math.max(...accepted.map((request) => request.at)) - Math.min(...accepted.map((request) => request.at));
		const refused = api.length - accepted.length;
		expect({ withinTarget: span <= 1.15 * WINDOW_MS, atLeastTheMinimum: span >= WINDOW_MS - 1000, refusedAtMost: refused <= 5 }).toEqual({
			withinTarget: true,
			atLeastTheMinimum: true,
			refusedAtMost: true,
		});
	}, 300_000);
});
