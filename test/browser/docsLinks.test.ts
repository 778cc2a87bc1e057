import { describeDocsLinks } from './suites/docsLinks';
import { SHARED_N8N } from './target';

describeDocsLinks(SHARED_N8N);
