/**
 * A site fixes its files in one round (docs/configuring.md §1): every problem one run can find
 * is reported at once, each as `file:line:col path: message`, wording files included, and a
 * message that leaves checks for later says so. The fixtures are in
 * test/fixtures/config-problems/; the positions below are read off those files.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText, readConfigFile } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { runCli } from '../backtest/run-cli.js';

const FIXTURES = 'test/fixtures/config-problems';
const ONE_ROUND = `${FIXTURES}/one-round.yaml`;
const DATA_FILES = `${FIXTURES}/data-files/site.yaml`;
/** Value set and wording paths are resolved from the config file's folder: absolute. */
const DATA_DIR = join(PROJECT_ROOT, FIXTURES, 'data-files');
const CLI_TIMEOUT_MS = 60_000;

function problemOf(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect((error as Error).name).toBe('ConfigError');
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('the config file', () => {
  it('names its schema problems, an unacknowledged critical rule and a missing folder in one run', () => {
    expect(problemOf(() => readConfigFile(ONE_ROUND))).toBe(
      [
        // In line order, as the file reads, whatever order the checks find them in.
        `${ONE_ROUND}:3:15 phase.windowDays: a whole number of days, digits only (not the text "ninety")`,
        `${ONE_ROUND}:6:16 rules.emd-soft-tissue.indicator: Invalid option: expected one of "info"|"warning"|"critical"`,
        `${ONE_ROUND}:8:5 rules.emd-cns.acknowledgement: emd-cns is a critical rule: switching it off or lowering it needs an acknowledgement (who decided it and why)`,
        `${ONE_ROUND}:10:11 valueSets.files.0: not found (${join(PROJECT_ROOT, FIXTURES, 'no-such-folder')})`,
        '(more checks follow once these are fixed: the value set and wording files and the value set roles)',
      ].join('\n'),
    );
  });

  it('whose YAML does not parse says that the keys and the files are checked once it does', () => {
    expect(
      problemOf(() => parseConfigText('phase:\n  windowDays: 120\n imaging:\n', 'site.yaml')),
    ).toBe(
      [
        'site.yaml:3:1 All mapping items must start at the same column',
        '(more checks follow once these are fixed: the keys and values, then the value set and wording files and the value set roles)',
      ].join('\n'),
    );
  });
});

/** What the value set and wording files of data-files/ hold, in the order they are read. */
const DATA_FILE_PROBLEMS = [
  `${DATA_DIR}/value-sets/broken.json:5:1 Expected double-quoted property name`,
  `${DATA_DIR}/value-sets/no-code.json:9:46 compose.include[0].concept[1] has no code (display "Extramedullary plasmacytoma, breast")`,
  `${DATA_DIR}/wording/en.yaml:15:3 suggestionLabels.orderPetCt: is missing: a string is required here`,
  `${DATA_DIR}/wording/en.yaml:16:3 suggestionLabels.orderPETCT: Unrecognized key: "orderPETCT"; did you mean "orderPetCt"?`,
  `${DATA_DIR}/wording/en.yaml:38:5 rules.emd-soft-tissue.summary: is missing: a string is required here`,
  `${DATA_DIR}/wording/en.yaml:38:5 rules.emd-soft-tissue.sumary: Unrecognized key: "sumary"; did you mean "summary"?`,
  `${DATA_DIR}/wording/fr.yaml:36:13 rules.emd-cns.detail: unknown variable "patientName"`,
  `(more checks follow once these are fixed: the templates of ${DATA_DIR}/wording/en.yaml; which value set plays each role (valueSets.roles))`,
].join('\n');

describe('the value set and wording files a valid config file names', () => {
  it('are all read before any is refused: a syntax error, a concept without a code, key typos in one wording file and an unknown variable in another', () => {
    expect(problemOf(() => buildSettings(readConfigFile(DATA_FILES), { file: DATA_FILES }))).toBe(
      DATA_FILE_PROBLEMS,
    );
  });

  it(
    'are reported so by validate, one line each, with exit status 1',
    async () => {
      const run = await runCli(['validate', DATA_FILES]);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`${DATA_FILE_PROBLEMS}\n`);
    },
    CLI_TIMEOUT_MS,
  );
});

describe('the value set roles', () => {
  it('are checked in the same run as the wording when the value sets are right', () => {
    const file = `${FIXTURES}/roles/site.yaml`;
    expect(problemOf(() => buildSettings(readConfigFile(file), { file }))).toBe(
      [
        `${DATA_DIR}/wording/en.yaml:15:3 suggestionLabels.orderPetCt: is missing: a string is required here`,
        `${DATA_DIR}/wording/en.yaml:16:3 suggestionLabels.orderPETCT: Unrecognized key: "orderPETCT"; did you mean "orderPetCt"?`,
        `${DATA_DIR}/wording/en.yaml:38:5 rules.emd-soft-tissue.summary: is missing: a string is required here`,
        `${DATA_DIR}/wording/en.yaml:38:5 rules.emd-soft-tissue.sumary: Unrecognized key: "sumary"; did you mean "summary"?`,
        `${DATA_DIR}/wording/fr.yaml:36:13 rules.emd-cns.detail: unknown variable "patientName"`,
        // At the url in the config file (its line 4: four spaces, the role, ": ").
        `${file}:4:26 valueSets.roles.siteSoftTissueOrgan: ValueSet http://hospital.example.org/fhir/ValueSet/not-loaded is not loaded: no value set file defines this url (the shipped ones, or those in valueSets.files); check the url for a typo, or add the file that defines it to valueSets.files`,
        `(more checks follow once these are fixed: the templates of ${DATA_DIR}/wording/en.yaml)`,
      ].join('\n'),
    );
  });
});
