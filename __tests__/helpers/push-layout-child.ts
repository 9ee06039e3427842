/**
 * Child process for the large-push test and `npm run bench`: pushes an OCI image layout with the
 * pipeline's own push (src/adapters/registry/push.ts), then prints one JSON line with the digest,
 * the wall time and this process's peak RSS (VmHWM from /proc/self/status).
 *
 *   node push-layout-child.js <layout-dir> <registry host:port> <repository> <tag>
 * Bundled with ncc by scripts/bench-transfer.mjs (so the measured process is plain node, no jest).
 */
import { readFileSync } from 'node:fs';
import { RegistryClient } from '../../src/adapters/registry/client.js';
import { readLayout } from '../../src/adapters/registry/oci-layout.js';
import { pushAll } from '../../src/adapters/registry/push.js';
import { planPush } from '../../src/core/build/push-plan.js';

async function main(): Promise<void> {
  const [dir, registry, repository, tag] = process.argv.slice(2);
  const started = Date.now();
  const image = await readLayout(dir);
  const pushes = planPush(image, [{ image: `${registry}/${repository}`, registry, repository, kind: 'generic', references: [{ tag, ref: `${registry}/${repository}:${tag}`, rule: 'bench' }] }]);
  const chunkBytes = process.env.CHUNK_MB ? Number(process.env.CHUNK_MB) * 1024 * 1024 : undefined;
  const client = new RegistryClient({ registry, insecureHttp: true, chunkBytes, onSecret: () => undefined, log: process.env.PUSH_LOG ? (m) => process.stderr.write(`${m}\n`) : undefined });
  const [result] = await pushAll(dir, image, pushes, { clientFor: () => client, log: (m) => process.stderr.write(`${m}\n`) });
  const seconds = (Date.now() - started) / 1000;
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  process.stdout.write(`${JSON.stringify({ digest: result.digest, uploaded: result.uploaded, seconds, peakRssMB: hwm ? Math.round(Number(hwm[1]) / 1024) : undefined })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
