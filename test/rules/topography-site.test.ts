/**
 * A plasmacytoma whose body site is coded as ICD-O-3 topography, as cancer-registry records give
 * it (H137; probe 11 F5). Rules page §5's site value sets hold SNOMED CT body structures, so the
 * site is in none and the finding is `unclassified` (§3.3), an info card; the trace names the
 * topography site and what a site can do. A site that adds the topography code to its own site
 * value set (docs/configuring.md example a) gets the finding classified by it. Expected lines
 * are typed by hand; the classes and cards from the rules page §3.3 and §4.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { readConfigFile } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { evaluate } from '../../src/rules/evaluate.js';
import type { RuleSettings } from '../../src/rules/types.js';
import { cardsFor } from '../cards/cards-for.js';
import {
  condition,
  defaultRuleSettings,
  icdo3,
  myeloma,
  NOW,
  PATIENT_ID,
  recordOf,
  SITE,
  SYSTEM,
} from './fixtures.js';

const mm = myeloma('mm', { code: [icdo3('9732/3')], onset: '2024-01-01' });
const skinOfTrunk = { system: SYSTEM.icdo3, code: 'C44.5', display: 'Skin of trunk' };
const plasmacytomaAt = (...sites: fhir4.Coding[]) =>
  condition('pc1', {
    code: [icdo3('9734/3')],
    sites,
    clinicalStatus: 'active',
    verificationStatus: 'confirmed',
    onset: '2026-09-01',
  });

function traceOf(resources: fhir4.Resource[], settings: RuleSettings = defaultRuleSettings) {
  return evaluate({
    record: recordOf(resources),
    settings,
    context: { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  });
}

const ADVICE =
  'and the site value sets hold SNOMED CT body structures (rules page §5), so it was not read for the class; send the SNOMED CT body site beside it, or add the topography code, written as the record writes it (C44.5 and C445 are two codes), to the site value set of its class in config (siteSoftTissueOrgan, siteBone, siteCns or siteLeptomeningeal: docs/configuring.md, example a), which then classifies the finding';

describe('a finding whose site is an ICD-O-3 topography code (H137)', () => {
  it('names site C44.5 (Skin of trunk) and what to do, and keeps the unclassified card', () => {
    const evaluation = traceOf([mm, plasmacytomaAt(skinOfTrunk)]);
    expect(evaluation.trace).toContainEqual({
      reference: 'Condition/pc1',
      message: `active finding, class unclassified: no body site is in a site value set; site C44.5 (Skin of trunk) is an ICD-O-3 topography code, ${ADVICE}`,
    });
    const fired = evaluation.outcomes.filter((o) => o.fired).map((o) => o.ruleId);
    expect(fired).toEqual(['emd-unclassified']);
  });

  it('reads the topography under ICD-O-3’s OID and without its dot', () => {
    const site = { system: 'urn:oid:2.16.840.1.113883.6.43.1', code: 'C445' };
    expect(traceOf([mm, plasmacytomaAt(site)]).trace).toContainEqual({
      reference: 'Condition/pc1',
      message: `active finding, class unclassified: no body site is in a site value set; site C445 is an ICD-O-3 topography code, ${ADVICE}`,
    });
  });

  it('names no topography in another system, nor an ICD-O-3 morphology or C81.9', () => {
    for (const site of [
      { system: 'https://ehr.example.org/CodeSystem/sites', code: 'C44.5' },
      { system: SYSTEM.icdo3, code: '9734/3' },
      { system: SYSTEM.icdo3, code: 'C81.9' },
    ]) {
      const messages = traceOf([mm, plasmacytomaAt(site)]).trace.map((line) => line.message);
      expect(messages.join('\n')).not.toContain('topography');
    }
  });

  it('says nothing of topography when a SNOMED CT site beside it gives the class', () => {
    const evaluation = traceOf([mm, plasmacytomaAt(skinOfTrunk, SITE.skin)]);
    const fired = evaluation.outcomes.filter((o) => o.fired).map((o) => o.ruleId);
    expect(fired).toEqual(['emd-soft-tissue']);
    expect(evaluation.trace.map((line) => line.message).join('\n')).not.toContain(
      'ICD-O-3 topography code',
    );
  });
});

describe('a site value set holding ICD-O-3 topography codes (H137, configuring.md a)', () => {
  const SITE_VS = 'http://hospital.example.org/fhir/ValueSet/organ-sites';
  const dir = mkdtempSync(join(tmpdir(), 'emd-cds-topography-'));
  mkdirSync(join(dir, 'value-sets'));
  writeFileSync(
    join(dir, 'value-sets', 'organ-sites.json'),
    JSON.stringify({
      resourceType: 'ValueSet',
      url: SITE_VS,
      status: 'active',
      compose: {
        include: [
          { valueSet: ['https://fhir.emd-cds.org/ValueSet/site-soft-tissue-organ'] },
          { system: SYSTEM.icdo3, concept: [{ code: 'C44.5', display: 'Skin of trunk' }] },
        ],
      },
    }),
  );
  const file = join(dir, 'site.yaml');
  writeFileSync(
    file,
    `valueSets:\n  files: [value-sets]\n  roles:\n    siteSoftTissueOrgan: ${SITE_VS}\n`,
  );
  const settings = buildSettings(readConfigFile(file), { file });

  it('classifies the skin-of-trunk plasmacytoma as true EMD: the warning card', () => {
    const cards = cardsFor([mm, plasmacytomaAt(skinOfTrunk)], { settings });
    const rules = cards.map((card) => [card.extension?.[CARD_EXTENSION.ruleId], card.indicator]);
    expect(rules).toEqual([['emd-soft-tissue', 'warning']]);
  });

  it('gives the class from the site value set in the trace, with no topography advice', () => {
    const evaluation = traceOf([mm, plasmacytomaAt(skinOfTrunk)], settings.rules);
    const line = evaluation.trace.find((l) => l.reference === 'Condition/pc1')?.message ?? '';
    expect(line).toContain('active finding, class emd');
    expect(line).toContain(SITE_VS);
    expect(line).not.toContain('topography');
  });
});
