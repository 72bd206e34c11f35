/**
 * `statusWords.notAbated` (docs/configuring.md "Status words", clinical-safety.md H96): a
 * site's own word is read, shown in GET /admin/config's view as compared, and carried by a
 * reload; an empty word is refused by the schema and by `emd-cds validate`, naming where.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfigFile } from '../../src/config/config-file.js';
import { configSchema } from '../../src/config/config-schema.js';
import { configView } from '../../src/config/config-view.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { SettingsStore } from '../../src/config/settings-store.js';
import { readAbatement } from '../../src/rules/abatement.js';
import { removeScratch, runCli, scratch } from '../backtest/run-cli.js';
import { capturingLogger } from '../support/logs.js';

const CLI_TIMEOUT_MS = 60_000;
const NOW = new Date('2026-11-01T00:00:00Z');
afterAll(removeScratch);

function siteFile(yaml: string): string {
  const file = join(scratch('emd-cds-not-abated-'), 'site.yaml');
  writeFileSync(file, yaml);
  return file;
}
const ongoingAs = (abatementString: string): fhir4.Condition => ({
  resourceType: 'Condition',
  subject: { reference: 'Patient/p1' },
  abatementString,
});

describe('statusWords.notAbated', () => {
  it("reads a site's own word, and shows it as compared", () => {
    const config = configSchema.parse({ statusWords: { notAbated: ['Still under Treatment'] } });
    const settings = buildSettings(config, { file: undefined });
    const read = readAbatement(
      ongoingAs('still under treatment.'),
      settings.rules.statusWords,
      NOW,
    );
    expect(read.abatement).toBeUndefined();
    const view = configView(settings, { allowedFhirServers: [], restartNeededFor: [] });
    expect(view.statusWords.notAbated).toEqual(['still under treatment']);
  });

  it('ships English and Simplified Chinese words, shown in the view (H96 names them)', () => {
    const settings = buildSettings(configSchema.parse({}), { file: undefined });
    const view = configView(settings, { allowedFhirServers: [], restartNeededFor: [] });
    expect(view.statusWords.notAbated).toEqual(
      expect.arrayContaining(['ongoing', 'not resolved', 'n/a', 'unknown', '持续', '未缓解']),
    );
  });

  for (const empty of ['', '   '])
    it(`refuses an empty word (${JSON.stringify(empty)}), naming where it is`, () => {
      const parsed = configSchema.safeParse({ statusWords: { notAbated: ['ongoing', empty] } });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path)).toEqual([['statusWords', 'notAbated', 1]]);
    });

  it('is carried by a reload, to the rules and to what the timeline and backtest compile', () => {
    const file = siteFile('statusWords:\n  notAbated: [ongoing]\n');
    const { logger } = capturingLogger();
    const store = new SettingsStore(() => buildSettings(readConfigFile(file), { file }), logger);
    expect([...store.current().rules.statusWords.notAbated]).toEqual(['ongoing']);
    writeFileSync(file, 'statusWords:\n  notAbated: [ongoing, 持续存在]\n');
    expect(store.reload('SIGHUP')).toBe(true);
    expect([...store.current().rules.statusWords.notAbated]).toEqual(['ongoing', '持续存在']);
    expect(store.current().classification.statusWords?.notAbated).toEqual(['ongoing', '持续存在']);
  });
});

describe('emd-cds validate on statusWords.notAbated', () => {
  it(
    "accepts a site's words",
    async () => {
      const run = await runCli([
        'validate',
        siteFile('statusWords:\n  notAbated: [ongoing, 持续]\n'),
      ]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'refuses an empty word, naming the file, the line and the key',
    async () => {
      const file = siteFile("statusWords:\n  notAbated:\n    - ongoing\n    - ''\n");
      const run = await runCli(['validate', file]);
      expect(run.status).toBe(1);
      // Config problems name an array item as the other keys' do (valueSets.files.1).
      expect(run.stderr.split('\n')[0]).toBe(
        `${file}:4:7 statusWords.notAbated.1: Too small: expected string to have >=1 characters`,
      );
    },
    CLI_TIMEOUT_MS,
  );
});
