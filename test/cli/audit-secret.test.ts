/**
 * `emd-cds audit-secret` (docs/deploying.md, "The same on every node"): prints a fresh audit
 * key for EMD_CDS_AUDIT_SECRET, as docs/security.md §2.4 describes it (32 random bytes,
 * base64: 44 characters), on stdout only. The key is checked by what the service runs at
 * start-up: the environment read into the options (serviceOptions), then loadAuditSecret,
 * which refuses a key of fewer than 32 bytes.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAuditSecret } from '../../src/config/audit-secret.js';
import { DEFAULT_CONFIG } from '../../src/config/config-schema.js';
import { serviceOptions } from '../../src/config/environment.js';
import { runCli } from '../backtest/run-cli.js';

// Each run starts node on the built CLI: about 1 s on CI, several times that on a loaded machine.
const CLI_TIMEOUT_MS = 60_000;

/** Standard base64 (RFC 4648 §4) of 32 bytes: 43 characters and one `=` of padding. */
const BASE64_OF_32_BYTES = /^[A-Za-z0-9+/]{43}=$/;

const dataDir = mkdtempSync(join(tmpdir(), 'emd-cds-audit-key-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** The key file the service would generate on first start when no key is configured. */
const keyFile = join(dataDir, 'audit-secret');

/** The audit key the service's start-up makes of EMD_CDS_AUDIT_SECRET=`key`. */
function keyTheServiceLoads(key: string): Buffer {
  const options = serviceOptions(DEFAULT_CONFIG, {
    EMD_CDS_AUDIT_SECRET: key,
    EMD_CDS_DATA_DIR: dataDir,
  });
  expect(options.audit.secretFile).toBe(keyFile);
  return loadAuditSecret(options.audit.secret, options.audit.secretFile);
}

describe('emd-cds audit-secret', () => {
  it(
    'prints a key of 44 base64 characters on stdout alone, which the service accepts at start',
    async () => {
      const run = await runCli(['audit-secret']);
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout.endsWith('\n')).toBe(true);
      const key = run.stdout.slice(0, -1);
      expect(key).toHaveLength(44);
      expect(key).toMatch(BASE64_OF_32_BYTES);
      expect(keyTheServiceLoads(key)).toHaveLength(32);
      // The configured key was used: none was generated in its place.
      expect(existsSync(keyFile)).toBe(false);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'prints a different key each time',
    async () => {
      const [first, second] = await Promise.all([
        runCli(['audit-secret']),
        runCli(['audit-secret']),
      ]);
      expect(first.status).toBe(0);
      expect(second.status).toBe(0);
      expect(first.stdout).toMatch(/^\S{44}\n$/);
      expect(first.stdout).not.toBe(second.stdout);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'takes no arguments (exit 2, the usage on stderr, no key)',
    async () => {
      const run = await runCli(['audit-secret', '--bytes', '16']);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('emd-cds audit-secret');
    },
    CLI_TIMEOUT_MS,
  );

  it('the check has teeth: the service refuses a key shorter than 32 bytes', () => {
    // 31 zero bytes in base64 (RFC 4648 §4): 42 'A's and '==', a key one byte short.
    expect(() => keyTheServiceLoads(`${'A'.repeat(42)}==`)).toThrow(
      'EMD_CDS_AUDIT_SECRET: must be at least 32 bytes, base64-encoded',
    );
  });
});
