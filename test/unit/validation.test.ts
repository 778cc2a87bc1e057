import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import {
	checkTextLength,
	codePointLength,
	parseBoundedInteger,
	parseChannelReference,
	parseChannelReferences,
	parseIntegerId,
	parseIntegerIds,
	parseUlids,
	parseUuid,
} from '../../nodes/Kick/actions/common/validation';
import { splitList } from '../../nodes/Kick/shared/lists';
import { fakeN8nContext } from '../support/n8nContext';

const context = fakeN8nContext({ forExecute: true }).context as IExecuteFunctions;

function failure(run: () => unknown): NodeOperationError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected a NodeOperationError');
}

describe('parseIntegerIds', () => {
	it('reads commas, spaces, numbers and arrays', () => {
		expect(parseIntegerIds(context, 0, 'User IDs', '1, 2 3\n4')).toEqual([1, 2, 3, 4]);
		expect(parseIntegerIds(context, 0, 'User IDs', 2841377)).toEqual([2841377]);
		expect(parseIntegerIds(context, 0, 'User IDs', ['5', 6])).toEqual([5, 6]);
	});

	it('names the field and the bad value', () => {
		const error = failure(() => parseIntegerIds(context, 0, 'User IDs', '12, abc'));
		expect(error.message).toBe("User IDs: 'abc' is not a Kick id");
		expect(error.description).toMatch(/positive whole numbers/);
	});

	it('refuses empty (unless optional), zero, negatives and too many', () => {
		expect(failure(() => parseIntegerIds(context, 0, 'User IDs', '')).message).toBe('User IDs: is empty');
		expect(parseIntegerIds(context, 0, 'User IDs', '', { required: false })).toEqual([]);
		expect(failure(() => parseIntegerIds(context, 0, 'User IDs', '0')).message).toMatch(/'0' is not a Kick id/);
		expect(failure(() => parseIntegerIds(context, 0, 'User IDs', '-4')).message).toMatch(/'-4' is not a Kick id/);
		const many = Array.from({ length: 51 }, (_, i) => i + 1).join(',');
		expect(failure(() => parseIntegerIds(context, 0, 'User IDs', many, { max: 50 })).message).toBe(
			'User IDs: has 51 ids, more than the 50 Kick accepts',
		);
	});

	it('parseIntegerId wants exactly one', () => {
		expect(parseIntegerId(context, 0, 'Category', '15')).toBe(15);
		expect(failure(() => parseIntegerId(context, 0, 'Category', '15, 18')).message).toBe('Category: expects exactly one id');
	});
});

describe('parseUlids', () => {
	const a = '01KKPX9C58JEE64HKY8R8JR1RB';
	const b = '01KKPXE3H0R9K10Q60EVKNAM1Y';

	it('accepts ULIDs and lists', () => {
		expect(parseUlids(context, 0, 'Redemption IDs', `${a}, ${b}`)).toEqual([a, b]);
	});

	it('refuses bad ids, repeats and too many', () => {
		expect(failure(() => parseUlids(context, 0, 'Redemption IDs', 'nope')).message).toBe("Redemption IDs: 'nope' is not a valid Kick id");
		expect(failure(() => parseUlids(context, 0, 'Redemption IDs', `${a},${a}`)).message).toBe('Redemption IDs: contains the same id twice');
		const ids = Array.from({ length: 26 }, (_, i) => `01KKPX9C58JEE64HKY8R8JR${String(i).padStart(3, '0')}`).join(',');
		expect(failure(() => parseUlids(context, 0, 'Redemption IDs', ids, { max: 25 })).message).toMatch(/has 26 ids, more than the 25/);
	});
});

describe('parseUuid', () => {
	it('accepts a chat message id and refuses anything else', () => {
		expect(parseUuid(context, 0, 'Message ID', ' 5f0b9c2e-8a47-4d1e-b3c6-2e9d7a41f08b ')).toBe('5f0b9c2e-8a47-4d1e-b3c6-2e9d7a41f08b');
		const error = failure(() => parseUuid(context, 0, 'Message ID', '123'));
		expect(error.message).toBe("Message ID: '123' is not a chat message id");
		expect(error.description).toMatch(/message_id/);
	});
});

describe('parseChannelReference', () => {
	it('reads slugs, @slugs, URLs and ids', () => {
		expect(parseChannelReference(context, 0, 'Channel', 'NeonVale')).toEqual({ kind: 'slug', slug: 'neonvale' });
		expect(parseChannelReference(context, 0, 'Channel', '@neonvale')).toEqual({ kind: 'slug', slug: 'neonvale' });
		expect(parseChannelReference(context, 0, 'Channel', 'https://kick.com/driftwood-rae?foo=1')).toEqual({ kind: 'slug', slug: 'driftwood-rae' });
		expect(parseChannelReference(context, 0, 'Channel', 'www.kick.com/neonvale/videos')).toEqual({ kind: 'slug', slug: 'neonvale' });
		expect(parseChannelReference(context, 0, 'Channel', '2841377')).toEqual({ kind: 'id', id: 2841377 });
	});

	it('refuses empty and impossible slugs', () => {
		expect(failure(() => parseChannelReference(context, 0, 'Channel', '  ')).message).toBe('Channel: is empty');
		expect(failure(() => parseChannelReference(context, 0, 'Channel', 'a'.repeat(26))).message).toMatch(/is not a Kick channel slug/);
		expect(failure(() => parseChannelReference(context, 0, 'Channel', 'neon vale!')).message).toMatch(/is not a Kick channel slug/);
	});

	it('refuses broadcaster id 0 and ids beyond what a number holds exactly, as every node does', () => {
		expect(failure(() => parseChannelReference(context, 0, 'Channel', '0')).message).toBe("Channel: '0' is not a Kick broadcaster id");
		expect(failure(() => parseChannelReference(context, 0, 'Channel', '99999999999999999999')).message).toBe("Channel: '99999999999999999999' is not a Kick broadcaster id");
		expect(failure(() => parseChannelReference(context, 0, 'Channel', 'https://kick.com/0')).message).toMatch(/is not a Kick broadcaster id/);
	});

	it('parseChannelReferences reads a mixed list', () => {
		expect(parseChannelReferences(context, 0, 'Channels', 'neonvale, 61530248\nhttps://kick.com/mintcondition')).toEqual([
			{ kind: 'slug', slug: 'neonvale' },
			{ kind: 'id', id: 61530248 },
			{ kind: 'slug', slug: 'mintcondition' },
		]);
		expect(failure(() => parseChannelReferences(context, 0, 'Channels', '')).message).toBe('Channels: is empty');
	});
});

describe('text and numbers', () => {
	it('counts code points, as Kick does', () => {
		expect(codePointLength('héllo')).toBe(5);
		expect(codePointLength('🎉🎉')).toBe(2);
		expect('🎉🎉'.length).toBe(4);
	});

	it('checkTextLength allows 500 emoji and refuses 501', () => {
		expect(checkTextLength(context, 0, 'Message', '🎉'.repeat(500), { max: 500, required: true })).toHaveLength(1000);
		expect(failure(() => checkTextLength(context, 0, 'Message', '🎉'.repeat(501), { max: 500 })).message).toBe(
			'Message: is 501 characters long, more than the 500 Kick accepts',
		);
		expect(failure(() => checkTextLength(context, 0, 'Message', '   ', { max: 500, required: true })).message).toBe('Message: is empty');
	});

	it('parseBoundedInteger checks whole numbers in range', () => {
		expect(parseBoundedInteger(context, 0, 'Duration (Minutes)', 10080, { min: 1, max: 10080 })).toBe(10080);
		expect(failure(() => parseBoundedInteger(context, 0, 'Duration (Minutes)', 10081, { min: 1, max: 10080 })).message).toBe(
			'Duration (Minutes): 10081 is not a whole number between 1 and 10080',
		);
		expect(failure(() => parseBoundedInteger(context, 0, 'Duration (Minutes)', 0, { min: 1, max: 10080 })).message).toMatch(/between 1 and 10080/);
		expect(failure(() => parseBoundedInteger(context, 0, 'Cost', 1.5, { min: 1 })).message).toBe('Cost: 1.5 is not a whole number at least 1');
	});

	it('splitList keeps spaces inside values', () => {
		expect(splitList('Just Chatting, counter strike\nfps,, ')).toEqual(['Just Chatting', 'counter strike', 'fps']);
	});
});
