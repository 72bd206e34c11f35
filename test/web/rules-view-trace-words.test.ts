/**
 * docs/configuring.md ("Words the explain trace reads"): the console's Rules view shows the
 * `textOnlyMyelomaPatterns` and `textOnlyOtherDiseasePatterns` in force (H136, H135), a
 * site's own and an emptied list ("none") alike, in English and Chinese.
 */
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/config-file.js';
import { configView } from '../../src/config/config-view.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { messages } from '../../web/console/i18n.js';
import { rulesView } from '../../web/console/rules-view.js';
import { templateText } from './template-text.js';

function rulesText(yaml: string, language: 'en' | 'zh-CN'): string {
  const settings = buildSettings(parseConfigText(yaml, 'site.yaml'), { file: undefined });
  const view = configView(settings, { allowedFhirServers: [], restartNeededFor: [] });
  const answer = { ...view, reloadRefused: null, warnings: [], moreWarnings: 0 };
  return templateText(rulesView(messages(language), answer, language, undefined));
}

describe("the Rules view's explain trace words", () => {
  it('shows the shipped words by default', () => {
    const text = rulesText('', 'en');
    expect(text).toContain('Myeloma in words (explain trace only)');
    expect(text).toContain('骨髓瘤');
    expect(text).toContain("Another disease in a coded finding's text (explain trace only)");
    expect(text).toContain('carcinom');
  });

  it("shows a site's own list, and none for an emptied one, in Chinese too", () => {
    const yaml = 'textOnlyMyelomaPatterns:\n  - kahler\ntextOnlyOtherDiseasePatterns: []\n';
    const en = rulesText(yaml, 'en');
    expect(en).toMatch(/Myeloma in words \(explain trace only\)\s*kahler/);
    expect(en).toMatch(/Another disease in a coded finding's text \(explain trace only\)\s*none/);
    const zh = rulesText(yaml, 'zh-CN');
    expect(zh).toMatch(/文本中的骨髓瘤（仅用于解释追踪）\s*kahler/);
    expect(zh).toMatch(/已编码发现文本中的其他疾病（仅用于解释追踪）\s*无/);
  });
});
