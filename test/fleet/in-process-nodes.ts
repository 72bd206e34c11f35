/**
 * Independent nodes of one fleet, each a whole `startService` in this test process with
 * the options `npm start` would read from its environment: one PostgreSQL schema, one
 * public URL, the same local issuer keys and audit key, and a data folder of its own.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { ensureLocalIssuerKeys, type KeyFiles } from '../../src/auth/local-issuer.js';
import { optionsFromEnvironment } from '../../src/config/environment.js';
import { startService, type RunningService } from '../../src/service.js';

/** What every node of the fleet must share (docs/deploying.md, "Several hosts"). */
export interface FleetShared {
  postgresUrl: string;
  publicBaseUrl: string;
  keyDir: string;
  keys: KeyFiles;
  auditSecret: string;
  adminToken: string;
  rateLimitPerMinute: number;
}

export async function fleetShared(
  postgresUrl: string,
  rateLimitPerMinute = 1000,
): Promise<FleetShared> {
  const keyDir = join(mkdtempSync(join(tmpdir(), 'emd-cds-fleet-')), 'issuer');
  return {
    postgresUrl,
    // Behind the balancer every node answers to the one public URL (the JWT audience).
    publicBaseUrl: 'https://cds.fleet.example',
    keyDir,
    keys: await ensureLocalIssuerKeys(keyDir),
    auditSecret: randomBytes(32).toString('base64'),
    adminToken: randomBytes(16).toString('hex'),
    rateLimitPerMinute,
  };
}

export interface InProcessNode {
  service: RunningService;
  /** http://localhost:<port> */
  baseUrl: string;
  dataDir: string;
}

/** What a node may have beyond the fleet's shared settings. */
export interface NodeExtras {
  env?: Record<string, string>;
  /** The built console and timeline (dist/web), for browser tests. */
  webRoot?: string;
  /** A config file of this node's own (hot reload, a node that differs from the others). */
  configFile?: string;
}

export async function startInProcessNode(
  shared: FleetShared,
  { env = {}, webRoot, configFile }: NodeExtras = {},
): Promise<InProcessNode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'emd-cds-node-'));
  const options = optionsFromEnvironment({
    PORT: '0',
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: shared.publicBaseUrl,
    AUTH_LOCAL_ISSUER_DIR: shared.keyDir,
    EMD_CDS_POSTGRES_URL: shared.postgresUrl,
    EMD_CDS_AUDIT_SECRET: shared.auditSecret,
    EMD_CDS_ADMIN_TOKEN: shared.adminToken,
    EMD_CDS_DATA_DIR: dataDir,
    RATE_LIMIT_PER_MINUTE: String(shared.rateLimitPerMinute),
    ...env,
  });
  if (webRoot) options.webRoot = webRoot;
  const service = await startService(options, pino({ level: 'silent' }), configFile);
  return { service, baseUrl: service.discoveryUrl.replace(/\/cds-services$/, ''), dataDir };
}
