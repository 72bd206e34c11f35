/**
 * `emd-cds evaluate` (and the console's dry run, which shares its path) reads a Bundle as a
 * hook call's prefetch: each key holds the Bundle's resources of its search's type. An
 * ImagingStudy in STU3's shape (no `status`, `availability: ONLINE`) is then a malformed study,
 * and imaging is optional (rules page §2: "Without it the rules still run"): the cards come,
 * the imaging checks are said to be off, and the problem is named under
 * `prefetch.imagingStudies`, as over HTTP; never a refusal of the Conditions.
 * Expected card from the rules page §4: an active `emd` finding (liver) → emd-soft-tissue, warning.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { removeScratch, runCli, scratch } from '../backtest/run-cli.js';

const CLI_TIMEOUT_MS = 60_000;

const condition = (id: string, code: string, extra: object) => ({
  resourceType: 'Condition',
  id,
  subject: { reference: 'Patient/p1' },
  code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code }] },
  clinicalStatus: {
    coding: [
      { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' },
    ],
  },
  ...extra,
});

const BUNDLE = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      fullUrl: 'Condition/mm',
      resource: condition('mm', 'C90.02', { onsetDateTime: '2024-01-01' }),
    },
    {
      fullUrl: 'Condition/pc1',
      resource: condition('pc1', 'C90.20', {
        onsetDateTime: '2026-10-20',
        bodySite: [{ coding: [{ system: 'http://snomed.info/sct', code: '10200004' }] }],
      }),
    },
    {
      fullUrl: 'ImagingStudy/pet1',
      // STU3's ImagingStudy: no status (R4 1..1), availability in its place.
      resource: {
        resourceType: 'ImagingStudy',
        id: 'pet1',
        subject: { reference: 'Patient/p1' },
        started: '2026-10-25T10:00:00Z',
        modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'PT' }],
        availability: 'ONLINE',
      },
    },
  ],
};

describe(
  'emd-cds evaluate with a malformed study in the Bundle',
  { timeout: CLI_TIMEOUT_MS },
  () => {
    afterAll(removeScratch);

    it('gives the cards and names the study as an imaging gap, not a Conditions failure', async () => {
      const file = join(scratch('emd-cds-split-keys-'), 'bundle.json');
      writeFileSync(file, JSON.stringify(BUNDLE));
      const run = await runCli([
        'evaluate',
        file,
        '--patient',
        'p1',
        '--now',
        '2026-11-01',
        '--json',
        '--explain',
      ]);
      expect(run.stderr).not.toContain('prefetch.conditions');
      expect(run.status).toBe(0);
      const answer = JSON.parse(run.stdout) as {
        cards: { indicator: string; extension: Record<string, unknown> }[];
        explain: { trace: { message: string }[] };
      };
      expect(answer.cards.map((c) => [c.extension[CARD_EXTENSION.ruleId], c.indicator])).toEqual([
        ['emd-soft-tissue', 'warning'],
      ]);
      const trace = answer.explain.trace.map((line) => line.message).join('\n');
      expect(trace).toContain('prefetch.imagingStudies: entry[2].resource is not valid (status');
      expect(trace).not.toContain('prefetch.conditions');
    });
  },
);
