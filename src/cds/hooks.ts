/**
 * The hooks the service answers, each with its context schema (CDS Hooks Library for
 * patient-view, order-select and order-sign; cds-hooks/hooks/ for our imaging-review hook)
 * and how its context becomes the rules' hook context.
 */
import { z } from 'zod';
import type { HookContext, HookKind } from '../rules/types.js';
import { MAX_URL_LENGTH } from '../fhir/value-limits.js';
import {
  draftOrdersIn,
  draftOrdersSchema,
  entryNamer,
  selectedBy,
  unreadableOrderIssues,
} from './draft-orders.js';
import { clinicianReference, readableId, userReference } from './request-schema.js';
import { boundedArray, MAX_LIST_ITEMS } from './bounded-array.js';

/** Our imaging-review hook (reverse-domain name: no standard imaging hook exists). */
export const IMAGING_REVIEW_HOOK = 'org.emd-cds.imagingstudy-review';

const base = { userId: userReference, patientId: readableId, encounterId: readableId.optional() };
/** The hooks whose user is a clinician: the user who reviews a study or writes an order. */
const clinicianBase = { ...base, userId: clinicianReference };

interface HookDefinition<S extends z.ZodType> {
  /** Which rules the hook runs (src/rules/evaluate.ts RULES_BY_HOOK); discovery lists them. */
  kind: HookKind;
  contextSchema: S;
  toRuleContext(context: z.infer<S>): HookContext;
}

const define = <S extends z.ZodType>(definition: HookDefinition<S>) => definition;

export const HOOKS = {
  'patient-view': define({
    kind: 'patient-view',
    contextSchema: z.looseObject(base),
    toRuleContext: (c) => ({ kind: 'patient-view', patientId: c.patientId }),
  }),
  [IMAGING_REVIEW_HOOK]: define({
    kind: 'imaging-review',
    contextSchema: z.looseObject({
      ...clinicianBase,
      imagingStudyId: readableId,
      // Checked when sent, but no rule reads it: the study under review is what they look at.
      diagnosticReportId: readableId.optional(),
    }),
    toRuleContext: (c) => ({
      kind: 'imaging-review',
      patientId: c.patientId,
      imagingStudyId: c.imagingStudyId,
    }),
  }),
  'order-select': define({
    kind: 'order',
    contextSchema: z
      .looseObject({
        ...clinicianBase,
        selections: boundedArray(
          z.array(z.string().min(1).max(MAX_URL_LENGTH)).min(1),
          MAX_LIST_ITEMS,
        ),
        draftOrders: draftOrdersSchema,
      })
      // A selection naming nothing in the Bundle left the call with nothing selected: 200 and
      // no card, where the client had sent a request the hook does not allow.
      .superRefine((c, ctx) => {
        const namesAnEntry = entryNamer(c.draftOrders);
        c.selections.forEach((selection, i) => {
          if (!namesAnEntry(selection))
            ctx.addIssue({
              code: 'custom',
              path: ['selections', i],
              message: `names no entry of context.draftOrders (CDS Hooks order-select: selections "reference FHIR resources in the draftOrders Bundle"), by fullUrl or Type/id`,
            });
        });
        for (const issue of unreadableOrderIssues(c.draftOrders, selectedBy(c.selections)))
          ctx.addIssue({ code: 'custom', ...issue });
      }),
    // order-select: advise on what the user just selected (CDS Hooks Library, order-select).
    toRuleContext: (c) => {
      const orders = draftOrdersIn(c.draftOrders);
      const isSelected = selectedBy(c.selections);
      return {
        kind: 'order',
        patientId: c.patientId,
        draftOrders: orders.filter(isSelected),
        otherDraftOrders: orders.filter((order) => !isSelected(order)),
      };
    },
  }),
  'order-sign': define({
    kind: 'order',
    contextSchema: z
      .looseObject({ ...clinicianBase, draftOrders: draftOrdersSchema })
      // Every order of order-sign is one the hook is about.
      .superRefine((c, ctx) => {
        for (const issue of unreadableOrderIssues(c.draftOrders, () => true))
          ctx.addIssue({ code: 'custom', ...issue });
      }),
    toRuleContext: (c) => ({
      kind: 'order',
      patientId: c.patientId,
      draftOrders: draftOrdersIn(c.draftOrders),
      otherDraftOrders: [],
    }),
  }),
} as const;
export type SupportedHook = keyof typeof HOOKS;

export function isSupportedHook(hook: string): hook is SupportedHook {
  return Object.hasOwn(HOOKS, hook);
}

/** Parses the context for `hook`; zod issues are reported under `context`. */
export function parseHookContext(
  hook: SupportedHook,
  context: unknown,
): { ok: true; context: HookContext } | { ok: false; error: z.ZodError } {
  const definition = HOOKS[hook] as HookDefinition<z.ZodType>;
  const parsed = definition.contextSchema.safeParse(context);
  return parsed.success
    ? { ok: true, context: definition.toRuleContext(parsed.data) }
    : { ok: false, error: parsed.error };
}
