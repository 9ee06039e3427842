/** The `auto` network probe against real loopback sockets: an answering server, a closed port, a silent server. */
import { describe, expect, it } from '@jest/globals';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { probePublicRegistry } from '../../src/steps/build-network.js';

async function listen(server: http.Server | net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as AddressInfo).port;
}

describe('probePublicRegistry', () => {
  it('any HTTP answer (a registry says 401) means reachable', async () => {
    const server = http.createServer((_req, res) => res.writeHead(401, { 'www-authenticate': 'Bearer realm="x"' }).end());
    const port = await listen(server);
    try {
      const r = await probePublicRegistry(`http://127.0.0.1:${port}/v2/`, 2000);
      expect(r.reachable).toBe(true);
      expect(r.detail).toMatch(/^HTTP 401 in \d+ ms$/);
    } finally {
      server.close();
    }
  });

  it('a refused connection means unreachable, with the reason', async () => {
    const server = net.createServer();
    const port = await listen(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await probePublicRegistry(`http://127.0.0.1:${port}/v2/`, 2000)).toEqual({ reachable: false, detail: 'ECONNREFUSED' });
  });

  it('a server that never answers: unreachable after the short timeout, not after minutes', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => void sockets.push(s));
    const port = await listen(server);
    const started = Date.now();
    try {
      expect(await probePublicRegistry(`http://127.0.0.1:${port}/v2/`, 300)).toEqual({ reachable: false, detail: 'no answer within 300 ms' });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });
});
