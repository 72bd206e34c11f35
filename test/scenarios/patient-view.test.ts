/**
 * The rules page, patient by patient: every example patient in fhir-resources/examples/
 * gives exactly the cards its row in patient-view-scenarios.ts expects — evaluated straight
 * from its transaction Bundle (urn:uuid references) and over HTTP from its generated
 * prefetch request (Type/id references).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { PATHS, PROJECT_ROOT } from '../../src/config/project-paths.js';
import { evaluate } from '../../src/rules/evaluate.js';
import { buildPatientRecord, flattenResources } from '../../src/rules/patient-record.js';
import {
  defaultSettings,
  expectValidHookResponse,
  readExampleBundle,
  readExampleRequest,
  SCENARIO_NOW,
  testApp,
} from '../support/app.js';
import { patientViewScenarios, type PatientViewScenario } from './patient-view-scenarios.js';

const PACKAGE_VERSION = (
  JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

const byRule = (cards: { ruleId: string; indicator: string }[]) =>
  [...cards].sort((a, b) => a.ruleId.localeCompare(b.ruleId));

describe('every example patient has a scenario row', () => {
  it('lists each bundle in fhir-resources/examples/ exactly once', () => {
    const bundles = readdirSync(PATHS.examples)
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.replace(/\.json$/, ''))
      .sort();
    expect(patientViewScenarios.map((s) => s.bundle).sort()).toEqual(bundles);
  });

  it('covers every patient-view rule firing and the must-not-warn cases', () => {
    const fired = new Set(
      patientViewScenarios.flatMap((s) => s.cards.map((c) => `${c.ruleId}:${c.indicator}`)),
    );
    for (const expected of [
      'emd-leptomeningeal:critical',
      'emd-cns:critical',
      'emd-soft-tissue:warning',
      'emd-paraskeletal:info',
      'emd-unclassified:info',
      'emd-soft-tissue:info',
      'emd-leptomeningeal:warning',
    ]) {
      expect(fired).toContain(expected);
    }
    expect(patientViewScenarios.filter((s) => s.cards.length === 0).length).toBeGreaterThanOrEqual(
      6,
    );
  });
});

describe.each(patientViewScenarios)('$bundle', (scenario: PatientViewScenario) => {
  it(`evaluated from its transaction Bundle: ${scenario.why}`, () => {
    const bundle = readExampleBundle(scenario.bundle);
    const record = buildPatientRecord(scenario.bundle, flattenResources([bundle]));
    const { facts, outcomes } = evaluate({
      record,
      settings: defaultSettings.rules,
      context: { kind: 'patient-view', patientId: scenario.bundle },
      now: SCENARIO_NOW,
    });

    const fired = outcomes
      .filter((o) => o.fired)
      .map((o) => ({ ruleId: o.ruleId, indicator: o.indicator ?? 'none' }));
    expect(byRule(fired)).toEqual(byRule(scenario.cards));
    expect(facts.myeloma.isMyelomaPatient ? facts.phase.phase : null).toBe(scenario.phase);
    for (const [ruleId, count] of Object.entries(scenario.findingCounts ?? {})) {
      expect(outcomes.find((o) => o.ruleId === ruleId)?.findings).toHaveLength(count);
    }
    for (const outcome of outcomes) expect(outcome.explain.length).toBeGreaterThan(0);
  });

  it('gives the same cards over HTTP from its example request', async () => {
    const response = await request(testApp())
      .post('/cds-services/emd-patient-view')
      .send(readExampleRequest(scenario.bundle));
    expect(response.status).toBe(200);
    const { cards } = expectValidHookResponse(response.body);
    const got = cards.map((card) => ({
      ruleId: String(card.extension?.[CARD_EXTENSION.ruleId]),
      indicator: card.indicator,
    }));
    expect(byRule(got)).toEqual(byRule(scenario.cards));
    for (const card of cards) {
      const evidence = card.extension?.[CARD_EXTENSION.evidence] as string[];
      expect(evidence.length).toBeGreaterThan(0);
      expect(
        evidence.every((ref) =>
          /^(Condition|ImagingStudy|DiagnosticReport)\/[A-Za-z0-9\-.]+$/.test(ref),
        ),
      ).toBe(true);
      // Rules page §4: the hash of the configuration in force (the one the app was given) and
      // the service version, which is the package's own (package.json), not src's reading of it.
      expect(card.extension?.[CARD_EXTENSION.configHash]).toMatch(/^[0-9a-f]{16}$/);
      expect(card.extension?.[CARD_EXTENSION.configHash]).toBe(defaultSettings.configHash);
      expect(card.extension?.[CARD_EXTENSION.serviceVersion]).toBe(PACKAGE_VERSION);
    }
  });
});
