/**
 * A backtest over files has no FHIR server to read data afresh from, so a Condition, imaging
 * study or report marked SUBSETTED (FHIR R4 §Search `_summary`/`_elements`: v3-ObservationValue
 * SUBSETTED, "some information has been removed") is not read as whole
 * (docs/clinical-safety.md H108): the service would read it afresh, or answer 412, so its
 * cards cannot be known from the file. Such a patient is listed and not evaluated, never
 * counted from partial data. Rules page §2 reads an absent verificationStatus as confirmed and
 * an absent clinicalStatus as active: a refuted meninges plasmacytoma sent without its statuses
 * would read as emd-leptomeningeal, critical (§4), a card §6 forbids.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/backtest/backtest-report.js';
import { evaluatePatient, readPatient } from '../../src/backtest/evaluate-patient.js';
import { renderHtml } from '../../src/backtest/render-html.js';
import { renderTable } from '../../src/backtest/render-table.js';
import { addPatient, emptyTally } from '../../src/backtest/tally.js';
import { loadDefaultSettings } from '../../src/config/load-settings.js';
import { NO_INPUT, TALLY_META } from './codes-not-read-export.js';
import { expectedPatientView, type ExpectedRule } from './expected-counts.js';
import { exampleBundles, writeExampleExport } from './export-examples.js';
import { removeScratch, runCli, scratch } from './run-cli.js';

const rules = loadDefaultSettings().rules;
const NOW = new Date('2026-11-01T00:00:00Z');
const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const SNOMED = 'http://snomed.info/sct';
const V3_OBSERVATION_VALUE = 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue';
/** STU3's spelling of the same code system. */
const V3_OBSERVATION_VALUE_STU3 = 'http://hl7.org/fhir/v3/ObservationValue';
const subject = { reference: 'Patient/p1' };
const tagged = (system: string, code = 'SUBSETTED') => ({ tag: [{ system, code }] });

const myeloma = {
  resourceType: 'Condition',
  id: 'mm',
  subject,
  code: { coding: [{ system: ICD_10_CM, code: 'C90.00' }] },
  onsetDateTime: '2026-09-01',
};
/** A liver plasmacytoma, sent whole: true EMD, emd-soft-tissue warning (rules page §4). */
const liverPlasmacytoma = {
  resourceType: 'Condition',
  id: 'emp',
  subject,
  code: { coding: [{ system: ICD_10_CM, code: 'C90.20' }] },
  bodySite: [{ coding: [{ system: SNOMED, code: '10200004' }] }],
  onsetDateTime: '2026-09-15',
};
/** Refuted on the EHR; as `_elements=code,subject,bodySite` sends it: no statuses. */
const refutedMeningesSubsetted = (system = V3_OBSERVATION_VALUE) => ({
  resourceType: 'Condition',
  id: 'meninges-refuted',
  meta: tagged(system),
  subject,
  code: { coding: [{ system: ICD_10_CM, code: 'C90.20' }] },
  bodySite: [{ coding: [{ system: SNOMED, code: '1231004' }] }],
});
const ct = {
  resourceType: 'ImagingStudy',
  id: 'ct1',
  subject,
  status: 'available',
  started: '2026-09-10',
};
const ctReport = {
  resourceType: 'DiagnosticReport',
  id: 'ct1-report',
  subject,
  status: 'final',
  category: [
    { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD' }] },
  ],
  code: { text: 'CT abdomen' },
  effectiveDateTime: '2026-09-10',
};

const evaluated = (resources: unknown[]) =>
  evaluatePatient(readPatient('p1', resources), 'patient-view', rules, NOW);

const NOT_EVALUATED = {
  isMyelomaPatient: false,
  cards: [],
  invalidResources: 0,
  refused: false,
  sentInPart: true,
  codesNotRead: [],
};

describe('a backtest patient with data marked SUBSETTED', () => {
  for (const system of [V3_OBSERVATION_VALUE, V3_OBSERVATION_VALUE_STU3])
    it(`counts no card from a refuted meninges plasmacytoma sent without its statuses (${system})`, () => {
      expect(evaluated([myeloma, liverPlasmacytoma, refutedMeningesSubsetted(system)])).toEqual(
        NOT_EVALUATED,
      );
    });

  it('counts no card from it marked SUBSETTED in meta.security either (H141)', () => {
    const meta = { security: [{ system: V3_OBSERVATION_VALUE, code: 'SUBSETTED' }] };
    expect(
      evaluated([myeloma, liverPlasmacytoma, { ...refutedMeningesSubsetted(), meta }]),
    ).toEqual(NOT_EVALUATED);
  });

  // H141: REDACTED is removed by the sender's policy, not sent in part: evaluated as the service
  // reads it, the absent statuses not readable (rules page §2, §6: info at most).
  for (const place of ['tag', 'security'] as const)
    it(`evaluates a patient with a Condition marked REDACTED in meta.${place}`, () => {
      const meta = { [place]: [{ system: V3_OBSERVATION_VALUE, code: 'REDACTED' }] };
      const result = evaluated([
        myeloma,
        liverPlasmacytoma,
        { ...refutedMeningesSubsetted(), meta },
      ]);
      expect(result.sentInPart).toBe(false);
      expect(result.cards).toEqual([
        { ruleId: 'emd-leptomeningeal', indicator: 'info' },
        { ruleId: 'emd-soft-tissue', indicator: 'warning' },
      ]);
    });

  it('is not evaluated for an imaging study or a report sent in part either', () => {
    const inPart = { meta: tagged(V3_OBSERVATION_VALUE) };
    expect(evaluated([myeloma, liverPlasmacytoma, { ...ct, ...inPart }])).toEqual(NOT_EVALUATED);
    expect(evaluated([myeloma, liverPlasmacytoma, ct, { ...ctReport, ...inPart }])).toEqual(
      NOT_EVALUATED,
    );
  });

  it('is not evaluated when the resource sent in part is also malformed', () => {
    const study = { ...ct, status: 7, meta: tagged(V3_OBSERVATION_VALUE) };
    expect(evaluated([myeloma, liverPlasmacytoma, study])).toEqual({
      ...NOT_EVALUATED,
      invalidResources: 1,
    });
  });

  // What H108 does not judge, as the hook path does not: the Patient is for display, and a
  // SUBSETTED code of another system or in another case is not FHIR's tag.
  const notJudged: [string, unknown[]][] = [
    [
      'a Patient marked SUBSETTED',
      [{ resourceType: 'Patient', id: 'p1', meta: tagged(V3_OBSERVATION_VALUE) }],
    ],
    [
      'a Condition tagged SUBSETTED under another system',
      [{ ...myeloma, id: 'mm2', meta: tagged('http://example.org/tags') }],
    ],
    [
      'a Condition tagged subsetted in lower case',
      [{ ...myeloma, id: 'mm2', meta: tagged(V3_OBSERVATION_VALUE, 'subsetted') }],
    ],
  ];
  for (const [what, extra] of notJudged)
    it(`counts the liver plasmacytoma's warning beside ${what}`, () => {
      const result = evaluated([myeloma, liverPlasmacytoma, ...extra]);
      expect(result.sentInPart).toBe(false);
      expect(result.cards).toEqual([{ ruleId: 'emd-soft-tissue', indicator: 'warning' }]);
    });

  it('lists the patient in the report and says why it was not evaluated', () => {
    const tally = emptyTally();
    addPatient(tally, 'key-1', evaluated([myeloma, refutedMeningesSubsetted()]), {
      listsIds: false,
    });
    addPatient(tally, 'key-2', evaluated([myeloma, liverPlasmacytoma]), { listsIds: false });
    expect(tally.subsettedPatients).toEqual(['key-1']);
    const report = buildReport(tally, { ...TALLY_META, showIds: false }, NO_INPUT);
    expect(report.input.subsettedPatients).toEqual(['key-1']);
    expect(report.myelomaPatients).toBe(1);
    expect(report.rules['emd-leptomeningeal']?.patients).toBe(0);
    expect(renderTable(report)).toContain(
      'patients whose data were sent in part, so not evaluated: no card and no myeloma counted (1; a Condition, imaging study or report marked SUBSETTED',
    );
    expect(renderTable(report)).toMatch(/without _elements or _summary\): key-1\n/);
    expect(renderHtml(report)).toContain(
      '1 patients whose data were sent in part, so not evaluated (a Condition, imaging study or report marked SUBSETTED',
    );
  });
});

const CLI_NOW = '2026-11-01T00:00:00Z';
/** Spawning the CLI, its worker threads and DuckDB on a shared 2-core machine takes a while. */
const CLI_TIMEOUT_MS = 120_000;
/**
 * `refuted-plasmacytoma` (examples README): a liver plasmacytoma refuted by biopsy, no card.
 * Its plasmacytoma as `_elements=code,subject,bodySite` exports it: marked, no statuses, which
 * would read as an active, confirmed liver plasmacytoma (emd-soft-tissue) if read as whole.
 */
const REFUTED = 'refuted-plasmacytoma';
function inPart(resource: Record<string, unknown>): Record<string, unknown> {
  const { clinicalStatus: _c, verificationStatus: _v, ...rest } = resource;
  return { ...rest, meta: tagged(V3_OBSERVATION_VALUE) };
}
const isRefutedFinding = (resource: { id?: unknown }) => resource.id === `${REFUTED}-pc1`;

interface Report {
  rules: Record<string, ExpectedRule>;
  input: { subsettedPatients: string[] };
}

/** The rules with a card: what the scenario table counts (./expected-counts.ts). */
const counts = (report: Report) =>
  Object.fromEntries(
    Object.entries(report.rules)
      .filter(([, rule]) => rule.cards > 0)
      .map(([id, r]) => [id, { patients: r.patients, byIndicator: r.byIndicator, cards: r.cards }]),
  );

describe('emd-cds backtest of files holding data sent in part', { timeout: CLI_TIMEOUT_MS }, () => {
  afterAll(removeScratch);

  it('lists the patient of a Bundle folder and counts the scenario table', async () => {
    const dir = scratch('emd-cds-subsetted-');
    for (const { name, bundle } of exampleBundles()) {
      for (const entry of bundle.entry ?? [])
        if (entry.resource && isRefutedFinding(entry.resource))
          entry.resource = inPart(entry.resource as never) as never;
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(bundle));
    }
    const run = await runCli(['backtest', dir, '--now', CLI_NOW, '--json', '--show-ids']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Report;
    expect(report.input.subsettedPatients).toEqual([REFUTED]);
    expect(counts(report)).toEqual(expectedPatientView());
  });

  it('lists the patient of an NDJSON export, in the table too', async () => {
    const dir = scratch('emd-cds-subsetted-');
    writeExampleExport(dir, { gzip: false });
    const file = join(dir, 'Condition.ndjson');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const written = lines.map((line) => {
      const condition = JSON.parse(line) as Record<string, unknown>;
      return isRefutedFinding(condition) ? JSON.stringify(inPart(condition)) : line;
    });
    writeFileSync(file, `${written.join('\n')}\n`);
    const run = await runCli(['backtest', dir, '--now', CLI_NOW, '--show-ids']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      /^patients whose data were sent in part, so not evaluated: no card and no myeloma counted \(1; .*\): refuted-plasmacytoma$/m,
    );
    // The liver plasmacytoma, read as whole, would have added a patient here.
    const soft = expectedPatientView()['emd-soft-tissue'];
    const cells = [soft?.patients, ...Object.values(soft?.byIndicator ?? {}), soft?.cards];
    expect(run.stdout).toMatch(new RegExp(`^emd-soft-tissue +${cells.join(' +')} `, 'm'));
  });
});
