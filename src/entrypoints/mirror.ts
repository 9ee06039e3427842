/** `mirror` sub-action: copy images (and the base images of Dockerfiles) registry to registry. */
import { guarded } from '../run.js';
import { mirrorStep } from '../steps/mirror-action.js';

void guarded(() => mirrorStep({ fetch: globalThis.fetch, now: () => performance.now(), cwd: process.cwd() }));
