/**
 * A patient-view evaluation of some resources with the shipped settings, and what trace tests
 * read of it: the lines about one resource, and the outcomes that fired.
 */
import { evaluate, type Evaluation } from '../../src/rules/evaluate.js';
import type { HookContext } from '../../src/rules/types.js';
import { defaultRuleSettings, NOW, PATIENT_ID, recordOf } from './fixtures.js';

const context: HookContext = { kind: 'patient-view', patientId: PATIENT_ID };

export const run = (resources: fhir4.Resource[]): Evaluation =>
  evaluate({ record: recordOf(resources), settings: defaultRuleSettings, context, now: NOW });

export const linesAbout = (evaluation: Evaluation, reference: string): string[] =>
  evaluation.trace.filter((line) => line.reference === reference).map((line) => line.message);

export const fired = (evaluation: Evaluation) => evaluation.outcomes.filter((o) => o.fired);
