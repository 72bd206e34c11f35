/**
 * Reloading the configuration without dropping requests: SIGHUP (reload()) or a change to
 * the file's folder (editors save by rename) swaps the settings; a file that fails
 * validation is refused with a clear log line and the running configuration stays. A rule
 * switched from silent to live (issue #17) shows its cards from the next call on. How the
 * watcher waits for a file to settle, and which changes it sees, is reload-settling.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { serviceOptions } from '../../src/config/environment.js';
import { readConfigFile } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { SettingsStore } from '../../src/config/settings-store.js';
import { startOnlyFingerprints } from '../../src/config/start-only-keys.js';
import { startService, type RunningService } from '../../src/service.js';
import { readExampleRequest } from '../support/app.js';
import { capturingLogger } from '../support/logs.js';
import { waitFor } from './wait-for.js';

const capture = () => capturingLogger();

function tempConfig(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'emd-cds-config-')), 'site.yaml');
  writeFileSync(file, text);
  return file;
}

/** Saves as editors do: write a temporary file, then rename it over the old one. */
function saveByRename(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

describe('SettingsStore', () => {
  it('swaps in a valid new configuration and refuses an invalid one, keeping the old', () => {
    const file = tempConfig('phase:\n  windowDays: 90\n');
    const { logger, log } = capture();
    const store = new SettingsStore(() => buildSettings(readConfigFile(file), { file }), logger);
    const first = store.current().configHash;

    writeFileSync(file, 'phase:\n  windowDays: 30\n');
    expect(store.reload('SIGHUP')).toBe(true);
    const second = store.current().configHash;
    expect(second).not.toBe(first);
    expect(store.current().rules.phaseWindowDays).toBe(30);

    writeFileSync(file, 'phase:\n  windowDays: thirty\n');
    expect(store.reload('SIGHUP')).toBe(false);
    expect(store.current().configHash).toBe(second);
    expect(log()).toMatch(/configuration reload refused; the running configuration stays in force/);
    expect(log()).toMatch(/site\.yaml:2:15 phase\.windowDays/);
  });

  it('warns of each restart-only key a reload changes, against the values the node started with', () => {
    // docs/configuring.md, "What needs a restart": service.port, service.logLevel and the fhir:
    // settings are read once, at start; phase.windowDays is applied on reload.
    const file = tempConfig('service:\n  port: 3000\nfhir:\n  timeoutMs: 2500\n');
    const { logger, log } = capture();
    const store = new SettingsStore(() => buildSettings(readConfigFile(file), { file }), logger);
    const warnings = () =>
      log()
        .split('\n')
        .filter((line) => line.includes('"level":40') && line.includes('restart'));

    writeFileSync(
      file,
      'service:\n  port: 3001\n  logLevel: debug\nfhir:\n  timeoutMs: 5000\nphase:\n  windowDays: 30\n',
    );
    expect(store.reload('SIGHUP')).toBe(true);
    expect(store.current().rules.phaseWindowDays).toBe(30);
    expect(store.restartNeededFor()).toEqual([
      'service.port',
      'service.logLevel',
      'fhir.timeoutMs',
    ]);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain(
      'configuration reloaded, but service.port, service.logLevel, fhir.timeoutMs changed and take effect only after a restart; until then the node keeps the values it started with',
    );

    // A later reload of a clinical setting alone: the port still waits for the restart.
    writeFileSync(
      file,
      'service:\n  port: 3001\n  logLevel: debug\nfhir:\n  timeoutMs: 5000\nphase:\n  windowDays: 60\n',
    );
    expect(store.reload('SIGHUP')).toBe(true);
    expect(store.restartNeededFor()).toEqual([
      'service.port',
      'service.logLevel',
      'fhir.timeoutMs',
    ]);

    // Back to the start's values (the default log level written out counts as unchanged).
    writeFileSync(file, 'service:\n  port: 3000\n  logLevel: info\nfhir:\n  timeoutMs: 2500\n');
    expect(store.reload('SIGHUP')).toBe(true);
    expect(store.restartNeededFor()).toEqual([]);
    expect(warnings()).toHaveLength(2);
  });

  it("compares with the node's start, not its own first load, in a process started later (a cluster worker)", () => {
    // The node started with authentication on; a worker started again after the file switched
    // it off runs the primary's settings (src/cluster/worker-start-settings.ts) and says so.
    const atStart = startOnlyFingerprints(readConfigFile(tempConfig('auth:\n  enabled: true\n')));
    const file = tempConfig('auth:\n  enabled: false\nservice:\n  defaultLocale: zh-CN\n');
    const { logger, log } = capture();
    const store = new SettingsStore(
      () => buildSettings(readConfigFile(file), { file }),
      logger,
      atStart,
    );
    expect(store.restartNeededFor()).toEqual(['auth.enabled']);
    expect(log()).toContain(
      'configuration loaded, but auth.enabled changed since the node started and take effect only after a restart of the node; until then this process keeps the values the node started with',
    );
    writeFileSync(file, 'auth:\n  enabled: true\n');
    expect(store.reload('SIGHUP')).toBe(true);
    expect(store.restartNeededFor()).toEqual([]);
  });

  it('does not warn of a restart for a change applied on reload, service.defaultLocale among them', () => {
    const file = tempConfig('imaging:\n  lookbackDays: 180\n');
    const { logger, log } = capture();
    const store = new SettingsStore(() => buildSettings(readConfigFile(file), { file }), logger);
    writeFileSync(file, 'imaging:\n  lookbackDays: 365\nservice:\n  defaultLocale: zh-CN\n');
    expect(store.reload('SIGHUP')).toBe(true);
    expect(store.restartNeededFor()).toEqual([]);
    expect(log()).not.toMatch(/restart/);
  });

  it('does not put the defaults in force while an editor rewrites the file in place', async () => {
    const file = tempConfig('imaging:\n  lookbackDays: 365\n');
    const { logger, log } = capture();
    const store = new SettingsStore(() => buildSettings(readConfigFile(file), { file }), logger);
    store.watchFile(file, { quietMs: 200 });
    try {
      writeFileSync(file, ''); // truncated first, as an in-place save does
      await waitFor(() => /config file is empty: not reloaded/.test(log()), 'the skipped reload');
      expect(store.current().rules.imagingLookbackDays).toBe(365);
      writeFileSync(file, 'imaging:\n  lookbackDays: 90\n');
      await waitFor(() => store.current().rules.imagingLookbackDays === 90, 'the reload');
    } finally {
      store.close();
    }
    // SIGHUP still loads an empty file: the documented way back to the defaults.
    writeFileSync(file, '');
    expect(store.reload('SIGHUP')).toBe(true);
    expect(store.current().rules.imagingLookbackDays).toBe(180);
  });
});

describe('a running service', () => {
  let service: RunningService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('answers with the new config hash and links after a reload, and keeps them after a bad one', async () => {
    const file = tempConfig('links:\n  trials: https://trials.hospital.example/emd\n');
    const options = serviceOptions(readConfigFile(file), {
      PORT: '0',
      AUTH: 'off',
      AUTH_LOCAL_ISSUER: 'off',
      EMD_CDS_SQLITE_FILE: join(file, '..', 'emd-cds.sqlite'),
      EMD_CDS_AUDIT_SECRET: Buffer.alloc(32, 7).toString('base64'),
    });
    service = await startService(options, pino({ level: 'silent' }), file);
    const call = async () => {
      const response = await fetch(`${service?.discoveryUrl ?? ''}/emd-patient-view`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(readExampleRequest('emd-and-cns')),
      });
      const { cards } = (await response.json()) as {
        cards: { links?: { url: string }[]; extension: Record<string, unknown> }[];
      };
      return {
        hash: cards[0]?.extension[CARD_EXTENSION.configHash],
        links: cards[0]?.links?.map((l) => l.url) ?? [],
      };
    };
    const before = await call();
    // The timeline link defaults to the app this service serves, on its public URL.
    expect(before.links).toEqual([
      'https://trials.hospital.example/emd',
      `${options.publicBaseUrl}/timeline/launch.html`,
    ]);

    writeFileSync(
      file,
      'links:\n  trials: null\n  pathway: https://intranet.hospital.example/myeloma\n  timeline: null\n',
    );
    expect(service.reload('SIGHUP')).toBe(true);
    const after = await call();
    expect(after.hash).not.toBe(before.hash);
    expect(after.links).toEqual(['https://intranet.hospital.example/myeloma']);

    writeFileSync(file, 'links:\n  trials: [not a url]\n');
    expect(service.reload('SIGHUP')).toBe(false);
    expect(await call()).toEqual(after);

    // The refusal shows on /readyz (still ready: the node serves), until a reload succeeds.
    const readyz = async () =>
      (await (
        await fetch(`${service?.discoveryUrl.replace(/\/cds-services$/, '') ?? ''}/readyz`)
      ).json()) as {
        status: string;
        configHash: string;
        degraded?: string[];
        configReloadRefusedAt?: string;
      };
    const refused = await readyz();
    expect(refused.status).toBe('degraded');
    expect(refused.configHash).toBe(after.hash);
    expect(refused.degraded).toEqual([
      expect.stringMatching(
        /^configuration reload refused at \d{4}-\d{2}-\d{2}T[\d:.]+Z: the previous configuration is in force \(see the log\)$/,
      ),
    ]);
    // The console reads the refusal from its field (web/console/readyz-report.ts).
    expect(refused.configReloadRefusedAt).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);
    expect(JSON.stringify(refused)).not.toContain('not a url');
    writeFileSync(file, 'links:\n  trials: https://trials.hospital.example/emd\n');
    expect(service.reload('SIGHUP')).toBe(true);
    expect(await readyz()).toMatchObject({ status: 'ready' });

    // A start-only key (docs/configuring.md, "What needs a restart") is accepted on reload and
    // the hash moves, but /readyz says it waits for a restart.
    writeFileSync(
      file,
      'links:\n  trials: https://trials.hospital.example/emd\nservice:\n  rateLimitPerMinute: 600\n',
    );
    expect(service.reload('SIGHUP')).toBe(true);
    expect(await readyz()).toMatchObject({
      status: 'degraded',
      degraded: [
        'restart needed: 1 setting changed in the configuration in force takes effect only after a restart (the log names them)',
      ],
      restartNeeded: 1,
    });
  });

  it("shows a silent rule's cards once the file saved with mode: live is reloaded (issue #17)", async () => {
    const file = tempConfig('rules:\n  emd-soft-tissue:\n    mode: silent\n');
    const admin = 'admin-token-for-reload-test-0123';
    const options = serviceOptions(readConfigFile(file), {
      PORT: '0',
      AUTH: 'off',
      AUTH_LOCAL_ISSUER: 'off',
      EMD_CDS_ADMIN_TOKEN: admin,
      EMD_CDS_SQLITE_FILE: join(file, '..', 'emd-cds.sqlite'),
      EMD_CDS_AUDIT_SECRET: Buffer.alloc(32, 7).toString('base64'),
    });
    service = await startService(options, pino({ level: 'silent' }), file);
    const base = service.discoveryUrl;
    const rulesShown = async () => {
      const response = await fetch(`${base}/emd-patient-view`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // A hook call of its own each time (a new hookInstance), as an EHR makes them.
        body: JSON.stringify({ ...readExampleRequest('emd-and-cns'), hookInstance: randomUUID() }),
      });
      const { cards } = (await response.json()) as {
        cards: { extension: Record<string, unknown> }[];
      };
      return cards.map((card) => card.extension[CARD_EXTENSION.ruleId]);
    };
    expect(await rulesShown()).toEqual(['emd-cns']);
    let callsWhileSilent = 1;

    saveByRename(file, 'rules:\n  emd-soft-tissue:\n    mode: live\n');
    let shown = await rulesShown();
    for (let i = 0; i < 100 && shown.length === 1; i += 1) {
      callsWhileSilent += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      shown = await rulesShown();
    }
    expect(shown).toEqual(['emd-cns', 'emd-soft-tissue']);

    const stats = await fetch(`${base.replace(/\/cds-services$/, '')}/admin/stats`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const body = (await stats.json()) as {
      hookCalls: Record<string, number>;
      rules: { ruleId: string; served: number; silent: { cards: number } }[];
    };
    // Every call before the reload took effect audited a silent card; the last one served it.
    expect(body.hookCalls).toEqual({ 'emd-patient-view': callsWhileSilent + 1 });
    expect(body.rules.find((rule) => rule.ruleId === 'emd-soft-tissue')).toMatchObject({
      served: 1,
      silent: { cards: callsWhileSilent },
    });
  });
});
