/**
 * The backtest counts the example patients must give, built from the scenario table
 * (test/examples-expected.ts, typed from the rules page and the examples' README), never
 * from src/. Per rule: patients with a card (once, at their highest indicator) and cards.
 */
import { expectedCards } from '../examples-expected.js';
import { exampleResourcesByType } from './export-examples.js';

/**
 * Gao Feng, the second Patient of `other-patient-resources` (README: "relapsed myeloma and a
 * liver plasmacytoma"), has no row of his own: the table rows are per requested patient. His
 * active, confirmed liver plasmacytoma in relapse is emd-soft-tissue warning (rules page §4,
 * as `emd-liver-kidney-relapse`); his recent whole-body PET/CT is emd-imaging-review info.
 */
const NEIGHBOUR = 'other-patient-resources-neighbour';
const NEIGHBOUR_CARDS = {
  'patient-view': ['emd-soft-tissue warning'],
  'imagingstudy-review': ['emd-imaging-review info'],
} as const;

const LEVELS = ['info', 'warning', 'critical'] as const;
type Level = (typeof LEVELS)[number];

export interface ExpectedRule {
  patients: number;
  byIndicator: Record<Level, number>;
  cards: number;
}

function countCards(cardsByPatient: Map<string, string[]>): Record<string, ExpectedRule> {
  const rules: Record<string, ExpectedRule> = {};
  for (const cards of cardsByPatient.values()) {
    const highest = new Map<string, Level>();
    for (const card of cards) {
      const [ruleId, level] = card.split(' ') as [string, Level];
      const rule = (rules[ruleId] ??= {
        patients: 0,
        byIndicator: { info: 0, warning: 0, critical: 0 },
        cards: 0,
      });
      rule.cards += 1;
      const before = highest.get(ruleId);
      if (!before || LEVELS.indexOf(level) > LEVELS.indexOf(before)) highest.set(ruleId, level);
    }
    for (const [ruleId, level] of highest) {
      const rule = rules[ruleId];
      if (!rule) continue;
      rule.patients += 1;
      rule.byIndicator[level] += 1;
    }
  }
  return rules;
}

const patientIds = () =>
  (exampleResourcesByType().get('Patient') ?? []).map((p) => p.id ?? '').sort();

/** patient-view: each example patient's cards (`rule-id indicator`), by patient id. */
export function expectedPatientViewCards(): Map<string, string[]> {
  const byPatient = new Map<string, string[]>();
  for (const id of patientIds()) {
    const cards =
      id === NEIGHBOUR ? NEIGHBOUR_CARDS['patient-view'] : expectedCards(`patient-view/${id}.json`);
    if (!cards) throw new Error(`no scenario row for example patient ${id}`);
    byPatient.set(id, [...cards]);
  }
  return byPatient;
}

/** patient-view: one call per patient. */
export function expectedPatientView(): Record<string, ExpectedRule> {
  return countCards(expectedPatientViewCards());
}

/** imaging-review: one call per ImagingStudy, the table's rows being `<patient>-<study>`. */
export function expectedImagingReview(): Record<string, ExpectedRule> {
  const byPatient = new Map<string, string[]>();
  for (const study of exampleResourcesByType().get('ImagingStudy') ?? []) {
    const patient = (study as fhir4.ImagingStudy).subject.reference?.replace('Patient/', '') ?? '';
    const cards = study.id?.startsWith(NEIGHBOUR)
      ? NEIGHBOUR_CARDS['imagingstudy-review']
      : expectedCards(`imagingstudy-review/${study.id ?? ''}.json`);
    if (!cards) throw new Error(`no scenario row for example study ${study.id ?? ''}`);
    byPatient.set(patient, [...(byPatient.get(patient) ?? []), ...cards]);
  }
  return countCards(byPatient);
}

export const examplePatientCount = () => patientIds().length;
