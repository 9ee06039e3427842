/** `promote` sub-action: point tags at an image already in the registries; only manifests move. */
import { guarded } from '../run.js';
import { promoteAction } from '../steps/promote.js';

void guarded(() => promoteAction());
