/**
 * docs/emd-rules.md is the team's rules page (../shared/spec/emd-rules.md, beside the checkout
 * where the team works), shipped word for word so that a checkout anywhere has the rules its
 * README and docs link to. It must not drift from the team's page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { RULE_IDS } from '../clinical/table-rows.js';

const shipped = join(PROJECT_ROOT, 'docs', 'emd-rules.md');
const teamPage = join(PROJECT_ROOT, '..', 'shared', 'spec', 'emd-rules.md');

describe('the rules page shipped in docs/', () => {
  it.skipIf(!existsSync(teamPage))(
    'is the team rules page word for word (skipped where ../shared/spec/emd-rules.md is not beside the checkout)',
    () => {
      expect(readFileSync(shipped, 'utf8')).toBe(readFileSync(teamPage, 'utf8'));
    },
  );

  it('is the page that states the rules and their card contract', () => {
    const text = readFileSync(shipped, 'utf8');
    expect(text.split('\n', 1)[0]).toBe('# The EMD rules — what the service decides, and why');
    // The rule ids of its card contract, as the clinical tests type them from the page (§4).
    for (const ruleId of RULE_IDS) expect(text).toContain(`| \`${ruleId}\` |`);
  });
});
