/**
 * H149: a code read through its layout: blanks inside it, its display glued on after a blank,
 * a Chinese full stop, a middle dot between digits or a comma in ICD-10's place for its dot; a
 * SNOMED CT id padded with zeros. Expectations typed by hand
 * from the code systems' own forms (rules page §5), not computed.
 */
import { describe, expect, it } from 'vitest';
import { codeRead, readingOf, snomedIdUnpadded } from '../../src/rules/code-spelling.js';
import { defaultRuleSettings, SYSTEM } from './fixtures.js';

const terminology = defaultRuleSettings.terminology;

/** As sent → as read. */
const READ: [string, string][] = [
  ['C90. 20', 'C90.20'],
  ['C90 .20', 'C90.20'],
  ['C90 20', 'C9020'],
  ['9734 /3', '9734/3'],
  ['24590 -2', '24590-2'],
  ['C90。20', 'C90.20'],
  ['C90｡20', 'C90.20'],
  ['C90.20 Extramedullary plasmacytoma', 'C90.20'],
  ['C90.20 - Extramedullary plasmacytoma', 'C90.20'],
  ['C90.20 \u2013 Extramedullary plasmacytoma', 'C90.20'],
  ['C90.20 髓外浆细胞瘤', 'C90.20'],
  ['24590-2 MR Brain', '24590-2'],
  ['C90·20', 'C90.20'],
  ['Ｃ９０·２０', 'C90.20'],
  ['C90,20', 'C90.20'],
  ['C90，20', 'C90.20'],
  ['C44,5', 'C44.5'],
  ['C90,20 - Extramedullary plasmacytoma', 'C90.20'],
];

/**
 * Read as sent (trimmed): two codes in one field, DICOM's words, a SNOMED CT expression's
 * term and refinement (./snomed-expressions.test.ts reads those), a code with no digit.
 */
const AS_SENT = [
  'C90.20 C90.22',
  'PT CT',
  '1231004 |Meninges structure|',
  '1231004 : 272741003 = 7771000',
  'C90.20 (history)',
  // A comma that may join two codes, or stands where no dot goes; a middle dot between letters.
  'C90.00,C90.20',
  '9734,3',
  'C90, 20',
  'C7A,0',
  'C90,2,0',
  'l·l',
  'C90·',
];

describe('a code read through its layout (H149)', () => {
  for (const [sent, read] of READ)
    it(`reads ${JSON.stringify(sent)} as ${read}`, () => {
      expect(readingOf(sent)?.read).toBe(read);
      expect(codeRead(sent)).toBe(read);
    });

  for (const sent of AS_SENT)
    it(`reads ${JSON.stringify(sent)} as itself`, () => {
      expect(readingOf(sent)?.read ?? sent).toBe(sent);
    });

  it('names what was taken away', () => {
    expect(readingOf('C90. 20')?.how).toBe('blanks inside it removed');
    expect(readingOf('C90。20')?.how).toBe('a Chinese full stop read as its dot');
    expect(readingOf('C90·20')?.how).toBe('a middle dot read as its dot');
    expect(readingOf('C90,20')?.how).toBe(
      'a comma read as its dot, as European decimals are written (no code of this shape holds one)',
    );
    expect(readingOf('C90.20 Extramedullary plasmacytoma')?.how).toBe(
      'the words after it ("Extramedullary plasmacytoma") left out: they belong in Coding.display',
    );
  });

  it('matches the value sets through the reading (C90.20, C90.00 in ICD-10-CM; 9734/3)', () => {
    const emp = (system: string, code: string) =>
      terminology.holds('extramedullaryPlasmacytoma', { system, code });
    expect(emp(SYSTEM.icd10cm, 'C90. 20')).toBe(true);
    expect(emp(SYSTEM.icd10cm, 'C90.20 - Extramedullary plasmacytoma')).toBe(true);
    expect(emp(SYSTEM.icdo3, '9734 /3')).toBe(true);
    expect(terminology.holds('multipleMyeloma', { system: SYSTEM.icd10cm, code: 'C90。00' })).toBe(
      true,
    );
    expect(emp(SYSTEM.icd10cm, 'C90·20')).toBe(true);
    expect(emp(SYSTEM.icd10cm, 'C90,20')).toBe(true);
    expect(emp(SYSTEM.icd10cm, 'C90.00,C90.20')).toBe(false);
  });
});

describe('a SNOMED CT id padded with zeros (H149)', () => {
  it('is read without them, and matches', () => {
    expect(snomedIdUnpadded('000000000109989006')?.read).toBe('109989006');
    expect(
      terminology.holds('multipleMyeloma', { system: SYSTEM.snomed, code: '0109989006' }),
    ).toBe(true);
  });

  it('leaves any other code alone', () => {
    for (const code of ['109989006', '0', '00', 'C90.00', '0A12'])
      expect(snomedIdUnpadded(code)).toBeUndefined();
  });

  it('is read so in SNOMED CT only', () => {
    expect(terminology.holds('multipleMyeloma', { system: SYSTEM.icdo3, code: '09732/3' })).toBe(
      false,
    );
  });
});
