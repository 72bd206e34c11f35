/**
 * Fuzz, property 2: the real example requests of every hook (cds-hooks/examples/), mutated —
 * a node deleted, or replaced with a random or hostile value, at any path or at the fields
 * the service reads; prefetch keys set to null, OperationOutcomes, wrong resource types,
 * huge strings, deeply nested arrays. Never a 5xx; a 200 passes the response schema (testApp
 * turns a violation into a 500); a 400 names the field; a 412 names the prefetch key; and no
 * warning or critical card rests only on refuted, entered-in-error or history Conditions
 * (rules page §6), in mutated requests and in records built to contain nothing else.
 *
 * `npm test` runs FUZZ_RUNS cases a property (default 200); `npm run fuzz` runs 10,000.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import {
  clinical,
  numRuns,
  timeoutFor,
  verification,
  verificationStatusArb,
} from './arbitraries.js';
import { codingIn, isCodeIn, SETS } from './codes.js';
import {
  cardsOf,
  expectFieldNamed,
  expectSoundAnswer,
  FuzzServer,
  issuesOf,
  ruleIdOf,
} from './harness.js';
import { applyMutation, mutationArb } from './mutations.js';
import { expectNoGroundlessAlarm } from './never-rules.js';
import { HOOK_SERVICES, searchBundle, type FuzzHook } from './requests.js';
import { conditionArb } from './resources.js';
import { assertProperty } from './remembered-property.js';

const server = new FuzzServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

interface Example {
  name: string;
  serviceId: string;
  body: Record<string, unknown>;
}

const EXAMPLES_DIR = join(PROJECT_ROOT, 'cds-hooks', 'examples');
const examples: Example[] = readdirSync(EXAMPLES_DIR).flatMap((folder) =>
  readdirSync(join(EXAMPLES_DIR, folder)).map((file) => {
    const body = JSON.parse(readFileSync(join(EXAMPLES_DIR, folder, file), 'utf8')) as Record<
      string,
      unknown
    >;
    const name = `${folder}/${file}`;
    return {
      name,
      serviceId: HOOK_SERVICES[body.hook as FuzzHook].serviceId,
      body,
      [fc.toStringMethod]: () => name,
    };
  }),
);
/** Drawn by index, so a counterexample prints the example's name, not the whole request. */
const exampleArb = fc.nat({ max: examples.length - 1 }).map((i) => examples[i] as Example);

const copy = (body: Record<string, unknown>) =>
  JSON.parse(JSON.stringify(body)) as Record<string, unknown>;

describe('a mutated example request', () => {
  it(
    'never answers 5xx; 400 names the field, 412 the prefetch key; no card rests only on groundless Conditions',
    async () => {
      await assertProperty(
        fc.asyncProperty(
          exampleArb,
          fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
          async (example, mutations) => {
            const body = copy(example.body);
            for (const mutation of mutations) applyMutation(body, mutation);
            const sent = JSON.stringify(body);
            const answer = await server.post(`/cds-services/${example.serviceId}`, sent);
            expectSoundAnswer(answer, sent);
            if (answer.status === 400) expectFieldNamed(issuesOf(answer));
            if (answer.status === 412)
              for (const issue of issuesOf(answer))
                expect(issue.expression?.[0] ?? '').toMatch(/^prefetch\.[A-Za-z]+$/);
            if (answer.status === 200) expectNoGroundlessAlarm(cardsOf(answer), body);
          },
        ),
        { numRuns },
      );
    },
    timeoutFor(60),
  );
});

// ---- records that hold nothing a warning could rest on -------------------------------------

const settled = { codes: 'finding', dates: 'calendar', uncheckedJunk: false } as const;

/** A plasmacytoma made groundless in one of the ways rules page §6 names. */
const groundlessFindingArb: fc.Arbitrary<fhir4.Condition> = fc
  .tuple(
    conditionArb(settled),
    verificationStatusArb,
    fc.constantFrom(
      'refuted',
      'entered-in-error',
      'resolved',
      'inactive',
      'remission',
      'abated',
      'text-only',
    ),
  )
  .map(([condition, anyVerification, how]): fhir4.Condition => {
    switch (how) {
      case 'refuted':
      case 'entered-in-error':
        return { ...condition, verificationStatus: verification(how) };
      case 'abated':
        // Begun before it abated: an abatement dated before the Condition's own onset says
        // nothing of when it abated (H106), so that record would not be history.
        return {
          ...condition,
          onsetDateTime: '2024-01-01',
          abatementDateTime: '2025-03-01',
          verificationStatus: anyVerification,
        };
      case 'text-only':
        return {
          ...condition,
          code: { text: `Plasmacytoma, ${condition.code?.text ?? 'brain'}` },
          clinicalStatus: clinical('active'),
        };
      case 'resolved':
      case 'inactive':
      case 'remission':
        return {
          ...condition,
          clinicalStatus: clinical(how),
          verificationStatus: anyVerification,
        };
    }
  });

/** Myeloma not in relapse (a relapse makes the phase `relapsed`, which may raise a warning). */
const myelomaArb = fc
  .tuple(
    codingIn(SETS.myeloma).filter((c) => !isCodeIn(c, ['myeloma-relapse'])),
    fc.constantFrom('active', 'inactive', 'remission'),
    fc.constantFrom('confirmed', 'unconfirmed', 'provisional'),
  )
  .map(([coding, status, certainty]): fhir4.Condition => ({
    resourceType: 'Condition',
    subject: { reference: 'Patient/PATIENT' },
    code: { coding: [coding] },
    clinicalStatus: clinical(status),
    verificationStatus: verification(certainty),
    onsetDateTime: '2026-06-01',
  }));

function withConditions(example: Example, conditions: fhir4.Condition[]): Record<string, unknown> {
  const body = copy(example.body);
  const context = body.context as { patientId: string };
  const patient = `Patient/${context.patientId}`;
  const entries = conditions.map((condition, i) => ({
    resource: {
      ...condition,
      id: `fuzz-condition-${String(i)}`,
      // The arbitraries speak of "fuzz-patient"; here the Conditions belong to the example's patient.
      subject: { reference: patient },
    },
  }));
  body.prefetch = { ...(body.prefetch as object), conditions: searchBundle(entries) };
  return body;
}

/** Every card of the answer is info, for a record of myeloma plus groundless findings only. */
async function expectOnlyInfoCards(
  example: Example,
  myeloma: fhir4.Condition[],
  findings: fhir4.Condition[],
): Promise<void> {
  const body = withConditions(example, [...myeloma, ...findings]);
  const sent = JSON.stringify(body);
  const answer = await server.post(`/cds-services/${example.serviceId}`, sent);
  expectSoundAnswer(answer, sent);
  expect(answer.status).toBe(200);
  for (const card of cardsOf(answer))
    expect(`${String(ruleIdOf(card))}: ${card.indicator}`).toMatch(/: info$/);
}

const myelomasArb = fc.array(myelomaArb, { minLength: 1, maxLength: 2 });

/**
 * The counterexample `npm test` found (seed -1449495531, path "29:0:1:1:1:…"), reduced by
 * hand: myeloma not in relapse, and one solitary plasmacytoma coded "in relapse" (C90.32)
 * that is in remission; the radiologist reviews a brain MRI.
 */
const HISTORY_RAISES_A_WARNING: [Example, fhir4.Condition[], fhir4.Condition[]] = [
  examples.find((e) => e.name === 'imagingstudy-review/cns-and-unclassified-mr1.json') ??
    (examples[0] as Example),
  [
    {
      resourceType: 'Condition',
      subject: { reference: 'Patient/PATIENT' },
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'C90.00' }] },
      clinicalStatus: clinical('active'),
    },
  ],
  [
    {
      resourceType: 'Condition',
      subject: { reference: 'Patient/PATIENT' },
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'C90.32' }] },
      clinicalStatus: clinical('remission'),
    },
  ],
];

describe('a record whose findings are all refuted, entered-in-error, history or text only', () => {
  // Regression example: this property failed on its 30th case under `npm test` (seed
  // -1449495531, path "29:0:1:1:1:…"): the phase became `relapsed` from a plasmacytoma coded
  // "in relapse" (C90.32) that was in remission, and emd-cns-imaging-review raised a warning
  // for the brain MRI under review — a warning from history data, against rules page §6.
  // Fixed in src/rules/phase.ts (only active findings make a relapse).
  it(
    'gets only info cards, on every hook (rules page §6)',
    async () => {
      await assertProperty(
        fc.asyncProperty(
          exampleArb,
          myelomasArb,
          fc.array(groundlessFindingArb, { minLength: 1, maxLength: 4 }),
          expectOnlyInfoCards,
        ),
        { numRuns, examples: [HISTORY_RAISES_A_WARNING] },
      );
    },
    timeoutFor(60),
  );
});
