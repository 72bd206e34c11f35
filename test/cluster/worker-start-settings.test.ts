/**
 * How a cluster worker gets the start-only settings its primary checked
 * (src/cluster/worker-start-settings.ts), with the primary and a worker joined by in-memory
 * channels: the worker's options come from the primary's sections and issuers whatever the
 * file says now, and a worker whose options still differ refuses to start. The real cluster,
 * its config file edited and a worker killed, is ./restarted-worker-settings.test.ts.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
import { readStartFiles, type StartFiles } from '../../src/config/start-files.js';
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

/** What the primary read from the files its settings name: a CA, the audit key. */
const FILES: StartFiles = {
  extraCas: ['-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----\n'],
  localIssuerKey: undefined,
  sandboxJwks: undefined,
  auditKey: Buffer.alloc(32, 7).toString('base64'),
  nodeExtraCaCertsDigest: undefined,
};

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
  const settings = startSettingsOf(AT_START, primaryOptions, [EHR], FILES);

  it("runs the primary's authentication, origins, port and issuers, whatever the file says now", async () => {
    const given = await askStartSettings(joined(settings));
    const { options, startOnlyAtStart, files } = workerOptions(NOW, given, ENV);
    expect(options.auth.enabled).toBe(true);
    expect(options.auth.localIssuer.enabled).toBe(false);
    expect(options.auth.cdsHooksSandbox.enabled).toBe(false);
    expect(options.auth.fileIssuers).toEqual([EHR]);
    expect(options.corsOrigins).toEqual(['https://ehr.hospital.example']);
    expect(options.port).toBe(3000);
    expect(options.publicBaseUrl).toBe('http://localhost:3000');
    // What /readyz compares the file with: the node's start, so the edit waits for a restart.
    expect(startOnlyAtStart).toEqual(startOnlyFingerprints(AT_START));
    // What the files held when the primary read them, through IPC's JSON unchanged.
    expect(files).toEqual(FILES);
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

describe("a cluster worker's NODE_EXTRA_CA_CERTS", () => {
  // Node reads the file itself as each process starts: a worker can only compare it with the
  // node's start, by the digest the primary sends (src/config/start-files.ts).
  const dir = mkdtempSync(join(tmpdir(), 'emd-cds-node-cas-'));
  const caFile = join(dir, 'extra-ca.pem');
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  // An audit key of its own: without one, reading the start files would write a key file.
  const env = {
    ...ENV,
    NODE_EXTRA_CA_CERTS: caFile,
    EMD_CDS_AUDIT_SECRET: Buffer.alloc(32, 1).toString('base64'),
  };
  const REFUSED = `NODE_EXTRA_CA_CERTS: ${caFile} is not the file the node started with (it changed, or became readable or unreadable, since): Node read it again as this worker started, so the worker would trust other CAs than its siblings; the worker refuses to start (restart the node to trust the file as it is now)`;

  /** The primary's start settings, its digest taken of the file as it is now. */
  const primaryNow = async () => {
    const options = serviceOptions(AT_START, env);
    const files = await readStartFiles(options);
    return startSettingsOf(AT_START, options, [EHR], files);
  };

  it('starts while the file is the one the node started with, and refuses once it changed', async () => {
    writeFileSync(caFile, 'the CA the node started with\n');
    const settings = await primaryNow();
    expect(settings.files.nodeExtraCaCertsDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(() => workerOptions(NOW, settings, env)).not.toThrow();
    writeFileSync(caFile, 'another CA\n');
    expect(() => workerOptions(NOW, settings, env)).toThrow(REFUSED);
    rmSync(caFile);
    expect(() => workerOptions(NOW, settings, env)).toThrow(REFUSED);
  });

  it('starts while the file is unreadable as it was at the start, and refuses once it is there', async () => {
    rmSync(caFile, { force: true });
    const settings = await primaryNow();
    expect(settings.files.nodeExtraCaCertsDigest).toBeNull();
    expect(() => workerOptions(NOW, settings, env)).not.toThrow();
    writeFileSync(caFile, 'a CA added since\n');
    expect(() => workerOptions(NOW, settings, env)).toThrow(REFUSED);
  });
});
