import * as get from './get.operation';
import * as search from './search.operation';
import { resourceDescription } from '../common/descriptions';

export const operations = { get, search };

export const description = resourceDescription('category', operations, 'search', [
	{ name: 'Get', value: 'get', action: 'Get a category', description: 'Get a Kick category by its ID: name, thumbnail and tags' },
	{ name: 'Search', value: 'search', action: 'Search categories', description: 'Find Kick categories by name or tag' },
]);
