/**
 * The EMD timeline against the rules page and the service's cards, one row per Bundle: every
 * example patient (fhir-resources/examples/) and every hazard fixture (test/fixtures/). A
 * clinician compares the timeline with the cards shown a minute before, so for the same Bundle
 * both must give the same findings, each of the same class, active or history alike, the same
 * phase, the same studies as imaging done (rules page §3.4: only `available`) and the same
 * dates. The expected values are typed by hand (./timeline-agreement-rows.ts,
 * ./timeline-agreement-emd-rows.ts, ./timeline-agreement-fixture-rows.ts); each side is held
 * to them, never to the other.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { timelineSettingsDocument } from '../../src/http/timeline-app.js';
import { evaluate } from '../../src/rules/evaluate.js';
import type { Finding } from '../../src/rules/finding.js';
import {
  buildPatientRecord,
  flattenResources,
  type SourcedResource,
} from '../../src/rules/patient-record.js';
import { isoDate } from '../../src/rules/time.js';
import { formatDate } from '../../web/timeline/i18n.js';
import { labelsFor } from '../../web/timeline/labels.js';
import { studyLookOf } from '../../web/timeline/study-status.js';
import { buildTimelineModel } from '../../web/timeline/timeline-model.js';
import { compileTimelineSettings } from '../../web/timeline/timeline-settings.js';
import { defaultSettings, SCENARIO_NOW } from '../support/app.js';
import { FIXTURE_ROWS } from './timeline-agreement-fixture-rows.js';
import { EXAMPLE_ROWS_WITH_EMD } from './timeline-agreement-emd-rows.js';
import { EXAMPLE_ROWS_WITHOUT_EMD, type AgreementRow } from './timeline-agreement-rows.js';

/** settings.json as the browser receives it: the service's document, through JSON. */
const served = compileTimelineSettings(
  JSON.parse(JSON.stringify(timelineSettingsDocument(defaultSettings))),
);
const labels = labelsFor('en', served);

function read(bundle: string): { patientId: string; resources: SourcedResource[] } {
  const [where, ...rest] = bundle.split('/');
  const folder = where === 'examples' ? ['fhir-resources', 'examples'] : ['test', 'fixtures'];
  const file = join(PROJECT_ROOT, ...folder, `${rest.join('/')}.json`);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as fhir4.Bundle;
  // Every Bundle's id is its patient's (fhir-resources/examples/README.md, docs/contributing.md).
  return { patientId: parsed.id ?? '', resources: flattenResources([parsed]) };
}

/** Rows compare as sets: two findings of one day may come in either order. */
const sorted = (rows: readonly unknown[]) =>
  rows.map((row) => JSON.stringify(row)).sort((a, b) => a.localeCompare(b));

const statusOf = (status: 'active' | 'history', isUncertain: boolean) =>
  isUncertain ? `${status}, unconfirmed` : status;

function timelineSide(row: AgreementRow) {
  const { patientId, resources } = read(row.bundle);
  const model = buildTimelineModel(
    buildPatientRecord(patientId, resources),
    served.rules,
    SCENARIO_NOW,
  );
  return {
    isMyelomaPatient: model.isMyelomaPatient,
    phase: model.phase,
    findings: model.findings.map((f) => [
      f.findingClass ?? 'text-only',
      statusOf(f.status, f.isUncertain),
      f.sites.map((site) => site.region ?? 'off map'),
      labels.date(f.date),
    ]),
    studies: model.studies.map((s) => [
      s.reference.replace(`ImagingStudy/${patientId}-`, ''),
      studyLookOf(s),
      labels.date(s.date),
    ]),
  };
}

/** The service's own facts for the same Bundle, with each finding's date as its card gives it. */
function serviceSide(row: AgreementRow) {
  const { patientId, resources } = read(row.bundle);
  const { facts } = evaluate({
    record: buildPatientRecord(patientId, resources),
    settings: defaultSettings.rules,
    context: { kind: 'patient-view', patientId },
    now: SCENARIO_NOW,
  });
  const line = (status: 'active' | 'history') => (f: Finding) => [
    f.findingClass,
    statusOf(status, f.isUncertain),
    formatDate(isoDate(f.onset), 'en') ?? labels.t.noDate,
  ];
  return {
    isMyelomaPatient: facts.myeloma.isMyelomaPatient,
    phase: facts.phase.phase,
    findings: [
      ...facts.findings.active.map(line('active')),
      ...facts.findings.history.map(line('history')),
      ...facts.findings.textOnly.map((m) => ['text-only', statusOf('active', m.isUncertain)]),
    ],
  };
}

describe.each([
  ['an example patient', [...EXAMPLE_ROWS_WITHOUT_EMD, ...EXAMPLE_ROWS_WITH_EMD]],
  ['a hazard fixture', FIXTURE_ROWS],
])('the timeline and the cards for %s', (_, rows) => {
  it.each(rows.map((row) => [row.bundle, row] as const))('%s', (_bundle, row) => {
    const timeline = timelineSide(row);
    expect(timeline.isMyelomaPatient, `${row.why}: myeloma (§3.1)`).toBe(row.phase !== null);
    if (row.phase) expect(timeline.phase, `${row.why}: phase (§3.2)`).toBe(row.phase);
    expect(sorted(timeline.findings), `${row.why}: findings`).toEqual(sorted(row.findings));
    expect(sorted(timeline.studies), `${row.why}: studies`).toEqual(sorted(row.studies));

    const service = serviceSide(row);
    expect(service.isMyelomaPatient, 'the service: myeloma (§3.1)').toBe(row.phase !== null);
    if (row.phase) expect(service.phase, 'the service: phase (§3.2)').toBe(row.phase);
    expect(sorted(service.findings), 'the service: findings').toEqual(
      sorted(
        row.findings.map(([findingClass, status, , date]) =>
          findingClass === 'text-only' ? [findingClass, status] : [findingClass, status, date],
        ),
      ),
    );
  });
});
