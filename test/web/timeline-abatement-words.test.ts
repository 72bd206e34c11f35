/**
 * H96 in the EMD timeline app: an abatementString that says the Condition has not abated
 * (statusWords.notAbated) is read as the cards read it, from the words GET
 * /timeline/settings.json serves, the shipped ones and a site's own. Expected statuses are typed
 * from the rules page §2 and docs/clinical-safety.md H96.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { buildPatientRecord } from '../../src/rules/patient-record.js';
import { compileTimelineSettings } from '../../web/timeline/timeline-settings.js';
import { buildTimelineModel } from '../../web/timeline/timeline-model.js';
import { SCENARIO_NOW, testApp } from '../support/app.js';

const ICD = 'http://hl7.org/fhir/sid/icd-10-cm';
const SNOMED = 'http://snomed.info/sct';
const subject = { reference: 'Patient/p1' };
const plasmacytoma = (id: string, site: string, abatementString: string): fhir4.Condition => ({
  resourceType: 'Condition',
  id,
  subject,
  code: { coding: [{ system: ICD, code: 'C90.20' }] },
  bodySite: [{ coding: [{ system: SNOMED, code: site }] }],
  onsetDateTime: '2026-09-01',
  abatementString,
});
const resources: fhir4.Condition[] = [
  {
    resourceType: 'Condition',
    id: 'mm',
    subject,
    code: { coding: [{ system: ICD, code: 'C90.00' }] },
  },
  // Brain: 持续 ("continuing"), a shipped word. Liver: a site's own word. Skin: a date in words.
  plasmacytoma('brain', '12738006', '持续'),
  plasmacytoma('liver', '10200004', 'still under treatment'),
  plasmacytoma('skin', '39937001', 'resolved in 2019'),
];

/** Each finding as `<id> <status>`, from the settings the app serves, as the browser reads them. */
async function statusesServedBy(app: ReturnType<typeof testApp>): Promise<string[]> {
  const served = (await request(app).get('/timeline/settings.json')).body as unknown;
  const { rules } = compileTimelineSettings(served);
  const record = buildPatientRecord(
    'p1',
    resources.map((resource) => ({ resource })),
  );
  return buildTimelineModel(record, rules, SCENARIO_NOW)
    .findings.map((f) => `${f.id} ${f.status}`)
    .sort();
}

describe('the timeline reads an abatementString as the cards do (H96)', () => {
  it('reads a shipped not-abated word as active, any other text as an abatement', async () => {
    expect(await statusesServedBy(testApp())).toEqual([
      'Condition/brain active',
      'Condition/liver history',
      'Condition/skin history',
    ]);
  });

  it("reads a site's own word, served in settings.json, as active too", async () => {
    const file = 'site.yaml';
    const site = buildSettings(
      parseConfigText('statusWords:\n  notAbated: [持续, Still under treatment]\n', file),
      { file },
    );
    expect(await statusesServedBy(testApp({ settings: () => site }))).toEqual([
      'Condition/brain active',
      'Condition/liver active',
      'Condition/skin history',
    ]);
  });
});
