/**
 * The watched config file is reloaded only once it has settled, and whatever way it changed
 * (docs/configuring.md, "Reloading, and the config hash"): a file written in two goes is put
 * in force whole, never its first half (session 33's probe); a Kubernetes ConfigMap update,
 * which swaps the `..data` link beside the file, is reloaded; a neighbour's change is not.
 * Real files in a temporary folder, the real fs.watch.
 */
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { SettingsStore } from '../../src/config/settings-store.js';
import { capturingLogger } from '../support/logs.js';
import { pause, waitFor } from './wait-for.js';

/** configuring.md §2a: the site's value set, which includes the shipped one and adds a code. */
const SITE_VALUE_SET_URL = 'http://hospital.example.org/fhir/ValueSet/extramedullary-plasmacytoma';
const siteValueSet = (title: string) =>
  JSON.stringify({
    resourceType: 'ValueSet',
    url: SITE_VALUE_SET_URL,
    version: '2026-11-01',
    name: 'HospitalExtramedullaryPlasmacytoma',
    title,
    status: 'active',
    compose: {
      include: [
        { valueSet: ['https://fhir.emd-cds.org/ValueSet/extramedullary-plasmacytoma'] },
        {
          system: 'http://hospital.example.org/fhir/CodeSystem/problems',
          concept: [{ code: 'PLASMA-EM', display: 'Extramedullary plasmacytoma' }],
        },
      ],
    },
  });
const TITLE = 'Extramedullary plasmacytoma (shipped codes plus local problem-list codes)';

/** A site config whose first four lines are valid on their own, without the value sets. */
const siteConfig = (lookbackDays: number) =>
  `imaging:\n  lookbackDays: ${lookbackDays}\nlinks:\n  pathway: https://intranet.hospital.example/pathways/myeloma\n` +
  `valueSets:\n  files: [value-sets]\n  roles:\n    extramedullaryPlasmacytoma: ${SITE_VALUE_SET_URL}\n`;

/** A folder holding `files` (path → text), made under a fresh temporary folder. */
function folderWith(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'emd-cds-settle-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

function storeOn(file: string, level = 'info') {
  const { logger, log } = capturingLogger(level);
  const store = new SettingsStore(() => buildSettings(readConfigFile(file), { file }), logger);
  const reloads = () => log().match(/"msg":"configuration reloaded"/g)?.length ?? 0;
  return { store, log, reloads };
}

const served = (store: SettingsStore) => ({
  lookbackDays: store.current().rules.imagingLookbackDays,
  siteValueSet: store.current().source.valueSetNames[SITE_VALUE_SET_URL],
});

describe('reloading a watched config file once it has settled', () => {
  it('puts a file rewritten in two writes in force whole, and never its first half', async () => {
    const folder = folderWith({
      'site.yaml': siteConfig(180),
      'value-sets/extramedullary-plasmacytoma.json': siteValueSet(TITLE),
    });
    const file = join(folder, 'site.yaml');
    const { store, log, reloads } = storeOn(file);
    store.watchFile(file); // the quiet period a node runs with (2 s)
    try {
      const whole = siteConfig(365);
      const firstFourLines = whole.split('\n').slice(0, 4).join('\n') + '\n';
      writeFileSync(file, firstFourLines); // valid alone: no valueSets section
      // What the store serves while the writer pauses, shorter than the quiet period.
      const between: ReturnType<typeof served>[] = [];
      for (let i = 0; i < 16; i += 1) {
        await pause(50);
        between.push(served(store));
      }
      appendFileSync(file, whole.slice(firstFourLines.length));
      await waitFor(() => served(store).lookbackDays === 365, 'the whole file in force');

      expect(new Set(between.map((s) => JSON.stringify(s)))).toEqual(
        new Set([JSON.stringify({ lookbackDays: 180, siteValueSet: TITLE })]),
      );
      expect(served(store)).toEqual({ lookbackDays: 365, siteValueSet: TITLE });
      expect(reloads()).toBe(1);
      expect(log()).toContain(
        'config file still changing (a write in progress?): waiting until it has stayed unchanged for 2000 ms before reloading',
      );
    } finally {
      store.close();
    }
  });

  it('reloads a Kubernetes ConfigMap update, which swaps the ..data link beside the file', async () => {
    // As the kubelet mounts a ConfigMap: each key a link through ..data to a timestamped folder.
    const folder = folderWith({
      '..2026_a/site.yaml': siteConfig(180),
      '..2026_a/value-sets/extramedullary-plasmacytoma.json': siteValueSet(TITLE),
    });
    symlinkSync('..2026_a', join(folder, '..data'));
    symlinkSync('..data/site.yaml', join(folder, 'site.yaml'));
    symlinkSync('..data/value-sets', join(folder, 'value-sets'));
    const file = join(folder, 'site.yaml');
    const { store, log } = storeOn(file);
    store.watchFile(file, { quietMs: 200 });
    try {
      const before = store.current().configHash;
      const update = (name: string, lookbackDays: number, title: string) => {
        mkdirSync(join(folder, name, 'value-sets'), { recursive: true });
        writeFileSync(join(folder, name, 'site.yaml'), siteConfig(lookbackDays));
        writeFileSync(
          join(folder, name, 'value-sets', 'extramedullary-plasmacytoma.json'),
          siteValueSet(title),
        );
        symlinkSync(name, join(folder, '..data_tmp'));
        renameSync(join(folder, '..data_tmp'), join(folder, '..data'));
      };

      update('..2026_b', 365, TITLE);
      rmSync(join(folder, '..2026_a'), { recursive: true }); // the kubelet removes the old one
      await waitFor(() => served(store).lookbackDays === 365, 'the update in force');
      expect(store.current().configHash).not.toBe(before);
      // The hash `validate` prints for the files now mounted (configuring.md §1).
      expect(store.current().configHash).toBe(
        buildSettings(readConfigFile(file), { file }).configHash,
      );
      // The value set mounted beside it moved with it: the one reload names both files.
      expect(log()).toMatch(
        /"reason":"[^"]*site\.yaml[^"]* changed".*"msg":"configuration reloaded"/,
      );
      expect(log().match(/"msg":"configuration reloaded"/g)).toHaveLength(1);

      // An update that changes only a value set mounted beside the config is reloaded too:
      // the config's links now lead to a new folder.
      update('..2026_c', 365, 'Plasmacytoma, with our problem-list codes');
      await waitFor(
        () => served(store).siteValueSet === 'Plasmacytoma, with our problem-list codes',
        'the value set update in force',
      );
    } finally {
      store.close();
    }
  });

  it('does not reload when another file in the folder changes, and does when the file is saved unchanged', async () => {
    const text = 'imaging:\n  lookbackDays: 180\n';
    const folder = folderWith({ 'site.yaml': text });
    const file = join(folder, 'site.yaml');
    const { store, log, reloads } = storeOn(file, 'debug');
    store.watchFile(file, { quietMs: 200 });
    try {
      writeFileSync(join(folder, 'notes.txt'), 'not the config');
      await waitFor(
        () => /config folder changed, the config file did not/.test(log()) || reloads() > 0,
        'the change to be seen',
      );
      expect(reloads()).toBe(0);

      // Saved again as it was: the documented way to reload a value set file beside it.
      writeFileSync(file, text);
      await waitFor(() => reloads() > 0, 'the reload of the saved file');
      expect(served(store).lookbackDays).toBe(180);
    } finally {
      store.close();
    }
  });

  it('reloads a file saved by rename once the quiet period has passed', async () => {
    const folder = folderWith({ 'site.yaml': 'imaging:\n  lookbackDays: 180\n' });
    const file = join(folder, 'site.yaml');
    const { store, log } = storeOn(file);
    store.watchFile(file, { quietMs: 1000 });
    try {
      writeFileSync(`${file}.tmp`, 'imaging:\n  lookbackDays: 365\n');
      const renamedAt = performance.now();
      renameSync(`${file}.tmp`, file);
      await waitFor(() => served(store).lookbackDays === 365, 'the reload after a save');
      // A lower bound only (a timer never fires early by more than a rounding).
      expect(performance.now() - renamedAt).toBeGreaterThanOrEqual(1000 - 5);
      expect(log()).toContain(
        'config file changed: reloading once it has stayed unchanged for 1000 ms',
      );
      expect(log()).not.toContain('still changing');
    } finally {
      store.close();
    }
  });

  it('reloads a config file that is a link to another folder when the target is edited', async () => {
    const target = folderWith({ 'emd-cds.yaml': 'imaging:\n  lookbackDays: 180\n' });
    const folder = folderWith({});
    const file = join(folder, 'site.yaml');
    symlinkSync(join(target, 'emd-cds.yaml'), file);
    const { store } = storeOn(file);
    store.watchFile(file, { quietMs: 200 });
    try {
      writeFileSync(join(target, 'emd-cds.yaml'), 'imaging:\n  lookbackDays: 365\n');
      await waitFor(() => served(store).lookbackDays === 365, 'the edit in force');
    } finally {
      store.close();
    }
  });

  it('does not reload again a change SIGHUP already put in force while the watcher waited', async () => {
    const folder = folderWith({ 'site.yaml': 'imaging:\n  lookbackDays: 180\n' });
    const file = join(folder, 'site.yaml');
    const { store, log, reloads } = storeOn(file, 'debug');
    store.watchFile(file, { quietMs: 200 });
    try {
      writeFileSync(file, 'imaging:\n  lookbackDays: 365\n');
      expect(store.reload('SIGHUP')).toBe(true);
      await waitFor(
        () => /the config file did not|settled as it was last read/.test(log()) || reloads() > 1,
        'the watcher to see the change',
      );
      expect(reloads()).toBe(1);
      expect(log()).toMatch(/"reason":"SIGHUP"/);
    } finally {
      store.close();
    }
  });

  it('does not put in force a file that changed while it was being read, and reloads it whole', async () => {
    const folder = folderWith({ 'site.yaml': 'imaging:\n  lookbackDays: 180\n' });
    const file = join(folder, 'site.yaml');
    const { logger, log } = capturingLogger();
    let loads = 0;
    // The writer resumes during the first load after the change, as it might on a slow disk.
    const store = new SettingsStore(() => {
      loads += 1;
      const settings = buildSettings(readConfigFile(file), { file });
      if (loads === 2) appendFileSync(file, 'phase:\n  windowDays: 30\n');
      return settings;
    }, logger);
    store.watchFile(file, { quietMs: 200 });
    try {
      writeFileSync(file, 'imaging:\n  lookbackDays: 365\n');
      await waitFor(() => store.current().rules.phaseWindowDays === 30, 'the whole file');
      expect(store.current().rules.imagingLookbackDays).toBe(365);
      expect(log()).toContain(
        'config file changed while it was read: not reloaded; waiting for it to settle again',
      );
      expect(log().match(/"msg":"configuration reloaded"/g)).toHaveLength(1);
    } finally {
      store.close();
    }
  });
});
