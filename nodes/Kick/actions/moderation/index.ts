import * as ban from './ban.operation';
import * as timeout from './timeout.operation';
import * as unban from './unban.operation';
import { resourceDescription } from '../common/descriptions';

export const operations = { ban, timeout, unban };

export const description = resourceDescription('moderation', operations, 'ban', [
	{ name: 'Ban', value: 'ban', action: 'Ban a user', description: "Ban a user from a channel's chat permanently" },
	{ name: 'Timeout', value: 'timeout', action: 'Time out a user', description: "Keep a user out of a channel's chat for some minutes" },
	{ name: 'Unban', value: 'unban', action: 'Unban a user', description: 'Lift a ban or a timeout' },
]);
