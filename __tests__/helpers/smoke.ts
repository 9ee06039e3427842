/** The smoke test fixture context (busybox base, RUN per platform, /app/server: --version, --fail, or serve). */
import { fileURLToPath } from 'node:url';

export const SMOKE_CONTEXT = fileURLToPath(new URL('../fixtures/smoke-context', import.meta.url));
