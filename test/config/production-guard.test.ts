/**
 * The production guard end to end (issue #14): the built service as its own process, with
 * NODE_ENV=production and one unsafe setting at a time, exits non-zero with one log line
 * naming that setting; a safe setup starts; outside production the same problems are one
 * warning block and the service starts (the README's `npm start`).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { fencedBlocks } from '../docs/doc-blocks.js';
import { runBuiltService, type BuiltServiceRun } from '../support/built.js';

const START_DEADLINE_MS = 30_000;

const FATAL = 60;
const WARN = 40;

/**
 * The issuers file docs/security.md §4.2 shows, read from the page so the test follows it:
 * its static key has `"x": "<base64url x coordinate>"`, a placeholder an integrator might copy.
 */
function docsExampleIssuers(): unknown[] {
  const page = readFileSync(join(PROJECT_ROOT, 'docs', 'security.md'), 'utf8');
  const section = page.slice(page.indexOf('### 4.2 The issuers file'));
  const example = fencedBlocks(section, 'docs/security.md').find((block) => block.lang === 'json');
  if (!example) throw new Error('docs/security.md §4.2 has no json block');
  expect(example.body).toContain('"<base64url x coordinate>"');
  return JSON.parse(example.body) as unknown[];
}

let dir: string;
const issuersFile = (name: string, issuers: unknown[]) => {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(issuers));
  return file;
};

/** Runs the service until it exits or says it listens (then stops it); its log lines. */
async function run(env: Record<string, string>): Promise<BuiltServiceRun> {
  return runBuiltService(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      AUTH_LOCAL_ISSUER_DIR: join(dir, 'issuer'),
      EMD_CDS_SQLITE_FILE: join(dir, 'emd-cds.sqlite'),
      EMD_CDS_AUDIT_SECRET: randomBytes(32).toString('base64'),
      ...env,
    },
    START_DEADLINE_MS,
  );
}

let SAFE: Record<string, string>;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'emd-cds-guard-'));
  SAFE = {
    NODE_ENV: 'production',
    METRICS_PORT: '0',
    // Not under a name reserved for examples (RFC 2606), which production refuses.
    PUBLIC_BASE_URL: 'https://cds.hospital.internal',
    AUTH_ISSUERS_FILE: issuersFile('ehr', [
      { iss: 'https://ehr.hospital.example', jku: ['https://ehr.hospital.example/jwks.json'] },
    ]),
  };
});

/** The one warning of a production start as root (src/config/root-user.ts). */
const ROOT_WARNING = /^running as root \(uid 0\) with NODE_ENV=production: .*run it as a user/;
const isRoot = process.getuid?.() === 0;

describe('with NODE_ENV=production', () => {
  it(
    'starts when nothing is unsafe, with no warning but the one of running as root',
    async () => {
      const { lines } = await run(SAFE);
      expect(lines.some((line) => line.msg.includes('listening on'))).toBe(true);
      const warnings = lines.filter((line) => line.level >= WARN);
      const others = warnings.filter((line) => !ROOT_WARNING.test(line.msg));
      expect(others).toEqual([]);
      expect(warnings.length).toBe(isRoot ? 1 : 0);
    },
    START_DEADLINE_MS,
  );

  // Run as root here only: a start as another user is the test above, and its warning's
  // absence there (uid ≠ 0) is covered by test/config/root-user.test.ts.
  it.runIf(isRoot)(
    'warns once, at warn level, when running as root, and starts all the same',
    async () => {
      const { lines } = await run(SAFE);
      expect(lines.some((line) => line.msg.includes('listening on'))).toBe(true);
      const warnings = lines.filter((line) => line.level === WARN);
      expect(warnings.map((line) => ROOT_WARNING.test(line.msg))).toEqual([true]);
    },
    START_DEADLINE_MS,
  );

  it(
    'warns once of a loopback PUBLIC_BASE_URL, naming it, and starts all the same',
    async () => {
      const { lines } = await run({ ...SAFE, PUBLIC_BASE_URL: 'http://127.0.0.1:3000' });
      expect(lines.some((line) => line.msg.includes('listening on'))).toBe(true);
      const warnings = lines.filter((line) => line.level >= WARN && !ROOT_WARNING.test(line.msg));
      expect(warnings.map((line) => line.setting)).toEqual(['PUBLIC_BASE_URL']);
      expect(warnings[0]?.msg).toMatch(
        /^PUBLIC_BASE_URL: http:\/\/127\.0\.0\.1:3000 \(service\.publicBaseUrl\) is loopback: only a caller on this machine signs tokens for it/,
      );
    },
    START_DEADLINE_MS,
  );

  const unsafe: [string, () => Record<string, string>, string][] = [
    ['AUTH=off', () => ({ AUTH: 'off' }), 'AUTH'],
    ['AUTH_LOCAL_ISSUER=on', () => ({ AUTH_LOCAL_ISSUER: 'on' }), 'AUTH_LOCAL_ISSUER'],
    [
      'AUTH_TRUST_CDS_HOOKS_SANDBOX=true',
      () => ({ AUTH_TRUST_CDS_HOOKS_SANDBOX: 'true' }),
      'AUTH_TRUST_CDS_HOOKS_SANDBOX',
    ],
    [
      'an http jku on another host',
      () => ({
        AUTH_ISSUERS_FILE: issuersFile('http-jku', [
          { iss: 'https://ehr.hospital.example', jku: ['http://ehr.hospital.example/jwks.json'] },
        ]),
      }),
      'AUTH_ISSUERS_FILE',
    ],
    [
      'an http jwksUrl on another host',
      () => ({
        AUTH_ISSUERS_FILE: issuersFile('http-jwks-url', [
          { iss: 'https://ehr.hospital.example', jku: [], jwksUrl: 'http://keys.example/jwks' },
        ]),
      }),
      'AUTH_ISSUERS_FILE',
    ],
    ['no trusted issuer', () => ({ AUTH_ISSUERS_FILE: '' }), 'AUTH_ISSUERS_FILE'],
    [
      "docs/security.md's example issuers file, its placeholder key copied literally",
      () => ({ AUTH_ISSUERS_FILE: issuersFile('docs-example', docsExampleIssuers()) }),
      'AUTH_ISSUERS_FILE',
    ],
    [
      'CORS_ORIGINS with the public sandbox',
      () => ({ CORS_ORIGINS: 'https://sandbox.cds-hooks.org' }),
      'CORS_ORIGINS',
    ],
    [
      'a 20-character EMD_CDS_ADMIN_TOKEN',
      () => ({ EMD_CDS_ADMIN_TOKEN: 'a'.repeat(20) }),
      'EMD_CDS_ADMIN_TOKEN',
    ],
    ['/metrics on the public port, open', () => ({ METRICS_PORT: '' }), 'METRICS_PORT'],
    ['/metrics on every interface, open', () => ({ METRICS_HOST: '0.0.0.0' }), 'METRICS_HOST'],
    ['fhir-kit-client’s debug log on', () => ({ DEBUG: 'fhir-kit-client:*' }), 'DEBUG'],
    [
      'a FHIR server over http to another host',
      () => ({ FHIR_SERVERS: 'http://fhir.hospital.example/r4' }),
      'FHIR_SERVERS',
    ],
    ['no PUBLIC_BASE_URL', () => ({ PUBLIC_BASE_URL: '' }), 'PUBLIC_BASE_URL'],
    [
      'a PUBLIC_BASE_URL over http to another host',
      () => ({ PUBLIC_BASE_URL: 'http://cds.hospital.internal' }),
      'PUBLIC_BASE_URL',
    ],
    [
      "the docs' example PUBLIC_BASE_URL, a name reserved for examples",
      () => ({ PUBLIC_BASE_URL: 'https://cds.hospital.example' }),
      'PUBLIC_BASE_URL',
    ],
  ];
  for (const [name, change, setting] of unsafe) {
    it(
      `refuses to start with ${name}, naming ${setting}`,
      async () => {
        const { code, lines } = await run({ ...SAFE, ...change() });
        expect(code).toBe(1);
        const problems = lines.filter((line) => line.level === FATAL && line.setting);
        expect(problems.map((line) => line.setting)).toEqual([setting]);
        expect(problems[0]?.msg.startsWith(`${setting}: `)).toBe(true);
        expect(lines.some((line) => line.msg.includes('listening on'))).toBe(false);
      },
      START_DEADLINE_MS,
    );
  }
});

describe('outside production', () => {
  it(
    'starts with the defaults and says what is not fit for production in one warning',
    async () => {
      const { lines } = await run({});
      expect(lines.some((line) => line.msg.includes('listening on'))).toBe(true);
      const warnings = lines.filter((line) => line.level === WARN);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.settings).toEqual([
        'PUBLIC_BASE_URL',
        'AUTH_LOCAL_ISSUER',
        'CORS_ORIGINS',
        'METRICS_PORT',
      ]);
    },
    START_DEADLINE_MS,
  );
});
