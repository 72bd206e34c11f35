/**
 * The environment of a service started in a test process: authentication off, the audit in
 * a fresh SQLite file with a fixed key, the local issuer's keys in a fresh folder; `env`
 * adds or overrides. Nothing of the caller's own environment goes in.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function testServiceEnv(env: Record<string, string> = {}): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'emd-cds-service-'));
  return {
    PORT: '0',
    AUTH: 'off',
    EMD_CDS_SQLITE_FILE: join(dir, 'emd-cds.sqlite'),
    EMD_CDS_AUDIT_SECRET: Buffer.alloc(32, 7).toString('base64'),
    AUTH_LOCAL_ISSUER_DIR: join(dir, 'issuer'),
    ...env,
  };
}
