/**
 * H130: a German hospital that has added its ICD-10-GM codes to its value sets
 * (test/fixtures/icd10gm-certainty/icd-10-gm.yaml, as docs/configuring.md example h shows for
 * WHO ICD-10; H74) sends diagnoses whose certainty is ICD-10-GM's Diagnosesicherheit on the
 * coding (Basisprofil DE: A ausgeschlossen, G gesicherte Diagnose, V Verdacht auf, Z Zustand
 * nach), with no verificationStatus. Each row names a Bundle of test/fixtures/icd10gm-certainty/
 * and the cards a clinician should see, typed from the rules page §2 "Status" and §3.1; it is
 * played from the Bundle through the rules, over HTTP from its prefetch request, and for the
 * trace as `emd-cds evaluate --explain` prints it. "Now" is 2026-11-01.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { fixtureBundles, playScenarioRows, type ScenarioRow } from './fixture-bundles.js';

const CONFIG = join(PROJECT_ROOT, 'test', 'fixtures', 'icd10gm-certainty', 'icd-10-gm.yaml');
const site = buildSettings(readConfigFile(CONFIG), { file: CONFIG });

// Every patient has myeloma C90.00 (clinicalStatus active, since 2024-11-01) and a plasmacytoma
// C90.20 (since 2026-10-20), both coded in ICD-10-GM only; the Diagnosesicherheit on each is
// named in the row, neither has a verificationStatus unless the row says so.
const scenarios: ScenarioRow[] = [
  {
    bundle: 'gm-excluded-liver',
    why: '§2: the liver plasmacytoma is A (ausgeschlossen), ruled out: ignored entirely',
    cards: [],
  },
  {
    bundle: 'gm-suspected-brain',
    why: '§2: the brain plasmacytoma is V (Verdacht auf), suspected: its critical card one level lower',
    cards: ['emd-cns warning'],
  },
  {
    bundle: 'gm-status-after-liver',
    why: '§2: the liver plasmacytoma is Z (Zustand nach), a past condition: history, no card of its own',
    cards: [],
  },
  {
    bundle: 'gm-confirmed-liver',
    why: '§2, §4: the liver plasmacytoma is G (gesicherte Diagnose): the card as for a confirmed one',
    cards: ['emd-soft-tissue warning'],
  },
  {
    bundle: 'gm-confirmed-beside-excluded-liver',
    why: '§2, §6 (H130): verificationStatus confirmed beside Diagnosesicherheit A: the calmer reading counts, no card',
    cards: [],
  },
  {
    bundle: 'gm-myeloma-excluded',
    why: '§3.1: the myeloma is A: a refuted myeloma is no myeloma, so no cards at all',
    cards: [],
  },
  {
    bundle: 'gm-myeloma-suspected',
    why: '§3.1: the only myeloma is V (suspected): the cards are lowered one level',
    cards: ['emd-soft-tissue info'],
  },
];

const bundles = fixtureBundles('icd10gm-certainty', site);

playScenarioRows(scenarios, bundles);

describe('the card and the explain trace say what was read', () => {
  const explainOf = bundles.explain;

  it('names the Diagnosesicherheit an excluded plasmacytoma was read from', async () => {
    expect(await explainOf('gm-excluded-liver')).toContain(
      '  Condition/gm-excluded-liver-pc: ignored: its verification status is refuted or entered in error; verification read from ICD-10-GM Diagnosesicherheit A (ausgeschlossen) as refuted\n',
    );
  });

  it('says on the lowered card that the finding is provisional', async () => {
    const [card] = await bundles.cardsOverHttp('gm-suspected-brain');
    expect(card?.detail).toContain('provisional');
  });
});
