/**
 * Card wording: Mustache templates per locale (data, not code). Checked when loaded: every
 * rule has a summary and a detail, every variable a template names exists in the card view,
 * and every summary, filled with the longest values it can take, stays under 140 characters
 * (CDS Hooks 2.0 §Card).
 */
import Mustache from 'mustache';
import { z } from 'zod';
import { FINDING_CLASSES, RULE_IDS } from '../../rules/types.js';
import { CARD_VIEW_NAMES, worstCaseSummaryViews } from './card-view.js';

const template = z.string().min(1);

export const wordingSchema = z.strictObject({
  locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/),
  sourceLabel: z.string().min(1),
  classLabels: z.strictObject(
    Object.fromEntries(FINDING_CLASSES.map((c) => [c, z.string().min(1)])) as Record<
      (typeof FINDING_CLASSES)[number],
      z.ZodString
    >,
  ),
  linkLabels: z.strictObject({
    trials: z.string().min(1),
    pathway: z.string().min(1),
    timeline: z.string().min(1),
  }),
  suggestionLabels: z.strictObject({
    addCondition: z.string().min(1),
    orderPetCt: z.string().min(1),
    orderNeuraxisMri: z.string().min(1),
    orderCsfWorkup: z.string().min(1),
  }),
  orderTexts: z.strictObject({
    petCt: z.string().min(1),
    mriBrain: z.string().min(1),
    mriSpine: z.string().min(1),
    csfCytology: z.string().min(1),
    csfFlowCytometry: z.string().min(1),
  }),
  overrideReasons: z.record(z.string(), z.string().min(1)),
  rules: z.strictObject(
    Object.fromEntries(
      RULE_IDS.map((id) => [id, z.strictObject({ summary: template, detail: template })]),
    ) as Record<
      (typeof RULE_IDS)[number],
      z.ZodObject<{ summary: z.ZodString; detail: z.ZodString }>
    >,
  ),
  partials: z.record(z.string(), template),
  gapNotes: z.strictObject({
    ImagingStudy: z.string().min(1),
    DiagnosticReport: z.string().min(1),
  }),
});
export type Wording = z.infer<typeof wordingSchema>;

export const SUMMARY_MAX_LENGTH = 139;

/** Problems with a parsed wording file, each naming where; empty when it is usable. */
export function checkWording(wording: Wording): string[] {
  const problems: string[] = [];
  const check = (where: string, text: string) => {
    try {
      for (const name of templateNames(Mustache.parse(text))) {
        if (
          !CARD_VIEW_NAMES.has(name) &&
          !(name.startsWith('>') && name.slice(1) in wording.partials)
        ) {
          problems.push(
            `${where}: unknown ${name.startsWith('>') ? 'partial' : 'variable'} "${name.replace(/^>/, '')}"`,
          );
        }
      }
    } catch (error) {
      problems.push(`${where}: ${error instanceof Error ? error.message : 'not a valid template'}`);
    }
  };
  for (const [name, text] of Object.entries(wording.partials)) check(`partials.${name}`, text);
  for (const id of RULE_IDS) {
    const { summary, detail } = wording.rules[id];
    check(`rules.${id}.summary`, summary);
    check(`rules.${id}.detail`, detail);
    if (problems.length > 0) continue;
    const longest = worstCaseSummaryViews()
      .map((view) => Mustache.render(summary, view, wording.partials, { escape: String }))
      .reduce((a, b) => (b.length > a.length ? b : a), '');
    if (longest.length > SUMMARY_MAX_LENGTH)
      problems.push(
        `rules.${id}.summary: ${String(longest.length)} characters once filled (at most ${String(SUMMARY_MAX_LENGTH)}): "${longest}"`,
      );
  }
  return problems;
}

/** Every name a template refers to; partials as `>name`. */
function templateNames(tokens: readonly unknown[]): string[] {
  const names: string[] = [];
  for (const token of tokens as [string, string, number, number, unknown[]?][]) {
    const [type, value, , , children] = token;
    if (type === 'name' || type === '&' || type === '#' || type === '^') names.push(value);
    if (type === '>') names.push(`>${value}`);
    if (children) names.push(...templateNames(children));
  }
  return names;
}
