/**
 * Imaging entered in error (rules page §6: no card from entered-in-error data). An ImagingStudy
 * marked entered-in-error was withdrawn, often because it was filed under the wrong patient, so
 * a report resting on it cannot be read as this patient's; it must not make `emd-reported-not-listed`
 * (§4) suggest adding a plasmacytoma to this patient's problem list, nor be shown as a finding's
 * source. Each row names a Bundle of test/fixtures/voided-imaging/ and the cards a clinician
 * should see, typed from the rules page; it is played from the transaction Bundle (`urn:uuid`
 * references) and over HTTP from its prefetch request (`Type/id` references), as
 * ./patient-view.test.ts plays the example patients. "Now" is 2026-11-01; every report and
 * study is dated within the 180-day lookback.
 */
import { describe, expect, it } from 'vitest';
import {
  evidenceOf,
  fixtureBundles,
  playScenarioRows,
  ruleOf,
  type ScenarioRow,
} from './fixture-bundles.js';

// Every patient has confirmed myeloma in relapse (C90.02) and, unless the row says otherwise, no
// plasmacytoma Condition. The report is final, categorised RAD, dated 2026-10-12, and concludes
// C90.20 (extramedullary plasmacytoma) with SNOMED CT 10200004 (liver).
const scenarios: ScenarioRow[] = [
  {
    bundle: 'report-on-voided-study',
    why: "§4, §6: the report is on a PET/CT entered in error, so it cannot be read as this patient's: no card suggests adding its plasmacytoma",
    cards: [],
  },
  {
    bundle: 'report-on-available-study',
    why: '§4: the same report on the same PET/CT, available: a plasmacytoma no Condition lists (the control)',
    cards: ['emd-reported-not-listed info'],
  },
  {
    bundle: 'report-on-voided-and-available-study',
    why: "§4: the report is on a PET/CT entered in error and on a CT abdomen that is available: a valid study keeps it this patient's report",
    cards: ['emd-reported-not-listed info'],
  },
  {
    bundle: 'report-on-unheld-study',
    why: '§2: ImagingStudy data are optional: a study the record does not hold says nothing against the report',
    cards: ['emd-reported-not-listed info'],
  },
  {
    bundle: 'finding-cites-voided-study',
    why: '§2 Status, §3.4: the liver plasmacytoma counts by its own status, whatever imaging it cites; a PET/CT entered in error covers nothing',
    cards: ['emd-soft-tissue warning'],
  },
];

const bundles = fixtureBundles('voided-imaging');

playScenarioRows(scenarios, bundles);

describe('the explain trace says why voided imaging was ignored or left out', () => {
  const explainOf = bundles.explain;
  // What `emd-cds evaluate --explain` prints under the rule, one "- " line per reason.
  function linesOfRule(explain: string): string[] {
    const lines = explain.split('\n');
    const start = lines.indexOf('  emd-reported-not-listed: not fired') + 1;
    const end = lines.findIndex((line, i) => i >= start && !line.startsWith('    - '));
    return lines.slice(start, end);
  }

  it('names the report, the study and its status under emd-reported-not-listed', async () => {
    const explain = await explainOf('report-on-voided-study');
    expect(explain).toContain('  emd-reported-not-listed: not fired\n');
    const lines = linesOfRule(explain);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /^ {4}- DiagnosticReport\/report-on-voided-study-pet1-report ignored: .*ImagingStudy\/report-on-voided-study-pet1.* entered-in-error/,
    );
  });

  it('names each source of a finding it left out, and why (H46)', async () => {
    const name = 'finding-cites-voided-study';
    const explain = await explainOf(name);
    const voided = 'entered-in-error (created in error, often under the wrong patient)';
    expect(explain).toContain(
      `  Condition/${name}-pc1: source ImagingStudy/${name}-pet1 left out: the study is ${voided}\n`,
    );
    expect(explain).toContain(
      `  Condition/${name}-pc1: source DiagnosticReport/${name}-pet1-report left out: the study it reports on, ImagingStudy/${name}-pet1, is ${voided}, so the report's imaging was withdrawn\n`,
    );
    expect(explain).not.toContain(`source ImagingStudy/${name}-ct1 left out`);
  });

  it('sets nothing aside when one study of the report is valid', async () => {
    const explain = await explainOf('report-on-voided-and-available-study');
    expect(explain).toContain('  emd-reported-not-listed: fired (info)\n');
    expect(explain).not.toContain(' ignored: ');
  });
});

describe("a finding's card does not show imaging entered in error as its source", () => {
  const name = 'finding-cites-voided-study';

  it('shows the CT abdomen it cites, not the voided PET/CT or the report on it', async () => {
    const card = (await bundles.cardsOverHttp(name)).find((c) => ruleOf(c) === 'emd-soft-tissue');
    // The findings line of config/wording/en.yaml: "; seen on <label> (<date>)" per source.
    const line = card?.detail?.split('\n').find((l) => l.startsWith('- Liver structure'));
    expect(line).toBe(
      '- Liver structure: true EMD \\(soft tissue / organ\\), since 2026-10-20; seen on CT abdomen with contrast (2026-10-20)',
    );
    expect(evidenceOf(card)).toEqual(
      expect.arrayContaining([`Condition/${name}-pc1`, `ImagingStudy/${name}-ct1`]),
    );
    expect(evidenceOf(card)).not.toContain(`ImagingStudy/${name}-pet1`);
    expect(evidenceOf(card)).not.toContain(`DiagnosticReport/${name}-pet1-report`);
  });

  it('still proposes a PET/CT: the voided PET/CT is no recent whole-body imaging (§3.4)', async () => {
    const card = (await bundles.cardsOverHttp(name)).find((c) => ruleOf(c) === 'emd-soft-tissue');
    // Rules page §5: PET/CT FDG whole body is SNOMED CT 443271005.
    const proposed = (card?.suggestions ?? []).flatMap((s) =>
      (s.actions ?? []).flatMap((a) => {
        const resource = a.resource as fhir4.ServiceRequest | undefined;
        return (resource?.code?.coding ?? []).map((c) => c.code);
      }),
    );
    expect(proposed).toContain('443271005');
  });
});
