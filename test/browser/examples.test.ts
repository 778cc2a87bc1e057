import { describeExampleImports } from './suites/examples';
import { SHARED_N8N } from './target';

describeExampleImports(SHARED_N8N);
