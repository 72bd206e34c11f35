/**
 * docs/deploying.md and the systemd unit it ships (issue #16): every environment variable
 * the page names is one the service reads, every table of a migrated store is in its table of
 * what the store holds, and the unit parses, carries the hardening and
 * shutdown settings the page promises, and gives a stopping node longer than its drain
 * plus its grace before systemd kills it; and the deployment pages call the command line by
 * its installed path.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { parse as parseYaml } from 'yaml';
import { byteSizeOf } from '../../src/config/byte-size.js';
import { serviceSection } from '../../src/config/config-service-schema.js';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { SHUTDOWN_GRACE_MS } from '../../src/service.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { npmStartArgs } from '../../tools/start-command.js';

const read = (...path: string[]) => readFileSync(join(PROJECT_ROOT, ...path), 'utf8');
const UNIT = join(PROJECT_ROOT, 'deploy', 'systemd', 'emd-cds.service');
const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';

/** `KEY=value` lines of the unit, comments left out; a key may repeat. */
function unitSettings(): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  for (const line of readFileSync(UNIT, 'utf8').split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (match?.[1] !== undefined)
      settings.set(match[1], [...(settings.get(match[1]) ?? []), match[2] ?? '']);
  }
  return settings;
}

describe('docs/deploying.md', () => {
  it('lists every table a migrated store holds in "What the store holds"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emd-cds-tables-'));
    try {
      const file = join(dir, 'emd-cds.sqlite');
      const store = openSqliteStore(file);
      await store.migrate();
      await store.close();
      const db = new Database(file, { readonly: true });
      const tables = (
        db
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
          )
          .all() as { name: string }[]
      ).map((row) => row.name);
      db.close();
      const page = read('docs', 'deploying.md');
      const section = page.slice(page.indexOf('What the store holds'));
      const listed = section.slice(0, section.indexOf('\n\n', section.indexOf('| Table')));
      expect(tables.length).toBeGreaterThanOrEqual(7);
      expect(tables.filter((table) => !listed.includes(`\`${table}\``))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names only environment variables the service reads', () => {
    const page = read('docs', 'deploying.md');
    // In code spans, alone or as NAME=value: upper-case words (signal names are not variables).
    const named = new Set(
      [...page.matchAll(/`([A-Z][A-Z0-9_]{2,})(?:=[^`]*)?`/g)]
        .map((m) => m[1] ?? '')
        .filter((name) => !name.startsWith('SIG')),
    );
    const schema = read('src', 'config', 'environment-schema.ts');
    const main = read('src', 'main.ts');
    const unknown = [...named].filter(
      (name) => !schema.includes(`  ${name}: `) && !main.includes(`process.env.${name}`),
    );
    expect(named.size).toBeGreaterThanOrEqual(12);
    expect(unknown).toEqual([]);
  });

  it('ships a systemd unit with the promised hardening and shutdown settings', () => {
    const unit = unitSettings();
    expect(unit.get('User')).toEqual(['emd-cds']);
    expect(unit.get('NoNewPrivileges')).toEqual(['yes']);
    expect(unit.get('ProtectSystem')).toEqual(['strict']);
    expect(unit.get('EnvironmentFile')).toEqual(['/etc/emd-cds/secrets.env']);
    // always: a clean exit or a stray SIGTERM is restarted too (docs/deploying.md, "systemd").
    expect(unit.get('Restart')).toEqual(['always']);
    expect(unit.get('KillSignal')).toEqual(['SIGTERM']);
    // No secret in Environment= (systemctl show prints it to every user).
    const environment = unit.get('Environment') ?? [];
    for (const secret of ['EMD_CDS_ADMIN_TOKEN', 'EMD_CDS_AUDIT_SECRET', 'EMD_CDS_POSTGRES_URL'])
      expect(environment.filter((line) => line.startsWith(`${secret}=`))).toEqual([]);
    const drainMs = Number(
      environment.find((line) => line.startsWith('SHUTDOWN_DRAIN_MS='))?.split('=')[1],
    );
    const stopMs = Number(unit.get('TimeoutStopSec')?.[0]) * 1000;
    expect(drainMs).toBeGreaterThan(0);
    expect(stopMs).toBeGreaterThan(drainMs + SHUTDOWN_GRACE_MS);
  });

  it('has install steps that make every folder and file the unit reads before starting it', () => {
    // The steps in the unit's header, one command a line (`#   command`), run in order.
    const steps = readFileSync(UNIT, 'utf8')
      .split('\n')
      .filter((line) => /^# {3}\S/.test(line))
      .map((line) => line.slice(4).split(/\s+/));
    const stepOf = (command: string, path: string) =>
      steps.findIndex((words) => words.join(' ').startsWith(command) && words.includes(path));
    const unit = unitSettings();
    const config = (unit.get('Environment') ?? [])
      .find((line) => line.startsWith('EMD_CDS_CONFIG='))
      ?.split('=')[1];
    const files = [...(unit.get('EnvironmentFile') ?? []), config ?? 'EMD_CDS_CONFIG unset'];
    const start = stepOf('systemctl', 'emd-cds');
    expect(start).toBeGreaterThan(0);
    for (const file of files) {
      const folder = stepOf('install -d', dirname(file));
      const made = steps.findIndex(
        (words, i) => i !== folder && words[0] === 'install' && words.at(-1) === file,
      );
      expect({ file, folder: folder >= 0, made: made > folder && made < start }).toEqual({
        file,
        folder: true,
        made: true,
      });
    }
  });

  it('starts the service with the young generation sized for large prefetches, as npm start and the bench do', () => {
    // docs/deploying.md, "Memory": one setting wherever the service is started or measured.
    const flag = '--max-semi-space-size=64';
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> })
      .scripts;
    expect(scripts.start).toBe(`node ${flag} dist/src/main.js`);
    expect(scripts.bench).toContain(` ${flag} `);
    expect(unitSettings().get('ExecStart')).toEqual([`/usr/bin/node ${flag} dist/src/main.js`]);
    expect(read('docs', 'deploying.md')).toContain(`node ${flag} dist/src/main.js`);
    // The fleet tests and the soak start nodes with npm start's own command line.
    expect(npmStartArgs()).toEqual([flag, join(PROJECT_ROOT, 'dist', 'src', 'main.js')]);
  });

  it('runs the command line on a host by the path package.json installs, never with npx', () => {
    // `npx emd-cds` as the service user stops with EPERM: npx links the package into that
    // user's npm cache and chmods the root-owned bin file (docs/deploying.md, "The command
    // line on the host"). So every shell block of the deployment pages calls the bin by path.
    const { bin } = JSON.parse(read('package.json')) as { bin: Record<string, string> };
    expect(bin['emd-cds']).toBe('dist/src/cli/main.js');
    const shellBlocks = (page: string) =>
      [...page.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((block) => block[1] ?? '');
    for (const name of ['deploying.md', 'go-live.md', 'security.md', 'backtest.md']) {
      const blocks = shellBlocks(read('docs', name));
      expect(blocks.length, name).toBeGreaterThan(0);
      expect(
        blocks.filter((block) => block.includes('npx emd-cds')),
        name,
      ).toEqual([]);
    }
    const deploying = shellBlocks(read('docs', 'deploying.md')).join('\n');
    expect(deploying).toContain('runuser -u emd-cds -- node dist/src/cli/main.js stats');
    expect(deploying).toContain('$(node dist/src/cli/main.js audit-secret)');
    expect(shellBlocks(read('docs', 'go-live.md')).join('\n')).toContain(
      'runuser -u emd-cds -- node dist/src/cli/main.js stats',
    );
  });

  it.skipIf(!existsSync(SYSTEMD_ANALYZE))('has a unit systemd-analyze accepts', async () => {
    // verify exits 0 on unknown keys and only warns: the warnings are the test.
    const { stderr } = await promisify(execFile)(SYSTEMD_ANALYZE, ['verify', UNIT]).catch(
      (error: unknown) => error as { stderr: string },
    );
    const problems = stderr
      .split('\n')
      .filter((line) => /unknown|invalid|failed to parse|bad/i.test(line));
    expect(problems).toEqual([]);
  });
});

/**
 * The service's own host, as the pages, the example config and the nginx file write it: one
 * name under `.example`, reserved for examples (RFC 6761 §6.5), so a reader who copies one
 * page's value into another's setting gets a working set (PUBLIC_BASE_URL must be the URL
 * nginx answers on: JWT audiences are built from it).
 */
describe('the example host of the service', () => {
  const HOST = 'cds.hospital.example';

  it('is the nginx server_name and the example config publicBaseUrl', () => {
    const names = read('deploy', 'nginx', 'emd-cds.conf')
      .split('\n')
      .map((line) => /^ *server_name (\S+);/.exec(line)?.[1])
      .filter((name) => name !== undefined);
    expect(names).toEqual([HOST]);
    const example = parseYaml(read('config', 'emd-cds.example.yaml')) as {
      service: { publicBaseUrl: string };
    };
    expect(example.service.publicBaseUrl).toBe(`https://${HOST}`);
  });

  it('is the only service host under a reserved example name in the docs, config and deploy files', () => {
    // The performance pages are a log of past runs, not instructions.
    const docs = readdirSync(join(PROJECT_ROOT, 'docs'))
      .filter((name) => name.endsWith('.md') && !name.startsWith('performance'))
      .map((name) => ['docs', name]);
    const files = [
      ['README.md'],
      ...docs,
      ['config', 'emd-cds.example.yaml'],
      ['deploy', 'nginx', 'emd-cds.conf'],
      ['deploy', 'systemd', 'emd-cds.service'],
    ];
    // Example names of RFC 2606 §3 and RFC 6761 §6.5; a host naming the CDS service has "cds".
    const reserved = ['.example', '.example.org', '.example.com', '.example.net'];
    const serviceHosts = files.flatMap((path) =>
      [
        ...read(...path)
          .toLowerCase()
          .matchAll(/[a-z0-9][a-z0-9.-]*/g),
      ]
        .map((match) => match[0])
        .filter((name) => name.includes('cds') && reserved.some((end) => name.endsWith(end)))
        .map((name) => `${path.join('/')}: ${name}`),
    );
    expect(serviceHosts.length).toBeGreaterThanOrEqual(5);
    expect(serviceHosts.filter((entry) => !entry.endsWith(`: ${HOST}`))).toEqual([]);
  });
});

/**
 * nginx's own body limit in step with the service's (H120): lower, nginx answers its own 413
 * to a body the node would read, and the EHR's call loses its cards as it did at 5 MB.
 */
describe("the nginx examples' client_max_body_size", () => {
  const nginxMib = (text: string) =>
    [...text.matchAll(/^ *client_max_body_size (\d+)m;/gm)].map((match) => Number(match[1]));

  it('is the default BODY_LIMIT in the shipped file and in docs/security.md', () => {
    const limit = byteSizeOf(serviceSection.parse({}).bodyLimit) / (1024 * 1024);
    expect(nginxMib(read('deploy', 'nginx', 'emd-cds.conf'))).toEqual([limit]);
    expect(nginxMib(read('docs', 'security.md'))).toEqual([limit]);
  });
});
