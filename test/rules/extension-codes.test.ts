/**
 * H109: a national or local extension of a value-set code, sent under the standard system's
 * URI, is named in the explain trace. Rules page §2: a code matches by system + code, so
 * `C90.000` or `C90.200x001` (China's national clinical edition extends ICD-10 by suffixes) is
 * in no value set, and ICD-O-3 `97320/3` (a fifth morphology digit) neither; §5 holds C90.00,
 * C90.20, C90.22 (also in the relapse row's set) and 9732/3; §6: nothing dropped silently. The
 * trace only: the cards are those the rules page gives when the code is not read.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type Evaluation } from '../../src/rules/evaluate.js';
import type { HookContext, RuleSettings } from '../../src/rules/types.js';
import {
  condition,
  defaultRuleSettings,
  icd,
  icdo3,
  myeloma,
  NOW,
  PATIENT_ID,
  plasmacytoma,
  recordOf,
  SITE,
  SYSTEM,
  terminologyAdding,
} from './fixtures.js';

const context: HookContext = { kind: 'patient-view', patientId: PATIENT_ID };

function run(resources: fhir4.Resource[], overrides: Partial<RuleSettings> = {}): Evaluation {
  const settings = { ...defaultRuleSettings, ...overrides };
  return evaluate({ record: recordOf(resources), settings, context, now: NOW });
}
const cards = (evaluation: Evaluation) =>
  evaluation.outcomes.filter((o) => o.fired).map((o) => [o.ruleId, o.indicator]);
const linesOf = (evaluation: Evaluation, reference: string) =>
  evaluation.trace.filter((line) => line.reference === reference).map((l) => l.message);

const mm = myeloma('mm', { onset: '2019-05-01' });
const EXTENDS = 'extends value-set code';

describe('a code extending a value-set code is named in the trace (H109, rules page §2, §6)', () => {
  // Each code as a feed sends it → the rules page §5 code it begins with and adds characters
  // to, and the value set(s) §5 puts that code in (as the config names their roles).
  const cases: [string, fhir4.Coding, string, string][] = [
    ['ICD-10-CM C90.000', icd('C90.000'), 'C90.00', 'the multipleMyeloma value set'],
    [
      'ICD-10-CM C90.200x001',
      icd('C90.200x001'),
      'C90.20',
      'the extramedullaryPlasmacytoma value set',
    ],
    [
      'ICD-10-CM C90.200x002',
      icd('C90.200x002'),
      'C90.20',
      'the extramedullaryPlasmacytoma value set',
    ],
    [
      'ICD-10-CM C90200X001',
      icd('C90200X001'),
      'C90.20',
      'the extramedullaryPlasmacytoma value set',
    ],
    [
      'ICD-10-CM C90.220x001',
      icd('C90.220x001'),
      'C90.22',
      'the myelomaRelapse and extramedullaryPlasmacytoma value sets',
    ],
    ['ICD-O-3 97320/3', icdo3('97320/3'), '9732/3', 'the multipleMyeloma value set'],
    ['ICD-O-3 M97320/3', icdo3('M97320/3'), '9732/3', 'the multipleMyeloma value set'],
    ['ICD-O-3 M-97340/3', icdo3('M-97340/3'), '9734/3', 'the extramedullaryPlasmacytoma value set'],
  ];
  for (const [name, coding, extended, where] of cases)
    it(`${name} → ${extended}, with what to do`, () => {
      const evaluation = run([mm, condition('x', { code: [coding], sites: [SITE.liver] })]);
      const [line, ...others] = linesOf(evaluation, 'Condition/x');
      expect(others).toEqual([]);
      const [system] = name.split(' ');
      expect(line).toContain(`${system ?? ''} ${coding.code ?? ''} ${EXTENDS} ${extended} `);
      expect(line).toContain('neither myeloma nor a finding');
      expect(line).toContain(
        `add ${coding.code ?? ''} to ${where} if it means ${extended}, or have the feed send ${extended}`,
      );
      expect(line).toContain('docs/configuring.md, example h');
    });

  it('changes no card: a plasmacytoma so coded is no finding, a myeloma so coded no myeloma', () => {
    // §3.1: no myeloma read, no cards; §3.3: a finding is coded in the plasmacytoma value sets.
    const emp = condition('emp', { code: [icd('C90.200x001')], sites: [SITE.liver] });
    expect(cards(run([mm, emp]))).toEqual([]);
    const cn = condition('cn', { code: [icd('C90.000')], onset: '2019-05-01' });
    const liver = plasmacytoma('liver', [SITE.liver]);
    const evaluation = run([cn, liver]);
    expect(cards(evaluation)).toEqual([]);
    expect(linesOf(evaluation, 'Condition/cn').join('\n')).toContain(`${EXTENDS} C90.00 `);
  });

  it('names the code as read when a feed spells it in full-width forms (H97)', () => {
    const evaluation = run([mm, condition('fw', { code: [icd('Ｃ９０．２００ｘ００１')] })]);
    expect(linesOf(evaluation, 'Condition/fw').join('\n')).toContain(
      'add C90.200x001 to the extramedullaryPlasmacytoma value set if it means C90.20',
    );
  });

  it('says the extension, not that a text pattern matched a known system', () => {
    const evaluation = run([
      mm,
      condition('t', {
        code: [icd('C90.200x001')],
        text: 'Extramedullary plasmacytoma of liver',
        sites: [SITE.liver],
      }),
    ]);
    const lines = linesOf(evaluation, 'Condition/t');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${EXTENDS} C90.20 `);
  });

  it('names nothing for refuted or entered-in-error data (§2: ignored entirely)', () => {
    const evaluation = run([
      mm,
      condition('r', { code: [icd('C90.200x001')], verificationStatus: 'refuted' }),
      condition('e', { code: [icdo3('97320/3')], verificationStatus: 'entered-in-error' }),
    ]);
    for (const reference of ['Condition/r', 'Condition/e'])
      expect(linesOf(evaluation, reference).join('\n'), reference).not.toContain(EXTENDS);
  });

  it('names nothing for a value-set code as sent, a category (H76) or an unrelated code', () => {
    const codes: fhir4.Coding[] = [
      icd('C90.00'),
      icd('C90.20'),
      icd('C9020'),
      // H76's: a category is shorter than the codes under it, not longer.
      icd('C90.0'),
      icd('C90.2'),
      // Ordinary codes, and valid 6- and 7-character ICD-10-CM codes of other categories.
      icd('I10'),
      icd('E11.649'),
      icd('M84.58XA'),
      icd('T45.1X5A'),
      icd('C79.31'),
      // Under C90 but extending no value-set code: C90.4 is in no value set (§5).
      icd('C90.40'),
      // What is added must be letters and digits, not a second code or a separator.
      icd('C90.00,C90.20'),
      icd('C90.20-1'),
      // ICD-O-3: the rule is four digits, one more, the slash, the behaviour digit.
      icdo3('9732/3'),
      icdo3('973203'),
      icdo3('97320/1'),
      icdo3('97330/3x'),
      icdo3('8070/3'),
      icdo3('80700/3'),
      // The same codes in a system no value set uses, or in SNOMED CT: H74's and nobody's.
      { system: SYSTEM.local, code: 'C90.200x001' },
      { system: SYSTEM.snomed, code: '1099890061' },
    ];
    const conditions = codes.map((coding, i) => condition(`c${String(i)}`, { code: [coding] }));
    const evaluation = run([mm, ...conditions]);
    for (const [i, c] of conditions.entries()) {
      const lines = linesOf(evaluation, `Condition/${c.id ?? ''}`).join('\n');
      expect(lines, codes[i]?.code ?? '').not.toContain(EXTENDS);
    }
    // C90.0 keeps H76's line.
    expect(linesOf(evaluation, 'Condition/c3').join('\n')).toContain('is a category');
  });

  it("names the longest value-set code, beside a site's category or its own extensions", () => {
    // A site that adds the category C90.2 (H76) and one extension, C90.200x001, to the
    // extramedullary plasmacytoma value set: C90.200x001 now matches as sent, C90.200x002
    // still extends C90.20 (the longest value-set code it begins with), and C90.29, no
    // ICD-10-CM code (§5: C90.20–C90.22), extends the site's C90.2.
    const terminology = terminologyAdding({
      'https://fhir.emd-cds.org/ValueSet/extramedullary-plasmacytoma': [
        icd('C90.2'),
        icd('C90.200x001'),
      ],
    });
    const evaluation = run(
      [
        mm,
        condition('added', { code: [icd('C90.200x001')], sites: [SITE.liver] }),
        condition('other', { code: [icd('C90.200x002')] }),
        condition('sub', { code: [icd('C90.29')] }),
      ],
      { terminology },
    );
    expect(cards(evaluation)).toEqual([['emd-soft-tissue', 'warning']]);
    expect(linesOf(evaluation, 'Condition/added').join('\n')).not.toContain(EXTENDS);
    expect(linesOf(evaluation, 'Condition/other').join('\n')).toContain(`${EXTENDS} C90.20 `);
    expect(linesOf(evaluation, 'Condition/sub').join('\n')).toContain(`${EXTENDS} C90.2 `);
  });
});

describe('an ICD-O-3 morphology without its behaviour digit is named in the trace (H152, §2, §6)', () => {
  // Rules page §5: 9732/3 multiple myeloma, 9734/3 extramedullary plasmacytoma, 9731/3
  // plasmacytoma NOS; the code as a feed sends it → the §5 code and its value set.
  const cases: [string, string, string][] = [
    ['9734', '9734/3', 'the extramedullaryPlasmacytoma value set'],
    ['M9734', '9734/3', 'the extramedullaryPlasmacytoma value set'],
    ['9731', '9731/3', 'the solitaryPlasmacytoma value set'],
    ['9732', '9732/3', 'the multipleMyeloma value set'],
  ];
  for (const [code, meant, where] of cases)
    it(`ICD-O-3 ${code} → ${meant}, with what to do, and no card of its own`, () => {
      const evaluation = run([mm, condition('x', { code: [icdo3(code)], sites: [SITE.brain] })]);
      expect(cards(evaluation)).toEqual([]);
      expect(linesOf(evaluation, 'Condition/x')).toEqual([
        `ICD-O-3 ${code} is a morphology without its behaviour digit, above value-set code ${meant} (H152), and is in no loaded value set: its code was not read, so it is neither myeloma nor a finding; add ${code} to ${where} if it means ${meant}, or have the feed send ${meant} (docs/configuring.md, example h)`,
      ]);
    });

  it('names nothing for a morphology no value set holds under any behaviour', () => {
    const evaluation = run([mm, condition('x', { code: [icdo3('8140')] })]);
    expect(linesOf(evaluation, 'Condition/x').join('\n')).not.toContain('behaviour digit');
  });
});
