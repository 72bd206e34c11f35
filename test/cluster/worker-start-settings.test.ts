/**
 * How a cluster worker gets the start-only settings its primary checked
 * (src/cluster/worker-start-settings.ts), with the primary and a worker joined by in-memory
 * channels: the worker's options come from the primary's sections and issuers whatever the
 * file says now, and a worker whose options still differ refuses to start. The real cluster,
 * its config file edited and a worker killed, is ./restarted-worker-settings.test.ts.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { TrustedIssuer } from '../../src/auth/trusted-issuers.js';
import {
  answerStartSettings,
  askStartSettings,
  startSettingsOf,
  workerOptions,
  type PrimaryChannel,
  type StartSettings,
} from '../../src/cluster/worker-start-settings.js';
import { configSchema } from '../../src/config/config-schema.js';
import { serviceOptions } from '../../src/config/environment.js';
import { startOnlyFingerprints } from '../../src/config/start-only-keys.js';

const ENV = { EMD_CDS_DATA_DIR: '/var/lib/emd-cds' };
const EHR: TrustedIssuer = {
  iss: 'https://ehr.hospital.example',
  jku: ['https://ehr.hospital.example/jwks.json'],
};

/** The config the primary started with: authentication on, one EHR origin, port 3000. */
const AT_START = configSchema.parse({
  service: { port: 3000, corsOrigins: ['https://ehr.hospital.example'] },
  auth: { enabled: true, localIssuer: false },
});
/** The file as edited since: every start-only key above moved, and a clinical one. */
const NOW = configSchema.parse({
  service: { port: 3001, corsOrigins: ['https://sandbox.cds-hooks.org'], defaultLocale: 'zh-CN' },
  auth: { enabled: false, localIssuer: true, trustCdsHooksSandbox: true },
  phase: { windowDays: 30 },
});

/**
 * A worker's channel and the primary's view of it, joined as node:cluster joins them: each
 * message delivered on a later turn, through JSON as IPC's are.
 */
function joined(settings: StartSettings, options: { sendFails?: boolean } = {}): PrimaryChannel {
  const toWorker = new EventEmitter();
  const toPrimary = new EventEmitter();
  const throughIpc = (message: unknown): unknown => JSON.parse(JSON.stringify(message));
  const worker = {
    send(message: unknown, sent: (error: Error | null) => void) {
      setImmediate(() => toWorker.emit('message', throughIpc(message)));
      sent(null);
    },
  };
  answerStartSettings(settings, { on: (event, listener) => toPrimary.on(event, listener) });
  return {
    send(message, sent) {
      if (options.sendFails) {
        sent(new Error('channel closed'));
        return;
      }
      setImmediate(() => toPrimary.emit('message', worker, throughIpc(message)));
      sent(null);
    },
    on: (event, listener) => toWorker.on(event, listener),
    off: (event, listener) => toWorker.off(event, listener),
  };
}

describe("a cluster worker's start settings", () => {
  const primaryOptions = serviceOptions(AT_START, ENV);
  const settings = startSettingsOf(AT_START, primaryOptions, [EHR]);

  it("runs the primary's authentication, origins, port and issuers, whatever the file says now", async () => {
    const given = await askStartSettings(joined(settings));
    const { options, startOnlyAtStart } = workerOptions(NOW, given, ENV);
    expect(options.auth.enabled).toBe(true);
    expect(options.auth.localIssuer.enabled).toBe(false);
    expect(options.auth.cdsHooksSandbox.enabled).toBe(false);
    expect(options.auth.fileIssuers).toEqual([EHR]);
    expect(options.corsOrigins).toEqual(['https://ehr.hospital.example']);
    expect(options.port).toBe(3000);
    expect(options.publicBaseUrl).toBe('http://localhost:3000');
    // What /readyz compares the file with: the node's start, so the edit waits for a restart.
    expect(startOnlyAtStart).toEqual(startOnlyFingerprints(AT_START));
  });

  it('refuses to start when its options still differ from those the primary checked', async () => {
    const given = await askStartSettings(joined(settings));
    // An environment the primary did not run with: AUTH=off, which its checks never saw.
    expect(() => workerOptions(NOW, given, { ...ENV, AUTH: 'off' })).toThrow(
      "this worker's start-up options differ from those the cluster's primary checked at start: the worker refuses to start (restart the node to apply a changed setting)",
    );
  });

  it('fails its start when it cannot ask the primary, or hears nothing', async () => {
    await expect(askStartSettings(joined(settings, { sendFails: true }))).rejects.toThrow(
      'cannot ask the primary for its start settings: channel closed',
    );
    const silent: PrimaryChannel = {
      send: (_message, sent) => {
        sent(null);
      },
      on: () => undefined,
      off: () => undefined,
    };
    await expect(askStartSettings(silent, 20)).rejects.toThrow(
      'the primary sent no start settings within 20 ms',
    );
  });
});
