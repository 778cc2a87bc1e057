/** Access/refresh token records: issuing, looking up, expiring and revoking (docs/kick-api.md §2, §7). */
import type { AccessTokenRecord, EmulatorApp, EmulatorState } from './state/model';
import { ALL_SCOPES } from './state/seed';
import type { TokenSet } from './types';
import { opaqueToken } from './util';

export class TokenService {
	constructor(private readonly state: EmulatorState) {}

	app(clientId: string): EmulatorApp | undefined {
		return this.state.apps.find((a) => a.clientId === clientId);
	}

	private requireApp(clientId: string): EmulatorApp {
		const app = this.app(clientId);
		if (!app) throw new Error(`Kick emulator: unknown client id ${clientId}`);
		return app;
	}

	issueUserToken(opts: {
		userId: number;
		scopes?: string[];
		clientId?: string;
		expiresIn?: number;
		/** The login this token belongs to (a refresh keeps it); default: a new login now. */
		loginAt?: number;
	}): TokenSet {
		const clientId = opts.clientId ?? this.state.apps[0].clientId;
		this.requireApp(clientId);
		if (!this.state.users.some((u) => u.userId === opts.userId)) {
			throw new Error(`Kick emulator: unknown user id ${opts.userId}`);
		}
		const scopes = opts.scopes ?? ALL_SCOPES;
		const expiresIn = opts.expiresIn ?? this.state.settings.userTokenTtlSeconds;
		const access = this.store({ kind: 'user', clientId, userId: opts.userId, scopes, expiresIn });
		const refresh = opaqueToken();
		this.state.refreshTokens.set(refresh, {
			token: refresh,
			clientId,
			userId: opts.userId,
			scopes,
			issuedAt: Date.now(),
			loginAt: opts.loginAt ?? Date.now(),
			rotatedAt: null,
			revoked: false,
		});
		return {
			access_token: access,
			token_type: 'Bearer',
			refresh_token: refresh,
			expires_in: expiresIn,
			scope: scopes.join(' '),
		};
	}

	/** App tokens carry no scope and no refresh token (§2.3). */
	issueAppToken(opts: { clientId?: string; expiresIn?: number } = {}): TokenSet {
		const clientId = opts.clientId ?? this.state.apps[0].clientId;
		this.requireApp(clientId);
		const expiresIn = opts.expiresIn ?? this.state.settings.appTokenTtlSeconds;
		const access = this.store({ kind: 'app', clientId, scopes: [], expiresIn });
		return { access_token: access, token_type: 'Bearer', expires_in: expiresIn };
	}

	private store(opts: {
		kind: 'user' | 'app';
		clientId: string;
		userId?: number;
		scopes: string[];
		expiresIn: number;
	}): string {
		const token = opaqueToken();
		this.state.accessTokens.set(token, {
			token,
			kind: opts.kind,
			clientId: opts.clientId,
			userId: opts.userId,
			scopes: [...opts.scopes],
			expiresAt: Date.now() + opts.expiresIn * 1000,
			revoked: false,
		});
		return token;
	}

	lookup(token: string | undefined): AccessTokenRecord | undefined {
		return token === undefined ? undefined : this.state.accessTokens.get(token);
	}

	isActive(record: AccessTokenRecord): boolean {
		return !record.revoked && record.expiresAt > Date.now();
	}

	expireAccessTokens(filter: { accessToken?: string; kind?: 'user' | 'app' } = {}): number {
		let count = 0;
		for (const record of this.state.accessTokens.values()) {
			if (filter.accessToken !== undefined && record.token !== filter.accessToken) continue;
			if (filter.kind !== undefined && record.kind !== filter.kind) continue;
			if (!this.isActive(record)) continue;
			record.expiresAt = Date.now() - 1;
			count++;
		}
		return count;
	}

	/** Moves the logins of matching refresh tokens back in time, as if they were made `ms` earlier. */
	ageLogins(ms: number, filter: { userId?: number; clientId?: string } = {}): number {
		let count = 0;
		for (const record of this.state.refreshTokens.values()) {
			if (filter.userId !== undefined && record.userId !== filter.userId) continue;
			if (filter.clientId !== undefined && record.clientId !== filter.clientId) continue;
			record.loginAt -= ms;
			count++;
		}
		return count;
	}

	/**
	 * The user disconnects the app on kick.com: every token the app holds for the user stops
	 * working. Subscriptions stay (KickDevDocs#347); only an app token can delete them then.
	 */
	disconnectApp(userId: number, clientId: string): void {
		for (const record of this.state.accessTokens.values()) {
			if (record.kind === 'user' && record.userId === userId && record.clientId === clientId) record.revoked = true;
		}
		for (const record of this.state.refreshTokens.values()) {
			if (record.userId === userId && record.clientId === clientId) record.revoked = true;
		}
	}

	revokeRefreshTokens(filter: { refreshToken?: string } = {}): number {
		let count = 0;
		for (const record of this.state.refreshTokens.values()) {
			if (filter.refreshToken !== undefined && record.token !== filter.refreshToken) continue;
			if (record.revoked) continue;
			record.revoked = true;
			count++;
		}
		return count;
	}
}
