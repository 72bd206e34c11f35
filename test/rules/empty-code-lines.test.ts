/**
 * H143 (probe 14, F6): rules page §6, the service "never drops a finding silently". A Condition
 * whose code holds nothing the rules read (no coding with a code, no display, no text: only a
 * hospital's own extension, or no code at all) can be no finding and match no text-only pattern
 * (§2, §3.3), so it gave no card and the explain trace said nothing of it. The trace now names
 * it. FHIR's core originalText extension is read as the code's text where code.text is absent
 * (the decision table's rows `text-only-original-text-extension-*` give its card).
 */
import { describe, expect, it } from 'vitest';
import { condition, icd, SITE } from './fixtures.js';
import { fired, linesAbout, run } from './patient-view-run.js';

/** Myeloma in relapse (rules page §5: C90.02). */
const relapsed = condition('mm', { code: [icd('C90.02')], onset: '2024-11-01' });
/** A brain plasmacytoma written as probe 14's f1 writes it: the words in a local extension. */
const localExtensionOnly = (id: string): fhir4.Condition =>
  condition(id, {
    sites: [SITE.brain],
    extra: {
      code: {
        extension: [
          {
            url: 'http://hospital.example/fhir/StructureDefinition/local-dx',
            valueString: 'Plasmacytoma, brain',
          },
        ],
      },
    },
  });

describe('a Condition whose code holds nothing the rules read (H143)', () => {
  it('f1: only a local extension: no card, and a line naming it and what to send', () => {
    const evaluation = run([relapsed, localExtensionOnly('pc')]);
    expect(fired(evaluation)).toEqual([]);
    const [line, ...others] = linesAbout(evaluation, 'Condition/pc');
    expect(others).toEqual([]);
    expect(line).toContain('its code holds no coding and no text, only extensions');
    expect(line).toContain('not read as a finding or as the myeloma diagnosis');
    expect(line).toContain('the feed should send its code');
    // The record's words stay out of the trace: the extension is not read.
    expect(line).not.toContain('Plasmacytoma, brain');
  });

  it('no code at all: a line saying so', () => {
    const bare = { ...localExtensionOnly('pc') };
    delete bare.code;
    const [line] = linesAbout(run([relapsed, bare]), 'Condition/pc');
    expect(line).toMatch(/^it has no code: not read as a finding/);
  });

  it('a coding with a system and no code, no display, no text: named alike', () => {
    const codeless = condition('pc', {
      sites: [SITE.brain],
      extra: { code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm' }] } },
    });
    expect(linesAbout(run([relapsed, codeless]), 'Condition/pc')).toHaveLength(1);
  });

  it('names ten, and counts the rest in one line', () => {
    const many = Array.from({ length: 13 }, (_, i) => localExtensionOnly(`pc${String(i)}`));
    const lines = run([relapsed, ...many]).trace.filter((line) =>
      /no coding and no text|more Conditions have no code/.test(line.message),
    );
    expect(lines).toHaveLength(11);
    expect(lines[10]).toEqual({
      message:
        '3 more Conditions have no code, or nothing in it but extensions: not read (rules page §2, §3)',
    });
  });

  it.each([
    ['a code', condition('htn', { code: [{ system: 'http://example.org/local', code: 'HT' }] })],
    ['a text', condition('htn', { text: 'Essential hypertension' })],
    ['a display', condition('htn', { code: [{ system: 'x', display: 'Hypertension' }] })],
  ])('no such line for a Condition with %s, read or not', (_name, other) => {
    expect(
      linesAbout(run([relapsed, other]), 'Condition/htn').filter((l) => l.includes('no code')),
    ).toEqual([]);
  });

  it('f1b: the originalText extension is read as the text: a text-only line saying where', () => {
    const withOriginalText = condition('pc', {
      sites: [SITE.brain],
      extra: {
        code: {
          extension: [
            {
              url: 'http://hl7.org/fhir/StructureDefinition/originalText',
              valueString: 'Plasmacytoma of brain',
            },
          ],
        },
      },
    });
    const evaluation = run([relapsed, withOriginalText]);
    // Rules page §2 "Text only": emd-unclassified (info), never more.
    expect(fired(evaluation).map((o) => [o.ruleId, o.indicator])).toEqual([
      ['emd-unclassified', 'info'],
    ]);
    expect(linesAbout(evaluation, 'Condition/pc')).toEqual([
      'text-only plasmacytoma: "Plasmacytoma of brain" matches a text pattern and has no coding from a known system; its text is read from the originalText extension of its code, which has no code.text (the feed should send the words as code.text)',
    ]);
  });
});
