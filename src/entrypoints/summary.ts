/** `summary` sub-action: the reusable workflow's one job summary and PR comment (references, digest, scan verdicts). */
import { guarded } from '../run.js';
import { summaryStep } from '../steps/workflow-summary.js';

void guarded(() => summaryStep({ env: process.env, fetch: globalThis.fetch }));
