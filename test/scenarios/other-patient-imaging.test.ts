/**
 * Imaging of another patient that this patient's report or finding cites (rules page §2:
 * resources whose subject is not the hook's patient are dropped, as if the record did not hold
 * them). A report of this patient on another patient's study describes someone else's images:
 * it must not make `emd-reported-not-listed` (§4) suggest adding a plasmacytoma to this patient's
 * problem list, nor be shown as where a finding was seen; neither may the other patient's study.
 * The imaging-review hook on another patient's study gives no card. Each row names a Bundle of
 * test/fixtures/other-patient-imaging/ and the cards a clinician should see, typed from the
 * rules page, with a control whose study is this patient's. Each is played through the service
 * twice: from its transaction Bundle (`urn:uuid` fullUrls, as `emd-cds evaluate` reads it) and
 * over HTTP from a prefetch whose searches returned the other patient's study too (H09), with
 * absolute fullUrls and `Type/id` references. "Now" is 2026-11-01.
 */
import { describe, expect, it } from 'vitest';
import { renderExplain } from '../../src/cli/render-cards.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { cardSummary, evidenceOf, ruleOf } from './fixture-bundles.js';
import {
  cardsOverHttp,
  dryRun,
  scenarioNamed,
  scenarios,
} from './other-patient-imaging-scenarios.js';

describe.each(scenarios)('$bundle', (scenario) => {
  for (const hook of ['patient-view', 'review'] as const) {
    const expected = hook === 'patient-view' ? scenario.patientView : scenario.review;
    it(`${hook}, from its transaction Bundle: ${scenario.why}`, async () => {
      const result = await dryRun(scenario, hook);
      expect(cardSummary(result.response.cards)).toEqual([...expected].sort());
    });

    it(`${hook}, over HTTP with the other patient's study in the prefetch`, async () => {
      expect(cardSummary(await cardsOverHttp(scenario, hook))).toEqual([...expected].sort());
    });
  }
});

describe("a finding's card does not show another patient's imaging as where it was seen", () => {
  // The findings line of config/wording/en.yaml: "; seen on <label> (<date>)" per source.
  const findingLine = (card: Card | undefined) =>
    card?.detail?.split('\n').find((line) => line.startsWith('- Liver structure'));
  const softTissueCards = async (bundle: string) => {
    const scenario = scenarioNamed(bundle);
    const fromBundle = (await dryRun(scenario, 'patient-view')).response.cards;
    const overHttp = await cardsOverHttp(scenario, 'patient-view');
    return [fromBundle, overHttp].map((cards) =>
      cards.find((c) => ruleOf(c) === 'emd-soft-tissue'),
    );
  };

  it("names only this patient's CT abdomen, not the other patient's PET/CT nor the report on it", async () => {
    const name = 'finding-cites-other-patients-imaging';
    for (const card of await softTissueCards(name)) {
      expect(findingLine(card)).toBe(
        '- Liver structure: true EMD \\(soft tissue / organ\\), since 2026-10-20; seen on CT abdomen with contrast (2026-10-20)',
      );
      expect(evidenceOf(card)).toEqual(
        expect.arrayContaining([`Condition/${name}-pc1`, `ImagingStudy/${name}-ct1`]),
      );
      expect(evidenceOf(card)).not.toContain(`ImagingStudy/${name}-other-pet1`);
      expect(evidenceOf(card)).not.toContain(`DiagnosticReport/${name}-pet1-report`);
    }
  });

  it("still names the PET/CT when it is this patient's (the control)", async () => {
    const name = 'finding-cites-own-imaging';
    for (const card of await softTissueCards(name)) {
      expect(findingLine(card)).toBe(
        '- Liver structure: true EMD \\(soft tissue / organ\\), since 2026-10-20; seen on FDG PET/CT whole body (2026-10-12); seen on CT abdomen with contrast (2026-10-20)',
      );
      expect(evidenceOf(card)).toEqual(
        expect.arrayContaining([`ImagingStudy/${name}-pet1`, `ImagingStudy/${name}-ct1`]),
      );
    }
  });
});

describe("the explain trace says why the other patient's imaging was left out", () => {
  const explainOf = async (bundle: string, hook: 'patient-view' | 'review') =>
    renderExplain(await dryRun(scenarioNamed(bundle), hook));
  const DROPPED = "another patient's (dropped: its subject is not the patient of this hook call)";

  it('names the report set aside under emd-reported-not-listed, and the study it is on', async () => {
    const name = 'report-on-other-patients-study';
    const explain = await explainOf(name, 'patient-view');
    expect(explain).toContain('  emd-reported-not-listed: not fired\n');
    expect(explain).toContain(
      `    - DiagnosticReport/${name}-pet1-report ignored: the study it reports on, ImagingStudy/${name}-other-pet1, is ${DROPPED}, so the report may be another patient's\n`,
    );
  });

  it("says the study under review is not this patient's, under each imaging-review rule", async () => {
    const name = 'report-on-other-patients-study';
    const explain = await explainOf(name, 'review');
    for (const rule of ['emd-cns-imaging-review', 'emd-imaging-review'])
      expect(explain).toContain(
        `  ${rule}: not fired\n    - ImagingStudy/${name}-other-pet1 is not this patient's study: its subject is not the patient of this hook call`,
      );
  });

  it("names each source of the finding left out as another patient's", async () => {
    const name = 'finding-cites-other-patients-imaging';
    const explain = await explainOf(name, 'patient-view');
    expect(explain).toContain(
      `  Condition/${name}-pc1: source ImagingStudy/${name}-other-pet1 left out: it is ${DROPPED}\n`,
    );
    expect(explain).toContain(
      `  Condition/${name}-pc1: source DiagnosticReport/${name}-pet1-report left out: the study it reports on, ImagingStudy/${name}-other-pet1, is ${DROPPED}, so the report may be another patient's\n`,
    );
  });

  it("leaves nothing out when the imaging is this patient's (the control)", async () => {
    const explain = await explainOf('finding-cites-own-imaging', 'patient-view');
    expect(explain).not.toContain(' left out: ');
    expect(explain).not.toContain(' ignored: ');
  });
});
