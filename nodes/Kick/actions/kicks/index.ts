import * as getLeaderboard from './getLeaderboard.operation';
import { resourceDescription } from '../common/descriptions';

export const operations = { getLeaderboard };

export const description = resourceDescription('kicks', operations, 'getLeaderboard', [
	{
		name: 'Get Leaderboard',
		value: 'getLeaderboard',
		action: 'Get the kicks leaderboard',
		description: "Get the top KICKs gifters of the connected account's channel (lifetime, this month, this week)",
	},
]);
