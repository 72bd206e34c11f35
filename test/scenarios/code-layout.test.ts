/**
 * H149: codes as exports lay them out around the code itself: the display glued on after it,
 * blanks inside it, the dot typed as a Chinese full stop, a middle dot or a comma, a SNOMED CT
 * id padded with zeros. Each
 * row names a Bundle of test/fixtures/code-layout/ and the cards a clinician should see, typed
 * from the rules page (§3.1 the myeloma patient, §3.3 the finding's class, §4 the cards, §5 the
 * codes); it is played from the Bundle through the rules, over HTTP from its prefetch request,
 * and for the trace as `emd-cds evaluate --explain` prints it. "Now" is 2026-11-01.
 */
import { describe, expect, it } from 'vitest';
import { fixtureBundles, playScenarioRows, type ScenarioRow } from './fixture-bundles.js';

// Every patient has an active, confirmed myeloma (since 2024-11-01) and an active, confirmed
// plasmacytoma (since 2026-10-20), each coded once, as the row says.
const scenarios: ScenarioRow[] = [
  {
    bundle: 'layout-glued-display-meninges',
    why: '§3.1, §3.3.1, §4: myeloma "C90.00 Multiple myeloma …" and C90.20 "- Extramedullary …" at the meninges: leptomeningeal, critical',
    cards: ['emd-leptomeningeal critical'],
  },
  {
    bundle: 'layout-blank-inside-brain',
    why: '§3.3.3, §4: C90.20 written "C90. 20" at the brain: CNS, critical',
    cards: ['emd-cns critical'],
  },
  {
    bundle: 'layout-chinese-full-stop-liver',
    why: '§3.3.4, §4: C90.00 and C90.20 written with 。 for the dot, at the liver: true EMD, warning',
    cards: ['emd-soft-tissue warning'],
  },
  {
    bundle: 'layout-padded-snomed-meninges',
    why: '§5: myeloma SNOMED CT 109989006 padded to 18 digits, meninges 1231004 as 01231004: leptomeningeal, critical',
    cards: ['emd-leptomeningeal critical'],
  },
  {
    bundle: 'layout-middle-dot-brain',
    why: '§3.1, §3.3.3, §4: C90.00 and C90.20 written with a middle dot for the dot (C90·20), at the brain: CNS, critical',
    cards: ['emd-cns critical'],
  },
  {
    bundle: 'layout-decimal-comma-meninges',
    why: '§3.1, §3.3.1, §4: C90.00 and C90.20 written with a comma for the dot (C90,20), at the meninges: leptomeningeal, critical',
    cards: ['emd-leptomeningeal critical'],
  },
  {
    bundle: 'layout-icdo3-blank-brain',
    why: '§5: ICD-O-3 9732/3 and 9734/3 written "9732 /3", "9734 /3", at the brain: CNS, critical',
    cards: ['emd-cns critical'],
  },
];

const bundles = fixtureBundles('code-layout');

playScenarioRows(scenarios, bundles);

describe('the explain trace says how each code was read', () => {
  const explainOf = bundles.explain;

  it('names the words left out after a code, and the code the feed should send', async () => {
    expect(await explainOf('layout-glued-display-meninges')).toContain(
      'code "C90.20 - Extramedullary plasmacytoma not having achieved remission" read as C90.20 (the words after it ("Extramedullary plasmacytoma not having achieved remission") left out: they belong in Coding.display): the feed should send C90.20',
    );
  });

  it('names the blanks removed, the Chinese full stop and the zeros', async () => {
    expect(await explainOf('layout-blank-inside-brain')).toContain(
      'code "C90. 20" read as C90.20 (blanks inside it removed): the feed should send C90.20',
    );
    expect(await explainOf('layout-chinese-full-stop-liver')).toContain(
      'code "C90。20" read as C90.20 (a Chinese full stop read as its dot): the feed should send C90.20',
    );
    expect(await explainOf('layout-padded-snomed-meninges')).toContain(
      'code "01231004" read as 1231004 (leading zeros removed: a SNOMED CT id has none): the feed should send 1231004',
    );
  });

  it('names a middle dot and a comma read as the dot', async () => {
    expect(await explainOf('layout-middle-dot-brain')).toContain(
      'code "C90·20" read as C90.20 (a middle dot read as its dot): the feed should send C90.20',
    );
    expect(await explainOf('layout-decimal-comma-meninges')).toContain(
      'code "C90,20" read as C90.20 (a comma read as its dot, as European decimals are written (no code of this shape holds one)): the feed should send C90.20',
    );
  });
});
