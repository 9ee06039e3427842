/** `meta` sub-action: compute the tag plan only (no Docker needed). */
import { run } from '../steps/plan.js';

void run();
