import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toNodeError } from '../../shared/errors';
import { LOGIN_LIFETIME_DAYS, UNCONFIRMED, USER_CREDENTIAL } from '../../shared/kick.constants';
import { endedLoginError } from '../../transport';
import { resourceDescription } from '../common/descriptions';
import { invalidParameter } from '../common/validation';
import type { KickOperation, OperationContext } from '../types';

/**
 * POST <OAuth server>/oauth/token/introspect with the credential's own token (the current
 * location since 2026-01-15; the old api.kick.com one is deprecated). Never outputs the token.
 */
const introspect: KickOperation = {
	meta: { token: 'any' },
	async execute(itemIndex, context) {
		const body = await context.request(itemIndex, { method: 'POST', path: '/oauth/token/introspect', host: 'oauth', idempotent: true });
		return (body.data as IDataObject | undefined) ?? body;
	},
};

/** POST <OAuth server>/oauth/revoke for a token of the credential (also Check Login's way to make n8n refresh). */
async function revokeAtKick(context: OperationContext, itemIndex: number, token: string, kind: string): Promise<void> {
	await context.request(itemIndex, {
		method: 'POST',
		path: '/oauth/revoke',
		host: 'oauth',
		qs: { token, [UNCONFIRMED.revokeHintParameter]: kind },
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		idempotent: true,
	});
}

/**
 * POST <OAuth server>/oauth/revoke?token=…&token_hint_type=… (Kick documents the parameters in
 * the query string, with a form content type). Outputs only what was revoked, never the token.
 */
const revoke: KickOperation = {
	meta: { token: 'any' },
	description: [
		{
			displayName:
				"This revokes the credential's own token at Kick. n8n then needs a new one: an app credential gets one by itself, a user credential must usually be reconnected.",
			name: 'revokeNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Token To Revoke',
			name: 'tokenKind',
			type: 'options',
			default: 'access_token',
			options: [
				{ name: 'Access Token', value: 'access_token', description: "The credential's current access token" },
				{ name: 'Refresh Token', value: 'refresh_token', description: "The user credential's refresh token (ends the connection for good)" },
			],
			description: 'Which of the credential\'s tokens to revoke. To revoke a token your workflow stored itself, use OAuth → Revoke Token.',
		},
	],
	async execute(itemIndex, context) {
		const tokenKind = this.getNodeParameter('tokenKind', itemIndex) as 'access_token' | 'refresh_token';
		if (tokenKind === 'refresh_token' && context.credentialType !== USER_CREDENTIAL) {
			throw invalidParameter(this, itemIndex, 'Token To Revoke', 'app tokens have no refresh token', "Choose 'Access Token', or use the Kick OAuth2 API (user) credential.");
		}
		const credentials = await this.getCredentials(context.credentialType!, itemIndex);
		const tokenData = (credentials.oauthTokenData as IDataObject | undefined) ?? {};
		const token = tokenData[tokenKind];
		if (typeof token !== 'string' || token === '') {
			throw invalidParameter(this, itemIndex, 'Token To Revoke', `the credential holds no ${tokenKind.replace('_', ' ')}`, 'Connect the credential (or run another Kick operation with it once) first.');
		}
		await revokeAtKick(context, itemIndex, token, tokenKind);
		return { revoked: true, token_type: tokenKind };
	},
};

const DAY = 86_400_000;

/** What the checks of this workflow know about a credential's login (node static data). */
interface LoginRecord {
	/** When the login began, as far as the checks saw it: the first check after a reconnect. */
	since: number | null;
	lastStatus: 'valid' | 'reconnect';
	lastCheckedAt: number;
}

type LoginStatus = 'valid' | 'expiring' | 'reconnect';


function report(ended: boolean, name: string, now: number, since: number | null, warnDays: number): IDataObject {
	const endsAt = since === null ? null : since + LOGIN_LIFETIME_DAYS * DAY;
	const status: LoginStatus = ended ? 'reconnect' : endsAt !== null && endsAt - now <= warnDays * DAY ? 'expiring' : 'valid';
	const daysLeft = endsAt === null ? null : Math.max(0, Math.floor((endsAt - now) / DAY));
	const messages: Record<LoginStatus, string> = {
		valid:
			endsAt === null
				? `The Kick login in "${name}" works. How long it has left is not known yet: Kick does not say when a login began; these checks learn it once they see the credential reconnected.`
				: `The Kick login in "${name}" works; Kick is expected to end it in about ${daysLeft} days.`,
		expiring: `The Kick login in "${name}" ends in about ${daysLeft} days (Kick ends logins ${LOGIN_LIFETIME_DAYS} days after they are made): reconnect the credential before then.`,
		reconnect: `The Kick login in "${name}" has ended: reconnect the credential (Credentials → "${name}" → Reconnect).`,
	};
	return {
		status,
		credential: name,
		message: messages[status],
		checkedAt: new Date(now).toISOString(),
		loginSince: since === null ? null : new Date(since).toISOString(),
		loginEndsAround: endsAt === null ? null : new Date(endsAt).toISOString(),
		daysLeft,
		warnDaysBefore: warnDays,
	};
}

/**
 * Token → Check Login. Makes n8n refresh the user credential's login now (the current access
 * token is revoked at Kick, so the next call answers 401 and n8n refreshes with the refresh
 * token, storing the rotated tokens as it always does): a login Kick has ended shows up here,
 * not in the next workflow that needs it. Never fails for an ended login: it reports it.
 */
const checkLogin: KickOperation = {
	meta: { token: 'user' },
	description: [
		{
			displayName:
				"Kick ends a login about 30 days after it was made, however often it is used. This checks that the credential's login still works (it makes n8n refresh it) and says how long it has left, once a check has seen it reconnected. Run it daily on a schedule.",
			name: 'checkLoginNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Warn Days Before',
			name: 'warnDaysBefore',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: LOGIN_LIFETIME_DAYS },
			default: 5,
			description: 'How many days before Kick is expected to end the login to report it as expiring',
		},
	],
	async execute(itemIndex, context) {
		const warnDays = Number(this.getNodeParameter('warnDaysBefore', itemIndex, 5));
		if (!Number.isFinite(warnDays) || warnDays < 0 || warnDays > LOGIN_LIFETIME_DAYS) {
			throw new NodeOperationError(this.getNode(), `Warn Days Before: must be between 0 and ${LOGIN_LIFETIME_DAYS}`, {
				itemIndex,
				description: `Kick ends logins about ${LOGIN_LIFETIME_DAYS} days after they are made; choose how many days before that to be warned.`,
			});
		}
		const credential = this.getNode().credentials?.[USER_CREDENTIAL];
		const name = credential?.name ?? 'Kick OAuth2 API';
		const now = Date.now();
		const staticData = this.getWorkflowStaticData('node');
		if (typeof staticData.kickLogins !== 'object' || staticData.kickLogins === null) staticData.kickLogins = {};
		const records = staticData.kickLogins as unknown as Record<string, LoginRecord>;
		const key = credential?.id ?? name;
		const previous = records[key];

		let user: IDataObject | undefined;
		let introspected: IDataObject | undefined;
		try {
			const credentials = await this.getCredentials(USER_CREDENTIAL, itemIndex);
			const accessToken = (credentials.oauthTokenData as IDataObject | undefined)?.access_token;
			if (typeof accessToken === 'string' && accessToken !== '') await revokeAtKick(context, itemIndex, accessToken, 'access_token');
			const users = await context.request(itemIndex, { method: 'GET', path: '/public/v1/users', requiredScope: 'user:read' });
			user = Array.isArray(users.data) ? (users.data[0] as IDataObject | undefined) : undefined;
			introspected = (await introspect.execute!.call(this, itemIndex, context)) as IDataObject;
		} catch (error) {
			if (!(error instanceof NodeOperationError) || error.message !== endedLoginError(this, USER_CREDENTIAL).message) throw toNodeError(this.getNode(), error, itemIndex);
			records[key] = { since: null, lastStatus: 'reconnect', lastCheckedAt: now };
			return report(true, name, now, null, warnDays);
		}

		// A working login after one that had ended is a new login, made since the last check.
		const since = previous === undefined ? null : previous.lastStatus === 'reconnect' ? now : previous.since;
		records[key] = { since, lastStatus: 'valid', lastCheckedAt: now };
		const exp = Number(introspected?.exp);
		return {
			...report(false, name, now, since, warnDays),
			accessTokenExpiresAt: Number.isFinite(exp) && exp > 0 ? new Date(exp * 1000).toISOString() : null,
			scopes: typeof introspected?.scope === 'string' ? introspected.scope.split(' ').filter(Boolean) : [],
			user: user ? { user_id: user.user_id ?? null, name: user.name ?? null } : null,
		};
	},
};

export const operations = { checkLogin, introspect, revoke };

export const description = resourceDescription('token', operations, 'introspect', [
	{
		name: 'Check Login',
		value: 'checkLogin',
		action: 'Check the credential login',
		description: 'Whether the Kick login in the credential still works, and how long it has left (Kick ends logins after about 30 days)',
	},
	{
		name: 'Introspect',
		value: 'introspect',
		action: 'Introspect the credential token',
		description: "Check whether the credential's token is active, its scopes and when it expires",
	},
	{ name: 'Revoke', value: 'revoke', action: 'Revoke the credential token', description: "Invalidate the credential's access or refresh token at Kick" },
]);
