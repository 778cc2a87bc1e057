import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

export const listSearch = {
	async searchChannels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		void filter;
		return { results: [] };
	},
};
