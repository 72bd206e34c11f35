/**
 * Shared fast-check generators for the fuzz tests, the values FHIR resources are made of:
 * statuses (./statuses.ts), dates (valid, partial, invalid) and references
 * (this patient, another patient, urn:uuid, absolute URLs, garbage). The resources built from
 * them are in ./resources.ts, the requests carrying those in ./requests.ts.
 *
 * `npm run fuzz` runs 10,000 cases a property; `npm test` runs FUZZ_RUNS (default 200).
 */
import fc from 'fast-check';

/** Cases per property: 200 in `npm test`, 10,000 in `npm run fuzz` (FUZZ_RUNS). */
export const numRuns = Number(process.env.FUZZ_RUNS ?? 200);

/** A vitest timeout for a property whose cases take about `msPerCase` each. */
export const timeoutFor = (msPerCase: number): number => 30_000 + numRuns * msPerCase;

export const PATIENT_ID = 'fuzz-patient';
export const OTHER_PATIENT_ID = 'other-patient';
/** How many ids each resource type draws from: small, so references often hit. */
export const POOL = 4;

const BASE = 'https://ehr.example.org/fhir';

/** A stable urn:uuid per resource, so `urn:uuid:` references can hit a Bundle's fullUrl. */
export function uuidOf(type: string, index: number): string {
  const kind = ['Patient', 'Condition', 'ImagingStudy', 'DiagnosticReport'].indexOf(type) + 1;
  return `urn:uuid:00000000-0000-4000-8000-${String(kind * 1000 + index).padStart(12, '0')}`;
}

// ---- dates ---------------------------------------------------------------------------------

const dateOnly = (d: Date) => d.toISOString().slice(0, 10);
const formats: Record<string, (d: Date) => string> = {
  year: (d) => d.toISOString().slice(0, 4),
  month: (d) => d.toISOString().slice(0, 7),
  date: dateOnly,
  instant: (d) => d.toISOString(),
  offset: (d) => `${dateOnly(d)}T09:30:00+14:00`,
  seconds: (d) => `${d.toISOString().slice(0, 19)}-05:00`,
  noZone: (d) => d.toISOString().slice(0, 16),
};

/** FHIR dateTimes in every precision, half near the frozen "now" (2026-11-01), where windows matter. */
export const validDateArb = fc
  .tuple(
    fc.oneof(
      fc.date({ min: new Date('2025-06-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
      fc.date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
    ),
    fc.constantFrom(...Object.keys(formats)),
  )
  .map(([date, format]) => (formats[format] ?? dateOnly)(date));

/**
 * Dates the resource schema accepts but a calendar does not (Date.parse gives NaN or rolls over);
 * a seconds value of 60, which src/rules/time.ts reads as that minute's :59.999 (H66), at a minute
 * where no leap second ever was.
 */
export const oddDateArb = fc.constantFrom(
  '2026-02-31',
  '2026-11-01T00:00:60Z',
  '0000',
  '2026-04-31',
);

/** Text that is no FHIR dateTime: makes the whole prefetch key invalid (hence missing). */
const garbageDateArb = fc.oneof(
  fc.constantFrom('yesterday', '2026-13-01', '01/02/2026', '', '2026-1-1'),
  fc.string({ maxLength: 12 }),
);

/**
 * Which dates to draw: calendar dates only; also ones the schema accepts and a calendar does
 * not (`odd`); or also text that is no dateTime at all (`any`).
 */
export type DateKinds = 'calendar' | 'odd' | 'any';

export function dateArb(kinds: DateKinds): fc.Arbitrary<string> {
  const calendar = { arbitrary: validDateArb, weight: 40 };
  const odd = { arbitrary: oddDateArb, weight: 3 };
  if (kinds === 'calendar') return validDateArb;
  return kinds === 'odd' ? fc.oneof(calendar, odd) : fc.oneof(calendar, odd, garbageDateArb);
}

// ---- statuses: ./statuses.ts -------------------------------------------------------------

export {
  clinical,
  clinicalStatusArb,
  historyStatusArb,
  verification,
  verificationStatusArb,
} from './statuses.js';

// ---- references ----------------------------------------------------------------------------

/**
 * A subject: this patient in every spelling the record must recognise (the `urn:uuid:` one
 * resolves only when the Patient entry is sent), other patients, garbage, no reference.
 */
export function subjectArb(patients: 'other' | 'any'): fc.Arbitrary<fhir4.Reference> {
  const self = [
    `Patient/${PATIENT_ID}`,
    `Patient/${PATIENT_ID}/_history/3`,
    `${BASE}/Patient/${PATIENT_ID}`,
    uuidOf('Patient', 0),
  ];
  const other = fc.oneof(
    fc.constantFrom(
      `Patient/${OTHER_PATIENT_ID}`,
      `${BASE}/Patient/${OTHER_PATIENT_ID}`,
      uuidOf('Patient', 1),
      'urn:uuid:9f0c8a41-0000-4000-8000-unresolvable',
      `Group/${PATIENT_ID}`,
    ),
    fc.string({ maxLength: 20 }).filter((s) => !s.includes(PATIENT_ID)),
  );
  const reference =
    patients === 'other'
      ? other
      : fc.oneof({ arbitrary: fc.constantFrom(...self), weight: 3 }, other);
  return fc.oneof(
    { arbitrary: reference.map((r) => ({ reference: r })), weight: 9 },
    fc.constant({ display: 'no reference, only a name' }),
  );
}

/** What a Condition's evidence.detail or a report's imagingStudy may point at. */
export function targetArb(
  type: 'ImagingStudy' | 'DiagnosticReport',
): fc.Arbitrary<fhir4.Reference> {
  const id = (i: number) => `${type === 'ImagingStudy' ? 'study' : 'report'}-${String(i)}`;
  return fc
    .oneof(
      fc.nat(POOL).map((i) => `${type}/${id(i)}`),
      fc.nat(POOL).map((i) => uuidOf(type, i)),
      fc.nat(POOL).map((i) => `${BASE}/${type}/${id(i)}/_history/1`),
      fc.constantFrom(`Condition/condition-0`, 'Patient/fuzz-patient', '#contained'),
      fc.string({ maxLength: 16 }),
    )
    .map((reference) => ({ reference }));
}
