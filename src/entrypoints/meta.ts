/** `meta` sub-action: compute the tag plan only (no Docker needed). */
import { run } from '../steps/meta.js';

void run();
