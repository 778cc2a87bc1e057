import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Kick } from '../../nodes/Kick/Kick.node';
import { KickChatTrigger } from '../../nodes/Kick/KickChatTrigger.node';
import { KickPollingTrigger } from '../../nodes/Kick/KickPollingTrigger.node';
import { KickTrigger } from '../../nodes/Kick/KickTrigger.node';
import * as getLeaderboard from '../../nodes/Kick/actions/kicks/getLeaderboard.operation';
import * as getRedemptions from '../../nodes/Kick/actions/rewardRedemption/getMany.operation';
import { findOperation, resources } from '../../nodes/Kick/actions/operations';
import { UNCONFIRMED } from '../../nodes/Kick/shared/kick.constants';

/** Reconcile joins once nodes/Kick/subscriptions/ exists. */
const EXTRA_SUBSCRIPTION_OPERATIONS = findOperation('eventSubscription', 'reconcile') ? ['eventSubscription:reconcile'] : [];

const node = new Kick();
const properties = node.description.properties;

describe('Kick node description', () => {
	it('every operation option has an implementation, action text and a description', () => {
		for (const [resource] of Object.entries(resources)) {
			const operation = properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource));
			expect(operation).toBeDefined();
			for (const option of operation!.options as INodePropertyOptions[]) {
				const implementation = findOperation(resource, String(option.value));
				expect(implementation).toBeDefined();
				expect(Boolean(implementation!.execute) !== Boolean(implementation!.executeBatch)).toBe(true);
				expect(option.action).toMatch(/^[A-Z]/);
				expect(option.description).toBeTruthy();
			}
		}
	});

	it('has every operation', () => {
		const all = Object.entries(resources).flatMap(([resource, r]) => Object.keys(r.module.operations).map((name) => `${resource}:${name}`));
		expect(all.sort()).toEqual(
			[
				'category:get',
				'category:search',
				'channel:get',
				'channel:getMany',
				'channel:getPublicInfo',
				'channel:update',
				'channelReward:create',
				'channelReward:delete',
				'channelReward:getMany',
				'channelReward:update',
				'chat:deleteMessage',
				'chat:sendMessage',
				'drops:getClaims',
				'drops:updateClaims',
				'eventSubscription:create',
				'eventSubscription:delete',
				'eventSubscription:getMany',
				...EXTRA_SUBSCRIPTION_OPERATIONS,
				'kicks:getLeaderboard',
				'livestream:getMany',
				'livestream:getStats',
				'livestream:getStatus',
				'moderation:ban',
				'moderation:timeout',
				'moderation:unban',
				'oauth:createAuthorizationUrl',
				'oauth:exchangeCode',
				'oauth:introspectToken',
				'oauth:refreshToken',
				'oauth:revokeToken',
				'publicKey:get',
				'rewardRedemption:accept',
				'rewardRedemption:getMany',
				'rewardRedemption:reject',
				'token:checkLogin',
				'token:introspect',
				'token:revoke',
				'user:get',
				'user:getMany',
			].sort(),
		);
	});

	it('only the public lookups work without a credential', () => {
		const publicOps = Object.entries(resources).flatMap(([resource, r]) =>
			Object.entries(r.module.operations)
				.filter(([, op]) => op.meta.token === 'none-or-any')
				.map(([name]) => `${resource}:${name}`),
		);
		expect(publicOps.sort()).toEqual(['channel:getPublicInfo', 'livestream:getStatus']);
	});

	it('booleans start with "Whether" and no user-facing text says "id"', () => {
		const walk = (list: INodeProperties[]): INodeProperties[] =>
			list.flatMap((p) => [p, ...walk(((p.options ?? []) as INodeProperties[]).filter((o) => typeof o === 'object' && 'type' in o))]);
		for (const property of walk(properties)) {
			if (property.type === 'boolean') expect(property.description).toMatch(/^Whether /);
			expect(property.displayName).not.toMatch(/\bid\b/);
		}
	});

	it('literal defaults match the UNCONFIRMED choices they stand for', () => {
		expect(getLeaderboard.description.find((p) => p.name === 'top')?.default).toBe(UNCONFIRMED.leaderboardTopDefault);
		expect(getRedemptions.description.find((p) => p.name === 'status')?.default).toBe(UNCONFIRMED.redemptionDefaultStatus);
	});
});

describe('trigger descriptions, as n8n lists them under "What triggers this workflow?"', () => {
	it('the Kick Trigger says it needs a Kick app and a public HTTPS URL; the other two say they need no public URL', () => {
		expect(new KickTrigger().description.description).toMatch(/needs a Kick app and a public HTTPS URL/i);
		expect(new KickChatTrigger().description.description).toMatch(/no Kick app or public URL needed/);
		expect(new KickPollingTrigger().description.description).toMatch(/no public URL needed/);
	});
});
