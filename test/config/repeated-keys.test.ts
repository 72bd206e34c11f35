/**
 * A key given twice in one object of a file a site edits by hand. JSON.parse keeps the last copy
 * and drops the others without a word (RFC 8259 §4 leaves it to the reader), so a value set with
 * two "compose" keys, or a concept with two "code" keys, would be half ignored: it is refused at
 * load and by `emd-cds validate`, each copy after the first at its file:line:col with the first
 * (docs/configuring.md §1). The issuers file (docs/security.md §4.2) is refused the same way. The
 * YAML files (the config file, a wording file) are refused by the YAML parser at the second copy
 * (`Map keys must be unique`). Positions are counted off the texts below by hand.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readIssuersFile } from '../../src/auth/auth-settings.js';
import { readConfigFile } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { PATHS } from '../../src/config/project-paths.js';
import { repeatedKeyProblems } from '../../src/repeated-keys.js';
import { configProblems } from './config-problems.js';
import { removeScratch, runCli, scratch } from '../backtest/run-cli.js';

const CLI_TIMEOUT_MS = 60_000;
afterAll(removeScratch);

/** Two "code" keys in one concept (line 8) and two "compose" keys (lines 5 and 11). */
const REPEATED = `{
  "resourceType": "ValueSet",
  "url": "http://hospital.example.org/fhir/ValueSet/problems",
  "status": "active",
  "compose": {
    "include": [{
      "system": "http://hospital.example.org/fhir/CodeSystem/problems",
      "concept": [{ "code": "PLASMA-EM", "code": "PLASMA-XM" }]
    }]
  },
  "compose": { "exclude": [] }
}
`;

const KEPT_LAST =
  'a JSON reader keeps only the last copy and ignores the other without a word; merge the two into one';

/** What the message adds to the YAML parser's words. */
const KEEP_ONE = ': this key is given a second time here; keep one, with every setting under it';

function site(valueSet: string): { config: string; file: string } {
  const dir = scratch('emd-cds-repeated-keys-');
  mkdirSync(join(dir, 'value-sets'));
  const file = join(dir, 'value-sets', 'problems.json');
  writeFileSync(file, valueSet);
  writeFileSync(join(dir, 'site.yaml'), 'valueSets:\n  files: [value-sets]\n');
  return { config: join(dir, 'site.yaml'), file };
}

const expectedFor = (file: string) => [
  `${file}:8:42 compose.include[0].concept[0].code is given twice in one object (first at ${file}:8:21): ${KEPT_LAST}`,
  `${file}:11:3 compose is given twice in one object (first at ${file}:5:3): ${KEPT_LAST}`,
  '(more checks follow once these are fixed: which value set plays each role (valueSets.roles))',
];

describe('a value set file with a key given twice in one object', () => {
  it('is refused, naming every repeated key at its line and column, with the first', () => {
    const { config, file } = site(REPEATED);
    expect(configProblems(config)).toEqual(expectedFor(file));
  });

  it(
    'is refused by validate, with exit status 1',
    async () => {
      const { config, file } = site(REPEATED);
      const run = await runCli(['validate', config]);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`${expectedFor(file).join('\n')}\n`);
    },
    CLI_TIMEOUT_MS,
  );

  it('is read when each object has its keys once, the same key in two objects included', () => {
    const { config } = site(
      REPEATED.replace('"code": "PLASMA-XM"', '"display": "Plasmacytoma"')
        .replace('"concept": [{', '"concept": [{ "code": "PLASMA-XM" }, {')
        .replace('  "compose": { "exclude": [] }\n', '  "name": "Problems"\n'),
    );
    expect(() => buildSettings(readConfigFile(config), { file: config })).not.toThrow();
  });
});

/**
 * Strings that hold quotes, backslashes and colons: a repeat beside them is still found (the
 * check counts a file's keys before it places them, and a string read wrongly would hide one).
 */
describe('a key given twice beside strings that look like keys', () => {
  /** As the readers call it: the text, and the value JSON.parse made of it. */
  const problemsIn = (text: string) => repeatedKeyProblems('f.json', text, JSON.parse(text));

  it('is found after a key ending in an escaped backslash', () => {
    // {"a\\": 1, "b": 1, "b": 2}: the second "b" at column 20, the first at column 12.
    expect(problemsIn('{"a\\\\": 1, "b": 1, "b": 2}')).toEqual([
      `f.json:1:20 b is given twice in one object (first at f.json:1:12): ${KEPT_LAST}`,
    ]);
  });

  it('is found after a value holding an escaped quote and a colon', () => {
    // {"v": "\"c\": 1", "b": 1, "b": 2}: the second "b" at column 27, the first at column 19.
    expect(problemsIn('{"v": "\\"c\\": 1", "b": 1, "b": 2}')).toEqual([
      `f.json:1:27 b is given twice in one object (first at f.json:1:19): ${KEPT_LAST}`,
    ]);
  });

  it('is found in an object inside an array', () => {
    expect(problemsIn('[{"a": 1}, {"a": 1, "a": 2}]')).toEqual([
      `f.json:1:21 [1].a is given twice in one object (first at f.json:1:13): ${KEPT_LAST}`,
    ]);
  });

  it('is not found where each object has its keys once, whatever its strings hold', () => {
    expect(problemsIn('{"a": "\\"a\\": 1", "b": {"a": ":"}}')).toEqual([]);
  });
});

describe('a YAML file with a key given twice', () => {
  it('is refused at the second copy: the config file', () => {
    const dir = scratch('emd-cds-repeated-yaml-');
    const config = join(dir, 'site.yaml');
    writeFileSync(
      config,
      'phase:\n  windowDays: 120\nimaging:\n  lookbackDays: 365\nphase:\n  windowDays: 90\n',
    );
    expect(configProblems(config)[0]).toBe(`${config}:5:1 Map keys must be unique${KEEP_ONE}`);
  });

  it('is refused at the second copy: a wording file', () => {
    const dir = scratch('emd-cds-repeated-wording-');
    cpSync(PATHS.wording, join(dir, 'wording'), { recursive: true });
    const en = join(dir, 'wording', 'en.yaml');
    // A second `locale:` key at the end of the file, at column 1 of its last line.
    const text = readFileSync(en, 'utf8');
    writeFileSync(en, `${text}locale: en\n`);
    const lastLine = text.split('\n').length;
    writeFileSync(join(dir, 'site.yaml'), 'wording:\n  dir: wording\n');
    expect(configProblems(join(dir, 'site.yaml'))[0]).toBe(
      `${en}:${String(lastLine)}:1 Map keys must be unique${KEEP_ONE}`,
    );
  });
});

describe('an issuers file with a key given twice in one entry', () => {
  it('is refused, naming the key at its line and column: the first copy is not silently dropped', () => {
    const dir = scratch('emd-cds-repeated-issuers-');
    const file = join(dir, 'issuers.json');
    writeFileSync(
      file,
      '[\n  {\n    "iss": "https://ehr.hospital.example",\n    "jku": ["https://ehr.hospital.example/jwks.json"],\n    "jku": ["https://attacker.example/jwks.json"]\n  }\n]\n',
    );
    expect(() => readIssuersFile(file)).toThrow(
      `${file}:5:5 [0].jku is given twice in one object (first at ${file}:4:5): ${KEPT_LAST}`,
    );
  });
});
