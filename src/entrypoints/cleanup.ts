/** `cleanup` sub-action: on PR close, delete that PR's images where no live tag still needs them. */
import { guarded } from '../run.js';
import { cleanupStep } from '../steps/cleanup.js';

void guarded(() => cleanupStep({ env: process.env, fetch: globalThis.fetch, now: () => new Date() }));
