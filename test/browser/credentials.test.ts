import { describeCredentialDialogs } from './suites/credentials';
import { SHARED_N8N } from './target';

describeCredentialDialogs(SHARED_N8N);
