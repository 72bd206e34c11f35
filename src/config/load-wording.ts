/**
 * The card wording: one <locale>.yaml a locale, from config/wording/ or the site's folder, each
 * checked at load (every variable known, every summary short enough once filled, a display for
 * every override reason, a file for the default locale).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkWording } from '../cds/cards/check-wording.js';
import { wordingSchema, type Wording } from '../cds/cards/wording.js';
import { ConfigError } from './config-file.js';
import type { Config } from './config-schema.js';
import { filesIn, parseWith } from './data-files.js';

export function loadWording(dir: string, config: Config): Record<string, Wording> {
  const byLocale: Record<string, Wording> = {};
  for (const file of filesIn(dir, '.yaml')) {
    const wording = parseWith(wordingSchema, parseYaml(readFileSync(file, 'utf8')), file);
    const problems = checkWording(wording);
    for (const code of config.overrideReasons.codes) {
      if (!wording.overrideReasons[code])
        problems.push(`overrideReasons.${code}: no display for this override reason`);
    }
    if (problems.length > 0) throw new ConfigError(`${file}:\n  ${problems.join('\n  ')}`);
    if (basename(file, '.yaml') !== wording.locale)
      throw new ConfigError(`${file}: locale "${wording.locale}" does not match the file name`);
    byLocale[wording.locale] = wording;
  }
  if (!byLocale[config.service.defaultLocale]) {
    throw new ConfigError(
      `${dir}: no wording for the default locale "${config.service.defaultLocale}"`,
    );
  }
  return byLocale;
}
