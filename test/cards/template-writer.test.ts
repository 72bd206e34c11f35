/**
 * The card templates' compiled renderer (src/cds/cards/template-writer.ts) against Mustache
 * itself: mustache.js is the oracle. Every render here is made twice, once by the renderer
 * and once by a fresh `Mustache.render` (its own writer and cache), and the two must agree:
 * the same text, or both throwing. Generated templates and views first, then every template
 * of both wordings on the cards of every example patient.
 */
import fc from 'fast-check';
import Mustache from 'mustache';
import { describe, expect, it } from 'vitest';
import { buildCardView } from '../../src/cds/cards/card-view.js';
import { CompiledTemplateWriter } from '../../src/cds/cards/template-writer.js';
import { evaluate, RULES_BY_HOOK } from '../../src/rules/evaluate.js';
import { localNames } from '../../src/rules/local-names.js';
import { buildPatientRecord, flattenResources } from '../../src/rules/patient-record.js';
import type { HookContext } from '../../src/rules/types.js';
import { exampleBundles } from '../backtest/export-examples.js';
import { defaultSettings, SCENARIO_NOW } from '../support/app.js';

/** Marks every escaped value, so that escaping in the wrong place shows. */
const escape = (value: unknown) => `«${String(value)}»`;

type Outcome = { text: string } | { threw: true };

function mustacheRender(
  template: string,
  view: unknown,
  partials: Record<string, unknown>,
): Outcome {
  try {
    return {
      text: Mustache.render(template, view, partials as Record<string, string>, { escape }),
    };
  } catch {
    return { threw: true };
  }
}

function compiledRender(
  writer: CompiledTemplateWriter,
  template: string,
  view: unknown,
  partials: Record<string, unknown>,
): Outcome {
  try {
    return { text: writer.render(template, view, partials as Record<string, string>, { escape }) };
  } catch {
    return { threw: true };
  }
}

// Names the views below may hold, dotted paths into them, and names no view holds.
const NAME = fc.constantFrom(
  'a',
  'b',
  'list',
  'x.y',
  'a.b',
  'list.length',
  'b.length',
  '.',
  'none',
);
const TEXT = fc.constantFrom('', ' ', 'word', '\n', '  ', '\t', ' - ', ', ', '**', '\n  ');

/** A template over NAME, with sections nested up to `depth`, and partials when `withPartials`. */
function template(depth: number, withPartials: boolean): fc.Arbitrary<string> {
  const leaf = fc.oneof(
    TEXT,
    NAME.map((n) => `{{${n}}}`),
    NAME.map((n) => `{{{${n}}}}`),
    NAME.map((n) => `{{& ${n}}}`),
    fc.constant('{{! a comment }}'),
    ...(withPartials
      ? [
          fc.constantFrom('p', 'missing').map((p) => `{{> ${p}}}`),
          // A standalone partial tag on its own indented line: Mustache indents the partial.
          fc.constantFrom('  ', '\t', ' ').map((indent) => `\n${indent}{{> p}}\n`),
        ]
      : []),
  );
  if (depth === 0) return fc.array(leaf, { maxLength: 6 }).map((parts) => parts.join(''));
  const inner = template(depth - 1, withPartials);
  const block = fc
    .tuple(fc.constantFrom('#', '^'), NAME, inner, fc.boolean())
    .map(([kind, name, body, standalone]) =>
      standalone
        ? `\n{{${kind}${name}}}\n${body}\n{{/${name}}}\n`
        : `{{${kind}${name}}}${body}{{/${name}}}`,
    );
  return fc.array(fc.oneof(leaf, block), { maxLength: 6 }).map((parts) => parts.join(''));
}

const SCALAR = fc.oneof(
  fc.constantFrom('', 'text', 'a *b* [c]', '0', 'ünïcode 中文'),
  fc.constantFrom(0, 1, 2.5, -1, Number.NaN),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);

/** Views with the names above, nested; lists may hold objects, scalars and null. */
const VIEW: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    SCALAR,
    tie('object'),
    fc.array(fc.oneof(tie('object'), SCALAR), { maxLength: 3 }),
  ),
  object: fc.record(
    { a: tie('value'), b: tie('value'), list: tie('value'), x: tie('value'), y: tie('value') },
    { requiredKeys: [] },
  ),
})).object;

describe('the compiled card templates render what Mustache renders', () => {
  it('for generated templates, views and partials', () => {
    fc.assert(
      fc.property(template(3, true), VIEW, template(2, false), (main, view, partial) => {
        // One writer per case, as each wording gets its own; it is used twice, cached.
        const writer = new CompiledTemplateWriter();
        const partials = { p: partial };
        const expected = mustacheRender(main, view, partials);
        expect(compiledRender(writer, main, view, partials)).toEqual(expected);
        expect(compiledRender(writer, main, view, partials)).toEqual(expected);
      }),
      { numRuns: 3_000 },
    );
  });

  it('leaves a lambda in the view to Mustache, with the same result', () => {
    const view = {
      name: 'Ana',
      bold: () => (text: string, render: (t: string) => string) => `**${render(text)}**`,
      upper: () => 'CALLED',
    };
    const template = 'Hi {{#bold}}{{name}}{{/bold}} {{upper}}{{> p}}';
    const partials = { p: ' and {{#bold}}{{upper}}{{/bold}}' };
    const expected = mustacheRender(template, view, partials);
    expect(expected).toEqual({ text: 'Hi **«Ana»** «CALLED» and **«CALLED»**' });
    expect(compiledRender(new CompiledTemplateWriter(), template, view, partials)).toEqual(
      expected,
    );
  });

  it('fails as Mustache fails on a partial that is not text, and on a null in a list', () => {
    const writer = new CompiledTemplateWriter();
    const notText = { p: 5 };
    expect(mustacheRender('a{{> p}}', {}, notText)).toEqual({ threw: true });
    expect(compiledRender(writer, 'a{{> p}}', {}, notText)).toEqual({ threw: true });
    const nullItem = { list: [{ a: 1 }, null] };
    expect(mustacheRender('{{#list}}{{a}}{{/list}}', nullItem, {})).toEqual({ threw: true });
    expect(compiledRender(writer, '{{#list}}{{a}}{{/list}}', nullItem, {})).toEqual({
      threw: true,
    });
  });

  it('indents a standalone partial as Mustache does', () => {
    const partials = { p: 'one {{a}}\ntwo\n' };
    const template = 'list:\n  {{> p}}\nend';
    // Typed from the Mustache spec (partials, "Standalone Indentation"): each line of the
    // partial gets the tag's indentation.
    expect(mustacheRender(template, { a: 1 }, partials)).toEqual({
      text: 'list:\n  one «1»\n  two\nend',
    });
    expect(compiledRender(new CompiledTemplateWriter(), template, { a: 1 }, partials)).toEqual({
      text: 'list:\n  one «1»\n  two\nend',
    });
  });

  it('for every template of both wordings, on the cards of every example patient', () => {
    const { rules, cards } = defaultSettings;
    let rendered = 0;
    const rulesRendered = new Set<string>();
    for (const { name, bundle } of exampleBundles()) {
      const record = buildPatientRecord(name, flattenResources([bundle]));
      // Patient view, and a review of each of the patient's imaging studies.
      const studies = (bundle.entry ?? []).flatMap(({ resource }) =>
        resource?.resourceType === 'ImagingStudy' && resource.id ? [resource.id] : [],
      );
      const contexts: HookContext[] = [
        { kind: 'patient-view', patientId: name },
        ...studies.map((id) => ({
          kind: 'imaging-review' as const,
          patientId: name,
          imagingStudyId: id,
        })),
      ];
      for (const context of contexts) {
        const { facts, outcomes } = evaluate({
          record,
          settings: rules,
          context,
          now: SCENARIO_NOW,
        });
        for (const outcome of outcomes.filter((o) => o.fired)) {
          for (const wording of Object.values(defaultSettings.wording)) {
            const names = localNames(cards.conceptLabels, rules.terminology, wording.locale);
            const view = buildCardView(outcome, facts, wording, {
              lookbackDays: rules.imagingLookbackDays,
              names,
            });
            const writer = new CompiledTemplateWriter();
            const templates = wording.rules[outcome.ruleId];
            for (const text of [templates.summary, templates.detail]) {
              const expected = mustacheRender(text, view, wording.partials);
              expect(expected).toHaveProperty('text');
              expect(compiledRender(writer, text, view, wording.partials)).toEqual(expected);
              rendered += 1;
              rulesRendered.add(outcome.ruleId);
            }
          }
        }
      }
    }
    // Most example patients have a card or two, in two languages, summary and detail; and
    // between them the examples fire every rule of the patient-view and imaging-review hooks
    // but emd-reported-not-listed (test/scenarios/patient-view-scenarios.ts says why).
    expect(rendered).toBeGreaterThan(100);
    const everyRule = [...RULES_BY_HOOK['patient-view'], ...RULES_BY_HOOK['imaging-review']];
    expect([...rulesRendered].sort()).toEqual(
      [...new Set(everyRule.map((rule) => rule.id))]
        .filter((id) => id !== 'emd-reported-not-listed')
        .sort(),
    );
  });
});
