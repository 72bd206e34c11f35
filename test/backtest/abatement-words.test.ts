/**
 * H96 in the backtest: a patient whose brain plasmacytoma's abatementString says it has not
 * abated is counted with the critical CNS card, as the service answers, under the built-in
 * words and under a site's own, once its settings have crossed to a worker thread as the
 * workers receive them (structured clone of `classification`, src/backtest/worker-messages.ts).
 * Expected cards are typed from the rules page §4 and docs/clinical-safety.md H96.
 */
import { describe, expect, it } from 'vitest';
import { evaluatePatient, readPatient } from '../../src/backtest/evaluate-patient.js';
import { parseConfigText } from '../../src/config/config-file.js';
import { buildSettings, loadDefaultSettings } from '../../src/config/load-settings.js';
import { compileRuleSettings } from '../../src/rules/rule-settings.js';
import type { ServiceSettings } from '../../src/cds/service-settings.js';

const NOW = new Date('2026-11-01T00:00:00Z');
const ICD = 'http://hl7.org/fhir/sid/icd-10-cm';
const subject = { reference: 'Patient/p1' };
const patient = (abatementString: string) => [
  {
    resourceType: 'Condition',
    id: 'mm',
    subject,
    code: { coding: [{ system: ICD, code: 'C90.00' }] },
  },
  {
    resourceType: 'Condition',
    id: 'brain',
    subject,
    code: { coding: [{ system: ICD, code: 'C90.20' }] },
    bodySite: [{ coding: [{ system: 'http://snomed.info/sct', code: '12738006' }] }],
    onsetDateTime: '2026-10-01',
    abatementString,
  },
];

/** The rules as a worker compiles them from what the main thread sends. */
const inWorker = (settings: ServiceSettings) =>
  compileRuleSettings(structuredClone(settings.classification));
const cardsOf = (abatementString: string, settings: ServiceSettings) =>
  evaluatePatient(
    readPatient('p1', patient(abatementString)),
    'patient-view',
    inWorker(settings),
    NOW,
  ).cards;

describe('a backtest patient with an abatementString (H96)', () => {
  const builtIn = loadDefaultSettings();
  const file = 'site.yaml';
  const site = buildSettings(
    parseConfigText('statusWords:\n  notAbated: [still under treatment]\n', file),
    { file },
  );
  const critical = [{ ruleId: 'emd-cns', indicator: 'critical' }];

  it('counts the critical card for a shipped word ("ongoing", 未缓解), none for a date in words', () => {
    expect(cardsOf('ongoing', builtIn)).toEqual(critical);
    expect(cardsOf('未缓解', builtIn)).toEqual(critical);
    expect(cardsOf('resolved in 2019', builtIn)).toEqual([]);
  });

  it("counts it for a site's own word, and reads the shipped ones no more when the site replaces the list", () => {
    expect(cardsOf('Still under treatment.', site)).toEqual(critical);
    expect(cardsOf('ongoing', site)).toEqual([]);
  });
});
