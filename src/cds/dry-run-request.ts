/**
 * The console's dry-run request (issue #9): a Bundle, the hook to emulate, the card locale
 * and "now". Validated here, so the HTTP layer only passes the body through; the answer
 * holds the cards and the explain trace, and nothing is audited.
 */
import { z } from 'zod';
import type { ServiceSettings } from './service-settings.js';
import { ServiceError } from '../errors.js';
import type { TraceLine } from '../rules/types.js';
import { evaluateBundle } from './dry-run.js';
import { DRY_RUN_HOOKS } from './dry-run-hooks.js';
import type { Card } from './response-schema.js';
import { zodIssuesToOutcome } from './zod-issues.js';
import { boundedArray, MAX_LIST_ITEMS } from './bounded-array.js';
import { readableId } from './request-schema.js';

/** What `now` must be, said when it is not (a day that does not exist, 2026-11-31, included). */
const NOW_EXPECTED =
  'must be an ISO 8601 date (2026-11-30, read as midnight UTC) or date-time with a time zone (2026-11-30T09:00:00Z, 2026-11-30T09:00:00+08:00) that exists in the calendar';

const dryRunRequestSchema = z.strictObject({
  bundle: z.looseObject({
    resourceType: z.literal('Bundle'),
    entry: boundedArray(
      z.array(z.looseObject({ resource: z.looseObject({}).optional() })),
      MAX_LIST_ITEMS,
    ).optional(),
  }),
  hook: z.enum(DRY_RUN_HOOKS),
  locale: z.string().min(1).optional(),
  /** A date (midnight UTC) or a date-time with offset. */
  now: z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], {
      // zod's own word for a union is "Invalid input", which does not say what to send.
      error: NOW_EXPECTED,
    })
    .optional(),
  // Read as the hook reads `context.patientId` and `imagingStudyId` (H110), and refused here
  // naming this request's own field, not the hook call's the dry run builds from it.
  patientId: readableId.optional(),
  studyId: readableId.optional(),
});

export interface DryRunAnswer {
  cards: Card[];
  /** Cards of rules in silent mode (issue #17): audited in production, never shown. */
  silentCards: Card[];
  /** The patient evaluated (given, or the Bundle's only Patient). */
  patientId: string;
  locale: string;
  now: string;
  configHash: string;
  /** Record-level trace: every resource considered and what it counted as. */
  trace: readonly TraceLine[];
  /** Every rule the hook runs: fired or not, at which level, and why. */
  outcomes: { ruleId: string; fired: boolean; indicator: string | null; explain: string[] }[];
}

/** Validates the body and runs it; a bad field is a ServiceError naming it (400). */
export async function dryRun(
  body: unknown,
  settings: ServiceSettings,
  clock: () => Date,
): Promise<DryRunAnswer> {
  const parsed = dryRunRequestSchema.safeParse(body);
  if (!parsed.success)
    throw new ServiceError('invalid-request', zodIssuesToOutcome(parsed.error, { input: body }));
  const request = parsed.data;
  const locales = Object.keys(settings.wording);
  const locale = request.locale ?? settings.defaultLocale;
  if (!locales.includes(locale))
    throw new ServiceError('invalid-request', [
      {
        severity: 'error',
        code: 'value',
        diagnostics: `locale: must be one of ${locales.join(', ')}`,
        expression: ['locale'],
      },
    ]);
  const now = request.now ? new Date(request.now) : clock();
  // The pipeline validates every resource it uses (src/fhir/resource-schemas.ts); only the
  // Bundle's outline is checked here.
  const result = await evaluateBundle(request.bundle as unknown as fhir4.Bundle, settings, {
    hook: request.hook,
    patientId: request.patientId,
    studyId: request.studyId,
    locale,
    now,
    userId: 'Practitioner/console-dry-run',
  });
  return {
    cards: result.response.cards,
    silentCards: result.silentCards,
    patientId: result.patientId,
    locale,
    now: now.toISOString(),
    configHash: settings.configHash,
    trace: result.evaluation.trace,
    outcomes: result.evaluation.outcomes.map((outcome) => ({
      ruleId: outcome.ruleId,
      fired: outcome.fired,
      indicator: outcome.indicator ?? null,
      explain: [...outcome.explain],
    })),
  };
}
