/**
 * Reading the shared Filters collection (see ./description) into plain values. Pure.
 */
import type { IDataObject } from 'n8n-workflow';

import { splitList } from '../shared/lists';
import type { FilterSettings, StreamStatusFilter } from './filters';

/** The Filters collection's values; events and channels come from each trigger's own parameters. */
export function readFilterOptions(value: unknown): Omit<FilterSettings, 'events' | 'broadcasterUserIds'> {
	const filters = (value ?? {}) as IDataObject;
	const streamStatus = ['online', 'offline'].includes(String(filters.streamStatus)) ? (filters.streamStatus as StreamStatusFilter) : 'any';
	const minKicks = Number(filters.minKicksAmount ?? 0);
	return {
		streamStatus,
		commandPrefix: typeof filters.commandPrefix === 'string' && filters.commandPrefix.trim() !== '' ? filters.commandPrefix.trim() : undefined,
		commands: splitList(filters.commands),
		ignoreChatUsernames: splitList(filters.ignoreChatUsernames),
		minKicksAmount: Number.isFinite(minKicks) && minKicks > 0 ? minKicks : undefined,
		rewardTitles: splitList(filters.rewardTitles),
		redemptionStatuses: splitList(filters.redemptionStatuses),
	};
}
