/**
 * The product and the emulator each hold their own copy of Kick's facts (the emulator's written
 * from docs/kick-api.md, never imported from nodes/), so a wrong fact in the product cannot be
 * wrong in the emulator too and pass every test. This lists every place where they disagree: a
 * disagreement is a bug to look at in one or the other, not something to sync away.
 */
import { KICK_EVENT_TYPES, KICK_EVENT_VERSION, KICK_SCOPES, LIMITS } from '../../nodes/Kick/shared/kick.constants';
import { EVENT_TYPES, EVENT_VERSION, KICK_LIMITS, SCOPES } from '../emulator/kickFacts';

type Relation = 'equal' | 'at most';

/** Product limit → what Kick enforces, and how they must relate (a batch may be smaller than Kick allows). */
const LIMIT_PAIRS: Array<[keyof typeof LIMITS, keyof typeof KICK_LIMITS, Relation]> = [
	['idsPerLookup', 'channelIdsPerLookup', 'at most'],
	['idsPerLookup', 'userIdsPerLookup', 'at most'],
	['slugMaxLength', 'slugMaxLength', 'equal'],
	['chatMessageMaxLength', 'chatMessageMaxLength', 'equal'],
	['banDurationMinMinutes', 'banDurationMinMinutes', 'equal'],
	['banDurationMaxMinutes', 'banDurationMaxMinutes', 'equal'],
	['banReasonMaxLength', 'banReasonMaxLength', 'equal'],
	['customTagsMax', 'customTagsMax', 'equal'],
	['rewardTitleMaxLength', 'rewardTitleMaxLength', 'equal'],
	['rewardDescriptionMaxLength', 'rewardDescriptionMaxLength', 'equal'],
	['redemptionIdsPerCall', 'redemptionIdsPerCall', 'at most'],
	['dropsClaimsPerUpdate', 'dropsClaimsPerUpdate', 'at most'],
	['categoriesPageMax', 'categoriesPageMax', 'at most'],
	['livestreamsPageMax', 'livestreamsPageMax', 'at most'],
	['livestreamFilterMax', 'livestreamFilterMax', 'equal'],
	['leaderboardTopMax', 'leaderboardTopMax', 'equal'],
];

function sameSet(name: string, product: readonly string[], kick: readonly string[]): string[] {
	return [
		...product.filter((value) => !kick.includes(value)).map((value) => `${name}: the product has '${value}', Kick does not`),
		...kick.filter((value) => !product.includes(value)).map((value) => `${name}: Kick has '${value}', the product does not`),
	];
}

describe("Kick's facts: the product against the emulator's own copy", () => {
	it('agree on scopes, events, the event version and every limit', () => {
		const disagreements = [
			...sameSet('scopes', KICK_SCOPES, SCOPES),
			...sameSet('event types', KICK_EVENT_TYPES, EVENT_TYPES),
			...(KICK_EVENT_VERSION === EVENT_VERSION ? [] : [`event version: product ${KICK_EVENT_VERSION}, Kick ${EVENT_VERSION}`]),
			...LIMIT_PAIRS.flatMap(([product, kick, relation]) => {
				const ours = LIMITS[product];
				const theirs = KICK_LIMITS[kick];
				const ok = relation === 'equal' ? ours === theirs : ours <= theirs;
				return ok ? [] : [`LIMITS.${product} = ${ours}, but Kick's ${kick} is ${theirs} (must be ${relation})`];
			}),
		];
		expect(disagreements).toEqual([]);
	});

	it('would catch a wrong fact in the product', () => {
		// The comparison itself, run on a deliberately wrong product value.
		expect(sameSet('scopes', [...KICK_SCOPES, 'chat:read'], SCOPES)).toEqual(["scopes: the product has 'chat:read', Kick does not"]);
	});
});
