/**
 * Where the running service answers GET /metrics (issue #14): with METRICS_PORT on a listener
 * of its own, bound to 127.0.0.1, and not on the service's port; without it on the service's
 * port, behind the admin token when one is set. Real HTTP against startService.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { optionsFromEnvironment } from '../../src/config/environment.js';
import { startService, type RunningService } from '../../src/service.js';
import { testServiceEnv } from '../support/service-env.js';

const ADMIN_TOKEN = 'an-admin-token-of-at-least-32-characters';

let service: RunningService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

async function start(env: Record<string, string>): Promise<RunningService> {
  const options = optionsFromEnvironment(testServiceEnv({ HOST: '127.0.0.1', ...env }));
  service = await startService(options, pino({ level: 'silent' }));
  return service;
}

const publicMetricsUrl = (running: RunningService) =>
  running.discoveryUrl.replace(/\/cds-services$/, '/metrics');

describe('the metrics listener', () => {
  it('serves /metrics on METRICS_PORT at 127.0.0.1, and not on the service port', async () => {
    const running = await start({ METRICS_PORT: '0' });
    expect(new URL(running.metricsUrl).hostname).toBe('127.0.0.1');
    expect(new URL(running.metricsUrl).port).not.toBe(new URL(running.discoveryUrl).port);
    const scraped = await fetch(running.metricsUrl);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('emd_cds_client_errors_total');
    expect((await fetch(publicMetricsUrl(running))).status).toBe(404);
    expect((await fetch(running.metricsUrl.replace(/\/metrics$/, '/cds-services'))).status).toBe(
      404,
    );
  });

  it('on the service port, needs the admin token when one is set', async () => {
    const running = await start({ EMD_CDS_ADMIN_TOKEN: ADMIN_TOKEN });
    expect(running.metricsUrl).toBe(publicMetricsUrl(running));
    const refused = await fetch(running.metricsUrl);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    const allowed = await fetch(running.metricsUrl, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(allowed.status).toBe(200);
  });
});
