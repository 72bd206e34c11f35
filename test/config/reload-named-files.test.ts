/**
 * Every file the config names is watched as the config file is (docs/configuring.md,
 * "Reloading, and the config hash"): saving a site value set or wording file reloads the
 * whole configuration once it has settled; a file the config stops naming is no longer
 * watched, one it starts naming is; a file a refused config names stays watched, so fixing
 * it reloads. Real files in a temporary folder, the real fs.watch, a short quiet period.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { PATHS } from '../../src/config/project-paths.js';
import { SettingsStore } from '../../src/config/settings-store.js';
import { capturingLogger } from '../support/logs.js';
import { pause, waitFor } from './wait-for.js';

const QUIET_MS = 300;
const SITE_URL = 'http://hospital.example.org/fhir/ValueSet/extramedullary-plasmacytoma';
const PROBLEMS = 'http://hospital.example.org/fhir/CodeSystem/problems';

/** configuring.md §2a: the site's value set, the shipped codes plus local problem-list codes. */
const siteValueSet = (codes: readonly string[]) =>
  JSON.stringify({
    resourceType: 'ValueSet',
    url: SITE_URL,
    version: '2026-11-01',
    name: 'HospitalExtramedullaryPlasmacytoma',
    title: 'Extramedullary plasmacytoma (shipped codes plus local problem-list codes)',
    status: 'active',
    compose: {
      include: [
        { valueSet: ['https://fhir.emd-cds.org/ValueSet/extramedullary-plasmacytoma'] },
        {
          system: PROBLEMS,
          concept: codes.map((code) => ({ code, display: `Extramedullary plasmacytoma ${code}` })),
        },
      ],
    },
  });

/** A config naming `files` for its value sets, the site's one playing the plasmacytoma role. */
const configNaming = (files: readonly string[], extra = '') =>
  `valueSets:\n  files: [${files.join(', ')}]\n  roles:\n    extramedullaryPlasmacytoma: ${SITE_URL}\n${extra}`;

function siteFolder(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'emd-cds-named-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

function watchedStore(folder: string, level = 'info', quietMs = QUIET_MS) {
  const file = join(folder, 'site.yaml');
  const { logger, log } = capturingLogger(level);
  const store = new SettingsStore(() => buildSettings(readConfigFile(file), { file }), logger);
  store.watchFile(file, { quietMs });
  const reloads = () => log().match(/"msg":"configuration reloaded"/g)?.length ?? 0;
  const refusals = () => log().match(/"msg":"configuration reload refused/g)?.length ?? 0;
  const classifies = (code: string) =>
    store.current().rules.terminology.holds('extramedullaryPlasmacytoma', {
      system: PROBLEMS,
      code,
    });
  return { file, store, log, reloads, refusals, classifies };
}

describe('reloading when a file the config names is saved', () => {
  it('reloads a saved site value set file: a code added to it now classifies', async () => {
    const folder = siteFolder({
      'site.yaml': configNaming(['plasmacytoma.json']),
      'plasmacytoma.json': siteValueSet(['PLASMA-EM']),
    });
    const { store, log, classifies } = watchedStore(folder);
    try {
      const before = store.current().configHash;
      expect(classifies('PLASMA-EM2')).toBe(false);
      writeFileSync(join(folder, 'plasmacytoma.json'), siteValueSet(['PLASMA-EM', 'PLASMA-EM2']));
      await waitFor(() => classifies('PLASMA-EM2'), 'the added code in force');
      expect(store.current().configHash).not.toBe(before);
      expect(log()).toContain(
        'value set file changed: reloading once it has stayed unchanged for 300 ms',
      );
      expect(log()).toMatch(
        /"reason":"plasmacytoma\.json changed".*"msg":"configuration reloaded"/,
      );
    } finally {
      store.close();
    }
  });

  it('reads a value set file written in two halves once, whole, and never refuses its first half', async () => {
    const folder = siteFolder({
      'site.yaml': configNaming(['plasmacytoma.json']),
      'plasmacytoma.json': siteValueSet(['PLASMA-EM']),
    });
    // A quiet period well past the writer's pause, so a slow host does not settle the half.
    const { store, log, reloads, refusals, classifies } = watchedStore(folder, 'info', 1000);
    try {
      const whole = siteValueSet(['PLASMA-EM', 'PLASMA-EM2']);
      const half = Math.floor(whole.length / 2);
      writeFileSync(join(folder, 'plasmacytoma.json'), whole.slice(0, half)); // not JSON alone
      await pause(250);
      appendFileSync(join(folder, 'plasmacytoma.json'), whole.slice(half));
      await waitFor(() => classifies('PLASMA-EM2'), 'the whole file in force');
      expect(reloads()).toBe(1);
      expect(refusals()).toBe(0);
      expect(log()).toContain('value set file still changing (a write in progress?)');
    } finally {
      store.close();
    }
  });

  it('refuses a reload a broken value set file causes, and reloads once the file is fixed', async () => {
    const folder = siteFolder({
      'site.yaml': configNaming(['plasmacytoma.json']),
      'plasmacytoma.json': siteValueSet(['PLASMA-EM']),
      'more.json': '{ "resourceType": "ValueSet", ', // broken: half a file
    });
    const { file, store, log, refusals, classifies } = watchedStore(folder);
    try {
      // The file in force breaks, then is fixed.
      writeFileSync(join(folder, 'plasmacytoma.json'), '{ "resourceType": "ValueSet" ');
      await waitFor(() => refusals() === 1, 'the refused reload');
      expect(store.refusedReloadAt()).toBeDefined();
      expect(log()).toMatch(/"reason":"plasmacytoma\.json changed".*plasmacytoma\.json/);
      writeFileSync(join(folder, 'plasmacytoma.json'), siteValueSet(['PLASMA-EM', 'PLASMA-EM2']));
      await waitFor(() => classifies('PLASMA-EM2'), 'the fixed file in force');
      expect(store.refusedReloadAt()).toBeUndefined();

      // A config that names a broken file is refused; the file it names stays watched.
      const hashInForce = store.current().configHash;
      writeFileSync(file, configNaming(['plasmacytoma.json', 'more.json']));
      await waitFor(() => refusals() === 2, 'the second refused reload');
      expect(store.current().configHash).toBe(hashInForce);
      writeFileSync(
        join(folder, 'more.json'),
        siteValueSet(['PLASMA-EM3']).replace(SITE_URL, `${SITE_URL}-more`),
      );
      await waitFor(() => store.refusedReloadAt() === undefined, 'more.json fixed in force');
      expect(store.current().configHash).not.toBe(hashInForce);
      expect(log()).toMatch(/"reason":"more\.json changed".*"msg":"configuration reloaded"/);
    } finally {
      store.close();
    }
  });

  it('stops reloading on a file the config no longer names, and reloads on one it newly names', async () => {
    const folder = siteFolder({
      'site.yaml': configNaming(['old.json']),
      'old.json': siteValueSet(['PLASMA-EM']),
      'new.json': siteValueSet(['PLASMA-EM']),
    });
    const { file, store, log, reloads, classifies } = watchedStore(folder);
    try {
      writeFileSync(file, configNaming(['new.json']));
      await waitFor(() => reloads() === 1, 'the config naming new.json in force');

      writeFileSync(join(folder, 'old.json'), siteValueSet(['PLASMA-EM', 'PLASMA-OLD']));
      // Absence of a reload can only be waited out: several quiet periods, well past one.
      await pause(QUIET_MS * 5);
      expect(reloads()).toBe(1);

      writeFileSync(join(folder, 'new.json'), siteValueSet(['PLASMA-EM', 'PLASMA-NEW']));
      await waitFor(() => classifies('PLASMA-NEW'), 'the newly named file in force');
      expect(reloads()).toBe(2);
      expect(classifies('PLASMA-OLD')).toBe(false);
      expect(log()).toMatch(/"reason":"new\.json changed"/);
      expect(log()).not.toMatch(/"reason":"old\.json changed"/);
    } finally {
      store.close();
    }
  });

  it("reloads a saved wording file of the site's wording folder", async () => {
    const folder = siteFolder({ 'site.yaml': 'wording:\n  dir: wording\n' });
    cpSync(PATHS.wording, join(folder, 'wording'), {
      recursive: true,
    });
    const { store, log } = watchedStore(folder);
    const summary = () => store.current().wording.en?.rules['emd-soft-tissue'].summary;
    try {
      const en = join(folder, 'wording', 'en.yaml');
      writeFileSync(
        en,
        readFileSync(en, 'utf8').replace(
          'poor prognosis, worse than paraskeletal disease',
          'poor prognosis (discuss at the myeloma MDT)',
        ),
      );
      await waitFor(() => summary()?.includes('discuss at the myeloma MDT') ?? false, 'the save');
      expect(log()).toContain('wording file changed: reloading once it has stayed unchanged');
      expect(log()).toMatch(/"reason":"en\.yaml changed".*"msg":"configuration reloaded"/);
    } finally {
      store.close();
    }
  });

  it('reloads nothing when an unrelated file beside the named files changes', async () => {
    const folder = siteFolder({
      'site.yaml': configNaming(['plasmacytoma.json']),
      'plasmacytoma.json': siteValueSet(['PLASMA-EM']),
    });
    const { store, log, reloads } = watchedStore(folder, 'debug');
    try {
      writeFileSync(join(folder, 'notes.json'), siteValueSet(['PLASMA-EM', 'PLASMA-EM2']));
      await waitFor(
        () => /value set folder changed, the value set file did not/.test(log()) || reloads() > 0,
        'the change to be seen',
      );
      await pause(QUIET_MS * 2);
      expect(reloads()).toBe(0);
    } finally {
      store.close();
    }
  });
});
