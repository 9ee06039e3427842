/**
 * Hashing for the digest rule of src/core/oci.ts: the digest we report is always the one we
 * computed over the bytes we hold (or streamed), in the algorithm the expected digest names.
 */
import { createHash, type Hash } from 'node:crypto';
import { digestAlgorithm, isDigest, type DigestAlgorithm } from '../../core/oci.js';

export function digestOf(data: Uint8Array | string, algorithm: DigestAlgorithm = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}`;
}

/** A running hash for streams: `update` per chunk, then `digest()`. */
export class Digester {
  private readonly hash: Hash;
  bytes = 0;
  constructor(readonly algorithm: DigestAlgorithm = 'sha256', from?: Digester) {
    this.hash = from ? from.hash.copy() : createHash(algorithm);
    this.bytes = from?.bytes ?? 0;
  }
  /** an independent copy of the state so far (to rewind a chunk that failed) */
  copy(): Digester {
    return new Digester(this.algorithm, this);
  }
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }
  digest(): string {
    return `${this.algorithm}:${this.hash.digest('hex')}`;
  }
}

/** The algorithm to hash with when `expected` is a digest we were asked for; sha256 otherwise. */
export function algorithmFor(expected: string | undefined): DigestAlgorithm {
  return expected !== undefined && isDigest(expected) ? digestAlgorithm(expected) : 'sha256';
}
