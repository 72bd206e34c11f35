/**
 * One "add to the problem list" suggestion a reported finding (H59). `emd-reported-not-listed`
 * (rules page §4) suggests adding a finding an imaging report shows and no Condition lists; the
 * same finding shown by several reports (a preliminary and a final report of one study) is one
 * finding, "listed once, with all its references" (§2 "Duplicates"): one suggestion, whose
 * Condition cites every report. Each suggestion's label names its finding, so two findings'
 * buttons differ.
 *
 * Each row names a Bundle of test/fixtures/reported-findings/ and what a clinician should see,
 * typed by hand from the rules page and the Bundle; it is played from the transaction Bundle and
 * over HTTP from its prefetch request, as ./partial-dates.test.ts plays its Bundles. "Now" is
 * 2026-11-01; every report is within the 180-day lookback.
 */
import { describe, expect, it } from 'vitest';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { cardSummary, fixtureBundles, ruleOf } from './fixture-bundles.js';

interface ProposedCondition {
  /** the suggestion's label, in English and in Simplified Chinese */
  label: string;
  labelZh: string;
  /** the proposed Condition's codes (ICD-10-CM, ICD-O-3), in order, and body sites (SNOMED CT) */
  codes: string[];
  sites: string[];
  /** the Condition's `evidence.detail` references, in order */
  cites: string[];
}

interface ReportedFindingScenario {
  /** file name under test/fixtures/reported-findings/, without .json; also the patient id */
  bundle: string;
  /** why this case exists, citing the rules page */
  why: string;
  /** expected cards, in any order: "rule id indicator" */
  cards: string[];
  /** the emd-reported-not-listed card's suggestions, in order */
  proposes: ProposedCondition[];
  /** the findings the emd-reported-not-listed card's detail lists, one line each (English) */
  lines: string[];
}

// Every patient has confirmed myeloma in relapse (C90.02). Each report is categorised RAD and
// concludes C90.20 "Extramedullary plasmacytoma not having achieved remission" with one SNOMED CT
// site: liver 10200004 "Liver structure" (肝 in the site value set) or brain 12738006 "Brain
// structure" (脑). The plasmacytoma value sets name the finding codes in Chinese (C90.20 and
// ICD-O-3 9734/3: 髓外浆细胞瘤); English cards show their display.
// The dual-coded reports come from an HL7 v2 interface, which writes each coding of the
// conclusion as a conclusionCode of its own (C90.20, ICD-O-3 9734/3 "Plasmacytoma,
// extramedullary (not occurring in bone)", the site) and names the study by DICOM UID only.
const FINDING = 'Extramedullary plasmacytoma not having achieved remission';
const FINDING_ICDO3 = 'Plasmacytoma, extramedullary (not occurring in bone)';
const FINDING_ZH = '髓外浆细胞瘤';
const PRELIMINARY = 'DiagnosticReport/preliminary-and-final-report-pet1-preliminary';
const FINAL = 'DiagnosticReport/preliminary-and-final-report-pet1-final';

const scenarios: ReportedFindingScenario[] = [
  {
    bundle: 'preliminary-and-final-report',
    why: '§2 Duplicates, §4: a preliminary and a final report of one PET/CT (2026-10-12) both conclude C90.20 in the liver: one finding, one suggestion citing both reports',
    cards: ['emd-reported-not-listed info'],
    proposes: [
      {
        label: `Add to the problem list: ${FINDING} (Liver structure)`,
        labelZh: `添加到问题列表：${FINDING_ZH}（肝）`,
        codes: ['C90.20'],
        sites: ['10200004'],
        cites: [PRELIMINARY, FINAL],
      },
    ],
    // The two reports read the same (name and date): named once.
    lines: [`- ${FINDING}, Liver structure; seen on PET/CT report (2026-10-12)`],
  },
  {
    bundle: 'two-reports-two-sites',
    why: '§4: a CT abdomen report concludes C90.20 in the liver, an MR brain report C90.20 in the brain: two findings, two suggestions a clinician can tell apart',
    cards: ['emd-reported-not-listed info'],
    proposes: [
      {
        label: `Add to the problem list: ${FINDING} (Liver structure)`,
        labelZh: `添加到问题列表：${FINDING_ZH}（肝）`,
        codes: ['C90.20'],
        sites: ['10200004'],
        cites: ['DiagnosticReport/two-reports-two-sites-ct1-report'],
      },
      {
        label: `Add to the problem list: ${FINDING} (Brain structure)`,
        labelZh: `添加到问题列表：${FINDING_ZH}（脑）`,
        codes: ['C90.20'],
        sites: ['12738006'],
        cites: ['DiagnosticReport/two-reports-two-sites-mr1-report'],
      },
    ],
    lines: [
      `- ${FINDING}, Liver structure; seen on CT abdomen report (2026-10-05)`,
      `- ${FINDING}, Brain structure; seen on MR brain report (2026-10-19)`,
    ],
  },
  {
    bundle: 'preliminary-and-final-report-listed',
    why: '§4: the same two reports, and a liver plasmacytoma (C90.20) on the problem list: the same code and site, so listed; the recent PET/CT covers the whole body (§3.4)',
    cards: ['emd-soft-tissue warning'],
    proposes: [],
    lines: [],
  },
  {
    bundle: 'dual-coded-conclusion',
    why: '§2 Duplicates, §4: one report concludes a liver plasmacytoma coded twice, C90.20 and 9734/3, each in a conclusionCode of its own: one finding, one suggestion whose Condition carries both codes',
    cards: ['emd-reported-not-listed info'],
    proposes: [
      {
        label: `Add to the problem list: ${FINDING} (Liver structure)`,
        labelZh: `添加到问题列表：${FINDING_ZH}（肝）`,
        codes: ['C90.20', '9734/3'],
        sites: ['10200004'],
        cites: ['DiagnosticReport/dual-coded-conclusion-pet1-report'],
      },
    ],
    lines: [`- ${FINDING}, Liver structure; seen on PET/CT report (2026-10-12)`],
  },
  {
    bundle: 'dual-coded-preliminary-and-final',
    why: '§2 Duplicates, §4: a preliminary report of a PET/CT concludes C90.20 in the liver, the final one C90.20 and 9734/3 there: one finding, one suggestion citing both reports, with both codes',
    cards: ['emd-reported-not-listed info'],
    proposes: [
      {
        label: `Add to the problem list: ${FINDING} (Liver structure)`,
        labelZh: `添加到问题列表：${FINDING_ZH}（肝）`,
        codes: ['C90.20', '9734/3'],
        sites: ['10200004'],
        cites: [
          'DiagnosticReport/dual-coded-preliminary-and-final-pet1-preliminary',
          'DiagnosticReport/dual-coded-preliminary-and-final-pet1-final',
        ],
      },
    ],
    lines: [`- ${FINDING}, Liver structure; seen on PET/CT report (2026-10-12)`],
  },
  {
    bundle: 'dual-coded-brain-and-liver',
    why: '§3.3, §4: a CT abdomen report concludes a liver plasmacytoma, an MR brain report a plasmacytoma of the brain (9734/3 first), each coded twice: two findings, one CNS, each proposed once',
    cards: ['emd-reported-not-listed info'],
    proposes: [
      {
        label: `Add to the problem list: ${FINDING} (Liver structure)`,
        labelZh: `添加到问题列表：${FINDING_ZH}（肝）`,
        codes: ['C90.20', '9734/3'],
        sites: ['10200004'],
        cites: ['DiagnosticReport/dual-coded-brain-and-liver-ct1-report'],
      },
      {
        label: `Add to the problem list: ${FINDING_ICDO3} (Brain structure)`,
        labelZh: `添加到问题列表：${FINDING_ZH}（脑）`,
        codes: ['9734/3', 'C90.20'],
        sites: ['12738006'],
        cites: ['DiagnosticReport/dual-coded-brain-and-liver-mr1-report'],
      },
    ],
    lines: [
      `- ${FINDING}, Liver structure; seen on CT abdomen report (2026-10-05)`,
      // Record text is escaped in the detail's Markdown (rules page §4): its parentheses too.
      `- Plasmacytoma, extramedullary \\(not occurring in bone\\), Brain structure; seen on MR brain report (2026-10-19)`,
    ],
  },
];

const { firedFromBundle, cardsOverHttp } = fixtureBundles('reported-findings');

const reportedCard = (cards: readonly Card[]) =>
  cards.find((card) => ruleOf(card) === 'emd-reported-not-listed');

/** Each suggestion of the card as the rows type it, from its one create-Condition action. */
function proposals(card: Card | undefined) {
  return (card?.suggestions ?? []).map((suggestion) => {
    const [action, ...others] = suggestion.actions ?? [];
    const condition = action?.resource as fhir4.Condition | undefined;
    return {
      label: suggestion.label,
      actions: others.length + 1,
      type: action?.type,
      description: action?.description,
      resourceType: condition?.resourceType,
      code: condition?.code?.coding?.map((c) => c.code),
      sites: condition?.bodySite?.flatMap((site) => (site.coding ?? []).map((c) => c.code)),
      cites: condition?.evidence?.flatMap((e) => (e.detail ?? []).map((d) => d.reference)),
    };
  });
}

describe.each(scenarios)('$bundle', (scenario) => {
  it(`evaluated from its transaction Bundle: ${scenario.why}`, () => {
    expect(firedFromBundle(scenario.bundle)).toEqual([...scenario.cards].sort());
  });

  it('over HTTP, proposes one Condition a finding, citing every report that shows it', async () => {
    const cards = await cardsOverHttp(scenario.bundle);
    expect(cardSummary(cards)).toEqual([...scenario.cards].sort());
    expect(proposals(reportedCard(cards))).toEqual(
      scenario.proposes.map((proposed) => ({
        label: proposed.label,
        actions: 1,
        type: 'create',
        description: proposed.label,
        resourceType: 'Condition',
        code: proposed.codes,
        sites: proposed.sites,
        cites: proposed.cites,
      })),
    );
  });

  it('lists each finding once in the detail, with its reports', async () => {
    const detail = reportedCard(await cardsOverHttp(scenario.bundle))?.detail ?? '';
    expect(detail.split('\n').filter((line) => line.startsWith('- '))).toEqual(scenario.lines);
  });

  it('names each finding in the zh-CN labels', async () => {
    const cards = await cardsOverHttp(scenario.bundle, 'zh-CN');
    expect(proposals(reportedCard(cards)).map((p) => p.label)).toEqual(
      scenario.proposes.map((proposed) => proposed.labelZh),
    );
  });
});
