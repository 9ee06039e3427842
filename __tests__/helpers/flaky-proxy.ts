/**
 * A tiny fault-injecting HTTP proxy (node:http on 127.0.0.1) that forwards to a real registry
 * and misbehaves on request: N× HTTP 500 for matching paths, a connection reset, a push cut
 * off after K request-body bytes (half-pushed blob), a response cut after K bytes, or a delay.
 *
 * The Host header is forwarded unchanged, so the registry's upload `Location` URLs point back
 * at the proxy and every later request of the same push goes through it too.
 *
 *   const proxy = await startFlakyProxy({ host: '127.0.0.1', port }, [
 *     { method: 'PUT', path: /\/manifests\//, times: 1, action: { kind: 'status', status: 500 } }
 *   ]);
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FlakyAction =
  /** answer with this status (and an OCI-style error body) without contacting the registry */
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  /** destroy the client connection without any response */
  | { kind: 'reset' }
  /** forward only the first `afterBytes` bytes of the request body, then drop both connections */
  | { kind: 'cut-request'; afterBytes: number }
  /** forward the registry's response but drop the connection after `afterBytes` body bytes */
  | { kind: 'cut-response'; afterBytes: number }
  /** wait, then forward normally (for client timeouts) */
  | { kind: 'delay'; ms: number };

export interface FlakyRule {
  /** HTTP method to match (any when omitted) */
  method?: string;
  /** RegExp tested against the request path+query, or a substring */
  path: RegExp | string;
  /** let this many matching requests through untouched first (default 0) */
  skip?: number;
  /** how many matching requests (after `skip`) get the action (default 1; Infinity = all) */
  times?: number;
  action: FlakyAction;
}

export interface ProxiedRequest {
  method: string;
  path: string;
  /** status sent to the client; undefined when the connection was cut */
  status?: number;
  /** the injected action, when one was applied */
  injected?: FlakyAction['kind'];
  /** body bytes the client sent / the registry answered (forwarded requests) */
  requestBytes: number;
  responseBytes: number;
}

export interface FlakyProxy {
  /** '127.0.0.1:PORT' of the proxy */
  host: string;
  url: string;
  port: number;
  /** every request seen, in order */
  readonly requests: ProxiedRequest[];
  /** replace the rules (counters restart) */
  setRules(rules: FlakyRule[]): void;
  /** how many times a rule (by index) was applied */
  applied(index: number): number;
  stop(): Promise<void>;
}

interface RuleState {
  rule: FlakyRule;
  seen: number;
  applied: number;
}

function matches(rule: FlakyRule, method: string, url: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  return typeof rule.path === 'string' ? url.includes(rule.path) : rule.path.test(url);
}

export async function startFlakyProxy(upstream: { host: string; port: number }, rules: FlakyRule[] = []): Promise<FlakyProxy> {
  let states: RuleState[] = rules.map((rule) => ({ rule, seen: 0, applied: 0 }));
  const requests: ProxiedRequest[] = [];
  const agent = new http.Agent({ keepAlive: false });

  function pickAction(method: string, url: string): FlakyAction | undefined {
    for (const st of states) {
      if (!matches(st.rule, method, url)) continue;
      st.seen++;
      if (st.seen <= (st.rule.skip ?? 0)) continue;
      if (st.applied >= (st.rule.times ?? 1)) continue;
      st.applied++;
      return st.rule.action;
    }
    return undefined;
  }

  function forward(req: http.IncomingMessage, res: http.ServerResponse, record: ProxiedRequest, action?: FlakyAction): void {
    const up = http.request({
      host: upstream.host,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: req.headers,
      agent
    });
    up.on('error', () => {
      if (!res.headersSent) {
        record.status = 502;
        res.writeHead(502, { 'content-type': 'text/plain' }).end('flaky-proxy: upstream error');
      } else {
        res.destroy();
      }
    });
    req.on('data', (chunk: Buffer) => void (record.requestBytes += chunk.length));
    up.on('response', (ur) => {
      ur.on('data', (chunk: Buffer) => void (record.responseBytes += chunk.length));
      record.status = ur.statusCode;
      res.writeHead(ur.statusCode ?? 502, ur.headers);
      if (action?.kind === 'cut-response') {
        let sent = 0;
        ur.on('data', (chunk: Buffer) => {
          if (sent >= action.afterBytes) return;
          const part = chunk.subarray(0, action.afterBytes - sent);
          sent += part.length;
          res.write(part);
          if (sent >= action.afterBytes) {
            record.status = undefined;
            ur.destroy();
            res.socket?.destroy();
          }
        });
        ur.on('end', () => res.end());
      } else {
        ur.pipe(res);
      }
    });

    if (action?.kind === 'cut-request') {
      let sent = 0;
      const cut = (): void => {
        record.status = undefined;
        req.unpipe();
        up.destroy();
        req.socket.destroy();
      };
      if (action.afterBytes <= 0) {
        up.flushHeaders();
        setImmediate(cut);
        return;
      }
      req.on('data', (chunk: Buffer) => {
        if (sent >= action.afterBytes) return;
        const part = chunk.subarray(0, action.afterBytes - sent);
        sent += part.length;
        up.write(part);
        if (sent >= action.afterBytes) setImmediate(cut);
      });
      req.on('end', () => {
        if (sent < action.afterBytes) up.end();
      });
    } else {
      req.pipe(up);
    }
  }

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const record: ProxiedRequest = { method, path: url, requestBytes: 0, responseBytes: 0 };
    requests.push(record);
    const action = pickAction(method, url);
    if (action) record.injected = action.kind;

    switch (action?.kind) {
      case 'status': {
        req.resume();
        req.on('end', () => {
          record.status = action.status;
          const body =
            action.body ?? JSON.stringify({ errors: [{ code: 'UNKNOWN', message: `injected HTTP ${action.status} by flaky-proxy`, detail: null }] });
          res.writeHead(action.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...action.headers });
          res.end(body);
        });
        return;
      }
      case 'reset':
        req.socket.destroy();
        return;
      case 'delay':
        setTimeout(() => forward(req, res, record), action.ms);
        return;
      default:
        forward(req, res, record, action);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setRules(next: FlakyRule[]) {
      states = next.map((rule) => ({ rule, seen: 0, applied: 0 }));
    },
    applied(index: number) {
      return states[index]?.applied ?? 0;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    }
  };
}
