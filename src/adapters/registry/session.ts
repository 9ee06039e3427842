/** What the API modules (manifests, tags, blobs) need from a client: one logical request and its errors. */
import type { RegistryRequestError } from './errors.js';
import type { HttpResult, RequestSpec, Transport } from './transport.js';

export interface Session {
  readonly registry: string;
  /** `https://host[:port]` of the registry API */
  readonly origin: string;
  readonly transport: Transport;
  /** one logical request: auth (one challenge answered), retries; any status back, throws for network errors */
  send(spec: RequestSpec, o?: { noAuth?: boolean }): Promise<HttpResult>;
  /** the error for a non-success answer */
  fail(spec: RequestSpec, res: HttpResult, attempts?: number): RegistryRequestError;
  protocolError(spec: { method: string; path: string; repository?: string }, detail: string): RegistryRequestError;
  log(msg: string): void;
}
