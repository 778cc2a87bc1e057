/** Every api.kick.com route (docs/kick-api.md §3.2). */
import { type Ctx, ok, type Reply } from '../http';
import { introspect } from '../oauth';
import type { Route } from '../router';
import { categoryRoutes } from './categories';
import { channelRoutes } from './channels';
import { chatRoutes } from './chat';
import { dropsRoutes } from './drops';
import { kicksRoutes } from './kicks';
import { livestreamRoutes } from './livestreams';
import { moderationRoutes } from './moderation';
import { rewardRoutes } from './rewards';
import { subscriptionRoutes } from './subscriptions';
import { userRoutes } from './users';

/** No token needed (§4.7); serves the emulator's own key, which `signer` signs with. */
const publicKey = (ctx: Ctx): Reply => ok({ public_key: ctx.env.signer.publicKeyPem });

export const apiRoutes: Route[] = [
	// Deprecated location of introspect (§2.7); like the current one, it takes no auth gate:
	// an expired token is answered `active: false`, not 401.
	{ method: 'POST', path: '/public/v1/token/introspect', handler: introspect },
	{ method: 'GET', path: '/public/v1/public-key', handler: publicKey },
	...userRoutes,
	...channelRoutes,
	...categoryRoutes,
	...livestreamRoutes,
	...chatRoutes,
	...moderationRoutes,
	...kicksRoutes,
	...rewardRoutes,
	...subscriptionRoutes,
	...dropsRoutes,
];
