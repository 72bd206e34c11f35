/**
 * Rules page §2 "refuted … Conditions are ignored entirely", and §6 "whatever the configuration
 * says". A refuted status reaches the rules two ways: as a standard code, and as a word a site
 * may list in `statusWords.ignored` (docs/configuring.md). Each must hold alone: a coded refuted
 * finding is ignored by a configuration whose word list leaves "refuted" out, and the word
 * "refuted" given as text, with no code, is ignored by the default configuration.
 */
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/config-schema.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { evaluate } from '../../src/rules/evaluate.js';
import type { HookContext, RuleSettings } from '../../src/rules/types.js';
import {
  defaultRuleSettings,
  icd,
  myeloma,
  NOW,
  PATIENT_ID,
  plasmacytoma,
  recordOf,
  SITE,
} from './fixtures.js';

const context: HookContext = { kind: 'patient-view', patientId: PATIENT_ID };
const firedWith = (settings: RuleSettings, resources: fhir4.Resource[]) =>
  evaluate({ record: recordOf(resources), settings, context, now: NOW })
    .outcomes.filter((o) => o.fired)
    .map((o) => `${o.ruleId} ${o.indicator}`);

const relapsed = myeloma('mm', { code: [icd('C90.02')], onset: '2024-05-01' });
const brain = (verificationStatus: fhir4.CodeableConcept) =>
  plasmacytoma('brain', [SITE.brain], { extra: { verificationStatus } });

describe('a refuted finding is ignored by each of its two paths alone (rules page §2, §6)', () => {
  it('gives the critical CNS card for the same brain plasmacytoma confirmed (the control)', () => {
    const confirmed = brain({
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
          code: 'confirmed',
        },
      ],
    });
    expect(firedWith(defaultRuleSettings, [relapsed, confirmed])).toEqual(['emd-cns critical']);
  });

  // A site's config may list its own ignored words and leave "refuted" out: the schema allows
  // any list of words.
  const config = configSchema.parse({ statusWords: { ignored: ['entered in error', '录入错误'] } });
  const settings = buildSettings(config, { file: undefined }).rules;

  for (const [version, system] of [
    ['R4', 'http://terminology.hl7.org/CodeSystem/condition-ver-status'],
    ['STU3', 'http://hl7.org/fhir/condition-ver-status'],
  ] as const)
    it(`ignores a brain plasmacytoma coded refuted (${version}) when statusWords.ignored leaves "refuted" out`, () => {
      expect(settings.statusWords.ignored.has('refuted')).toBe(false);
      const refuted = brain({ coding: [{ system, code: 'refuted' }] });
      expect(firedWith(settings, [relapsed, refuted])).toEqual([]);
    });

  it('ignores a brain plasmacytoma whose verification status is only the text "refuted", with the default words', () => {
    // No coding at all: the standard codes cannot say it; only the word list can.
    expect(firedWith(defaultRuleSettings, [relapsed, brain({ text: 'refuted' })])).toEqual([]);
  });
});
