/** `scan` sub-action: scan an existing image (registry reference or local OCI layout) and apply the policy. */
import { guarded } from '../run.js';
import { scanActionStep } from '../steps/scan-action.js';

void guarded(() => scanActionStep({ env: process.env, fetch: globalThis.fetch, now: () => new Date() }));
