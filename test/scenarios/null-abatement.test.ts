/**
 * Abatements written as JSON `null`. Rules page §2: a Condition "that has an abatement" is
 * history; one with no abatement and clinicalStatus active is active, and an active CNS
 * finding raises `emd-cns` (critical), an active soft-tissue one `emd-soft-tissue` (warning)
 * (§3.3, §4). FHIR JSON forbids `null`, but exports that write every element of a choice type
 * (`abatementAge`, `abatementPeriod`, `abatementRange`, `abatementString`) carry them; a `null`
 * holds no abatement, so it must not turn an active finding into history and hide its card.
 *
 * Each row names a Bundle of test/fixtures/null-abatement/ and the cards a clinician should
 * see, typed from the rules page; it is played from the transaction Bundle and over HTTP from
 * its prefetch request, as ./voided-imaging.test.ts plays its Bundles. "Now" is 2026-11-01.
 */
import { fixtureBundles, playScenarioRows, type ScenarioRow } from './fixture-bundles.js';

// Every patient has confirmed, active myeloma in relapse (C90.02, since 2023-04-12) and one
// extramedullary plasmacytoma in relapse (C90.22), clinicalStatus active, verificationStatus
// confirmed, since 2026-09-20, at the site the row names.
const scenarios: ScenarioRow[] = [
  {
    bundle: 'brain-every-abatement-null',
    why: '§2, §3.3 class 3, §4: a brain plasmacytoma whose abatementAge, abatementPeriod, abatementRange and abatementString are all null has no abatement: active CNS disease, critical',
    cards: ['emd-cns critical'],
  },
  {
    bundle: 'liver-abatement-string-null',
    why: '§2, §3.3 class 4, §4: a liver plasmacytoma with abatementString null is active true EMD: warning',
    cards: ['emd-soft-tissue warning'],
  },
  {
    bundle: 'brain-abatement-string',
    why: '§2 "has an abatement … is history … never raises a card of its own": the same brain plasmacytoma abated "2026-10, after radiotherapy" (the control)',
    cards: [],
  },
];

const bundles = fixtureBundles('null-abatement');

playScenarioRows(scenarios, bundles);
