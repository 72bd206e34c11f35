/**
 * docs/go-live.md ("Configure"): "the console's Rules view and `GET /admin/config` show each
 * rule's `mode`". A silent rule must not read as a plain "on Info" row: the Rules view says
 * silent, in English and Chinese, beside the live rules. Expected words from the go-live page
 * (live, silent) and the console's own labels.
 */
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/config-file.js';
import { configView } from '../../src/config/config-view.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { messages } from '../../web/console/i18n.js';
import { rulesTable } from '../../web/console/rules-table.js';
import { templateText } from './template-text.js';

const SITE = [
  'rules:',
  '  emd-paraskeletal:',
  '    mode: silent',
  '  emd-soft-tissue:',
  '    enabled: false',
].join('\n');

function rulesText(language: 'en' | 'zh-CN'): string {
  const settings = buildSettings(parseConfigText(SITE, 'site.yaml'), { file: undefined });
  const view = configView(settings, { allowedFhirServers: [], restartNeededFor: [] });
  return templateText(rulesTable(messages(language), view.rules));
}

describe("the Rules view's mode column", () => {
  it('says silent for a silent rule, live for the others, and nothing for a rule switched off', () => {
    const table = rulesText('en');
    expect(table).toContain('emd-paraskeletal on silent Info');
    expect(table).toContain('emd-cns on live Critical');
    expect(table).toContain('emd-soft-tissue off — Warning');
  });

  it('says it in Chinese too', () => {
    const table = rulesText('zh-CN');
    expect(table).toContain('emd-paraskeletal 开 静默 信息');
    expect(table).toContain('emd-cns 开 实时 危急');
  });
});
