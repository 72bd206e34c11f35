/**
 * The two lists of words read for the explain trace only, as keys of the site's config file
 * (docs/configuring.md "Words the explain trace reads"): `textOnlyMyelomaPatterns`, a myeloma
 * diagnosis in words on a Condition with no code from a known system (H136), and
 * `textOnlyOtherDiseasePatterns`, another disease in a coded finding's own text (H135). A site's
 * list replaces the shipped one, at load and at a hot reload; neither changes a card.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText, readConfigFile } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { SettingsStore } from '../../src/config/settings-store.js';
import { evaluate } from '../../src/rules/evaluate.js';
import type { HookContext, RuleSettings } from '../../src/rules/types.js';
import { capturingLogger } from '../support/logs.js';
import { fencedBlocks } from '../docs/doc-blocks.js';
import {
  condition,
  defaultRuleSettings,
  icd,
  myeloma,
  NOW,
  PATIENT_ID,
  plasmacytoma,
  recordOf,
  SITE,
} from '../rules/fixtures.js';

const context: HookContext = { kind: 'patient-view', patientId: PATIENT_ID };

const rulesOf = (yaml: string): RuleSettings =>
  buildSettings(parseConfigText(yaml, 'site.yaml'), { file: undefined }).rules;

/** A patient with a coded liver plasmacytoma and a Condition written only as `text`. */
function myelomaLines(settings: RuleSettings, text: string) {
  const evaluation = evaluate({
    record: recordOf([condition('mm', { text }), plasmacytoma('pc', [SITE.liver])]),
    settings,
    context,
    now: NOW,
  });
  return {
    cards: evaluation.outcomes.filter((o) => o.fired).map((o) => o.ruleId),
    lines: evaluation.trace.filter((l) => l.reference === 'Condition/mm').map((l) => l.message),
  };
}

/** A brain plasmacytoma coded C90.20 whose own text is `text`, in a coded myeloma patient. */
function findingLine(settings: RuleSettings, text: string) {
  const lesion = condition('p', {
    code: [icd('C90.20')],
    text,
    sites: [SITE.brain],
    clinicalStatus: 'active',
    onset: '2026-10-20',
  });
  const evaluation = evaluate({
    record: recordOf([myeloma('mm', { onset: '2019-05-01' }), lesion]),
    settings,
    context,
    now: NOW,
  });
  return {
    cards: evaluation.outcomes.filter((o) => o.fired).map((o) => [o.ruleId, o.indicator]),
    line: evaluation.trace.find((l) => l.reference === 'Condition/p')?.message ?? '',
  };
}

describe('textOnlyMyelomaPatterns (H136)', () => {
  it('by default names a Condition written "Multiple myeloma" or 骨髓瘤, not "Morbus Kahler"', () => {
    const rules = rulesOf('');
    expect(myelomaLines(rules, 'Multiple myeloma').lines).toEqual([
      expect.stringContaining('"Multiple myeloma" reads as myeloma'),
    ]);
    expect(myelomaLines(rules, '骨髓瘤').lines).toHaveLength(1);
    expect(myelomaLines(rules, 'Morbus Kahler').lines).toEqual([]);
  });

  it("names a Condition by a site's own word (Kahler's disease), still with no card", () => {
    const rules = rulesOf('textOnlyMyelomaPatterns:\n  - multiple[\\s-]myeloma\n  - kahler\n');
    const { cards, lines } = myelomaLines(rules, 'Morbus Kahler');
    // Rules page §3.1: myeloma only from codes, and "No myeloma → no cards".
    expect(cards).toEqual([]);
    expect(lines).toEqual([expect.stringContaining('its text "Morbus Kahler" reads as myeloma')]);
    expect(lines[0]).toContain('no code from a known system');
  });

  it("replaces the shipped list: a word the site's list leaves out names nothing", () => {
    const rules = rulesOf('textOnlyMyelomaPatterns:\n  - kahler\n');
    expect(myelomaLines(rules, '骨髓瘤').lines).toEqual([]);
    expect(
      myelomaLines(rulesOf('textOnlyMyelomaPatterns: []\n'), 'Multiple myeloma').lines,
    ).toEqual([]);
  });
});

describe('textOnlyOtherDiseasePatterns (H135)', () => {
  const carcinoma = 'Breast carcinoma metastasis to brain';

  it('by default notes a coded finding whose own text names a carcinoma', () => {
    const { cards, line } = findingLine(rulesOf(''), carcinoma);
    expect(cards).toEqual([['emd-cns', 'critical']]);
    expect(line).toContain(`; its own text "${carcinoma}" names another disease ("carcinoma")`);
  });

  it('an empty list removes the note, and the card stays critical', () => {
    const { cards, line } = findingLine(rulesOf('textOnlyOtherDiseasePatterns: []\n'), carcinoma);
    expect(cards).toEqual([['emd-cns', 'critical']]);
    expect(line).not.toContain('names another disease');
    expect(line).not.toContain('H135');
  });

  it("a site's own word is noted, and the card keeps its level", () => {
    const text = 'Ewing sarcoma, brain';
    expect(findingLine(rulesOf(''), text).line).not.toContain('names another disease');
    const { cards, line } = findingLine(
      rulesOf('textOnlyOtherDiseasePatterns:\n  - \\bsarcoma\\b\n'),
      text,
    );
    expect(cards).toEqual([['emd-cns', 'critical']]);
    expect(line).toContain(`; its own text "${text}" names another disease ("sarcoma")`);
  });
});

describe('the defaults', () => {
  it('give the same trace as the built-in rule settings', () => {
    const rules = rulesOf('');
    expect(rules.myelomaTextPatterns?.map((p) => p.source)).toEqual(
      defaultRuleSettings.myelomaTextPatterns?.map((p) => p.source),
    );
    expect(rules.otherDiseaseTextPatterns?.map((p) => p.source)).toEqual(
      defaultRuleSettings.otherDiseaseTextPatterns?.map((p) => p.source),
    );
  });
});

describe('a hot reload', () => {
  it('applies a changed textOnlyMyelomaPatterns and textOnlyOtherDiseasePatterns', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'emd-cds-trace-words-')), 'site.yaml');
    writeFileSync(file, '');
    const { logger } = capturingLogger();
    const store = new SettingsStore(() => buildSettings(readConfigFile(file), { file }), logger);
    expect(myelomaLines(store.current().rules, 'Morbus Kahler').lines).toEqual([]);

    writeFileSync(file, 'textOnlyMyelomaPatterns:\n  - kahler\ntextOnlyOtherDiseasePatterns: []\n');
    expect(store.reload('SIGHUP')).toBe(true);
    const rules = store.current().rules;
    expect(myelomaLines(rules, 'Morbus Kahler').lines).toHaveLength(1);
    expect(findingLine(rules, 'Breast carcinoma metastasis to brain').line).not.toContain(
      'names another disease',
    );
  });
});

// configuring.md's example says it "keeps the defaults and adds" Kahler's disease: a site that
// copies it must lose none of the shipped words.
describe("configuring.md's textOnlyMyelomaPatterns example", () => {
  it('loads, and holds every shipped pattern and kahler', () => {
    const page = join(PROJECT_ROOT, 'docs', 'configuring.md');
    const block = fencedBlocks(readFileSync(page, 'utf8'), page).find(
      (b) => b.lang === 'yaml' && b.body.startsWith('textOnlyMyelomaPatterns:'),
    );
    expect(block, 'a yaml block starting textOnlyMyelomaPatterns:').toBeDefined();
    const config = parseConfigText(block?.body ?? '', 'configuring.md');
    expect(config.textOnlyMyelomaPatterns).toEqual([
      ...parseConfigText('', 'empty.yaml').textOnlyMyelomaPatterns,
      'kahler',
    ]);
    expect(myelomaLines(rulesOf(block?.body ?? ''), 'Morbus Kahler').lines).toHaveLength(1);
  });
});
