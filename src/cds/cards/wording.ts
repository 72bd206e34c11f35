/**
 * Card wording: Mustache templates per locale (data, not code). Its shape is checked here;
 * what the templates say is checked against the card view by ./check-wording.ts.
 */
import { z } from 'zod';
import { FINDING_CLASSES, RULE_IDS } from '../../rules/types.js';

const template = z.string().min(1);

export const wordingSchema = z.strictObject({
  locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/),
  sourceLabel: z.string().min(1),
  /** Between the items of a list the card builds (sites, studies): ", " in English, "、" in Chinese. */
  listSeparator: z.string().min(1).max(5).default(', '),
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
  /**
   * What to call a body site, study or report the record gives no name (no text, display,
   * description or code): the rules leave it unnamed, so the words are the locale's. A site's
   * file without the key (one written for an earlier version) takes the shipped file's of its
   * locale (config/load-wording.ts); these English words are for a locale not shipped.
   */
  unnamedLabels: z
    .strictObject({
      bodySite: z.string().min(1),
      ImagingStudy: z.string().min(1),
      DiagnosticReport: z.string().min(1),
    })
    .default({
      bodySite: 'unnamed site',
      ImagingStudy: 'imaging study',
      DiagnosticReport: 'imaging report',
    }),
});
export type Wording = z.infer<typeof wordingSchema>;

export const SUMMARY_MAX_LENGTH = 139;

/** A problem with a wording file: the path of the template, and what is wrong with it. */
export interface WordingProblem {
  path: string[];
  message: string;
}
