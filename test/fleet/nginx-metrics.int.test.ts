/**
 * The shipped nginx configuration does not publish /metrics (docs/security.md §6: "publish
 * … `/metrics` not at all"; §9: the proxy "does not publish `/metrics`"): Prometheus scrapes
 * each node from the private network. Everything else still reaches the node. nginx runs in
 * front of a stub node that answers every path, so that a call it passes on is seen.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/services.js';
import { nginxSkipReason, startNginx, type RunningNginx } from './nginx.js';

describe.skipIf(nginxSkipReason !== undefined)('the shipped nginx configuration', () => {
  const seen: string[] = [];
  let node: Server;
  let nginx: RunningNginx;

  beforeAll(async () => {
    node = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/plain' }).end('from the node');
    });
    await new Promise<void>((resolve) => node.listen(0, '127.0.0.1', resolve));
    nginx = await startNginx(await freePort(), [(node.address() as AddressInfo).port]);
  });

  afterAll(async () => {
    await nginx.stop();
    await new Promise((resolve) => node.close(resolve));
  });

  it('answers /metrics itself with 404 and never passes it to a node', async () => {
    seen.length = 0;
    for (const path of ['/metrics', '/metrics?name[]=emd_cds_cards_total']) {
      const answer = await fetch(`${nginx.url}${path}`, {
        headers: { authorization: 'Bearer an-admin-token-a-caller-may-have' },
      });
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
    }
    expect(seen.filter((url) => url.startsWith('/metrics'))).toEqual([]);
  });

  it('passes everything else on to the nodes', async () => {
    seen.length = 0;
    for (const path of ['/readyz', '/cds-services', '/admin/stats', '/console/', '/metricsx']) {
      const answer = await fetch(`${nginx.url}${path}`);
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
    }
    expect(seen).toEqual(['/readyz', '/cds-services', '/admin/stats', '/console/', '/metricsx']);
  });
});
