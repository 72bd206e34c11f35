/**
 * A file a site writes must be UTF-8 (docs/configuring.md §1). Saved as UTF-16 (Notepad's
 * "Unicode") or, for Chinese wording, as GBK, it would be read as garbage: a config file that
 * YAML takes for one long string, a zh-CN wording file whose cards show mojibake. Each is
 * refused naming the file and how it was saved; a UTF-8 byte order mark, which Notepad adds, is
 * read as if it were not there (RFC 8259 §8.1), and so are CRLF line ends, positions included.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readIssuersFile } from '../../src/auth/auth-settings.js';
import { readConfigFile } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { PATHS } from '../../src/config/project-paths.js';
import { configProblems } from './config-problems.js';
import { removeScratch, scratch } from '../backtest/run-cli.js';

afterAll(removeScratch);

const SAVE = 'save it as UTF-8 (in most editors: "Save with encoding", "UTF-8")';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const utf16le = (text: string, bom: boolean) =>
  Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')]);

const CONFIG = 'phase:\n  windowDays: 120\n';
const VALUE_SET = JSON.stringify({
  resourceType: 'ValueSet',
  url: 'http://hospital.example.org/fhir/ValueSet/problems',
  status: 'active',
  compose: { include: [{ system: 'http://snomed.info/sct', concept: [{ code: '10200004' }] }] },
});

/** A site folder: site.yaml holding `config`, and value-sets/problems.json holding `valueSet`. */
function site(config: Buffer | string, valueSet: Buffer | string = VALUE_SET) {
  const dir = scratch('emd-cds-encoding-');
  mkdirSync(join(dir, 'value-sets'));
  const file = join(dir, 'site.yaml');
  writeFileSync(file, config);
  writeFileSync(join(dir, 'value-sets', 'problems.json'), valueSet);
  return { file, dir, valueSet: join(dir, 'value-sets', 'problems.json') };
}
const withValueSets = `valueSets:\n  files: [value-sets]\n`;
const hashOf = (file: string) => buildSettings(readConfigFile(file), { file }).configHash;

describe('a file saved as UTF-16', () => {
  it('is refused, saying so: the config file, with and without a byte order mark', () => {
    const marked = site(utf16le(CONFIG, true)).file;
    expect(configProblems(marked)).toEqual([
      `${marked}: is saved as UTF-16 (little-endian, with a byte order mark): ${SAVE}`,
    ]);
    const bare = site(utf16le(CONFIG, false)).file;
    expect(configProblems(bare)).toEqual([
      `${bare}: is saved as UTF-16, or is not a text file (it holds zero bytes): ${SAVE}`,
    ]);
  });

  it('is refused, saying so: a value set file', () => {
    const { file, valueSet } = site(withValueSets, utf16le(VALUE_SET, true));
    expect(configProblems(file)[0]).toBe(
      `${valueSet}: is saved as UTF-16 (little-endian, with a byte order mark): ${SAVE}`,
    );
  });

  it('is refused, saying so: the issuers file', () => {
    const file = join(scratch('emd-cds-encoding-issuers-'), 'issuers.json');
    writeFileSync(file, utf16le('[]', true));
    expect(() => readIssuersFile(file)).toThrow(
      `${file}: is saved as UTF-16 (little-endian, with a byte order mark): ${SAVE}`,
    );
  });
});

describe('a Chinese wording file saved as GBK', () => {
  it('is refused at the first character that is not UTF-8, not shown on cards as garbage', () => {
    const dir = scratch('emd-cds-encoding-gbk-');
    cpSync(PATHS.wording, join(dir, 'wording'), { recursive: true });
    const zh = join(dir, 'wording', 'zh-CN.yaml');
    // "locale: zh-CN" then 软 (GBK C8 ED) on line 2, column 10 after "summary: ".
    writeFileSync(
      zh,
      Buffer.concat([
        Buffer.from('locale: zh-CN\nsummary: '),
        Buffer.from([0xc8, 0xed]),
        Buffer.from('\n'),
      ]),
    );
    writeFileSync(join(dir, 'site.yaml'), 'wording:\n  dir: wording\n');
    expect(configProblems(join(dir, 'site.yaml'))).toContain(
      `${zh}:2:10 is not UTF-8 (saved as GBK, GB 2312, Latin-1 or another encoding?): ${SAVE}`,
    );
  });
});

describe('a UTF-8 byte order mark and CRLF line ends', () => {
  it('give the same configuration as the plain file: config file and value set', () => {
    const plain = site(withValueSets).file;
    const marked = site(
      Buffer.concat([BOM, Buffer.from(withValueSets)]),
      Buffer.concat([BOM, Buffer.from(VALUE_SET)]),
    ).file;
    const crlf = site(withValueSets.replaceAll('\n', '\r\n')).file;
    expect(hashOf(marked)).toBe(hashOf(plain));
    expect(hashOf(crlf)).toBe(hashOf(plain));
  });

  it('keep the positions a problem is named at: line 2, column 15 either way', () => {
    const bad = 'phase:\n  windowDays: many\n';
    for (const text of [Buffer.concat([BOM, Buffer.from(bad)]), bad.replaceAll('\n', '\r\n')]) {
      const { file } = site(text);
      expect(configProblems(file)[0]).toMatch(
        new RegExp(`^${file.replaceAll('.', '\\.')}:2:15 phase\\.windowDays: `),
      );
    }
  });

  it('is read in the issuers file too', () => {
    const file = join(scratch('emd-cds-encoding-issuers-bom-'), 'issuers.json');
    writeFileSync(file, Buffer.concat([BOM, Buffer.from('[]')]));
    expect(readIssuersFile(file)).toEqual([]);
  });
});
