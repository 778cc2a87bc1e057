import { describeNodePanel } from './suites/nodePanel';
import { SHARED_N8N } from './target';

describeNodePanel(SHARED_N8N);
