/**
 * A default locale with no wording file is named as every other problem of the config file is
 * (docs/configuring.md §1), `file:line:col path: message`: at `service.defaultLocale` when the
 * file sets it, else at `wording.dir`, the folder that lacks it. Positions are counted by hand.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PATHS } from '../../src/config/project-paths.js';
import { removeScratch, scratch } from '../backtest/run-cli.js';
import { configProblems } from './config-problems.js';

afterAll(removeScratch);

function siteConfig(lines: string[], wording?: string[]): { config: string; dir: string } {
  const dir = scratch('emd-cds-default-locale-');
  if (wording) {
    mkdirSync(join(dir, 'wording'));
    for (const file of wording) cpSync(join(PATHS.wording, file), join(dir, 'wording', file));
  }
  const config = join(dir, 'site.yaml');
  writeFileSync(config, [...lines, ''].join('\n'));
  return { config, dir };
}

describe('a default locale with no wording file', () => {
  it('is named at service.defaultLocale when the file sets it', () => {
    const { config } = siteConfig(['service:', '  port: 3000', '  defaultLocale: fr']);
    expect(configProblems(config)).toEqual([
      `${config}:3:18 service.defaultLocale: no wording for the default locale "fr": ${PATHS.wording} has no fr.yaml (it has en.yaml, zh-CN.yaml)`,
    ]);
  });

  it('is named at wording.dir when the folder lacks the default locale the file leaves as it is', () => {
    const { config, dir } = siteConfig(['wording:', '  dir: wording'], ['zh-CN.yaml']);
    expect(configProblems(config)).toEqual([
      `${config}:2:8 wording.dir: no wording for the default locale "en": ${join(dir, 'wording')} has no en.yaml (it has zh-CN.yaml)`,
    ]);
  });
});
