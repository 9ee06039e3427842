/** `merge` sub-action: one multi-platform index from the push-by-digest build jobs' digests, then the planned tags. */
import { guarded } from '../run.js';
import { mergeStep } from '../steps/merge.js';

void guarded(() => mergeStep({ env: process.env }));
