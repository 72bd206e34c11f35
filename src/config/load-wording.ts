/**
 * The card wording: one <locale>.yaml a locale, from config/wording/ or the site's folder, each
 * checked at load (every variable known, every summary short enough once filled, a display for
 * every override reason, a file for the default locale).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkWording } from '../cds/cards/check-wording.js';
import { wordingSchema, type Wording } from '../cds/cards/wording.js';
import { ConfigError } from './config-file.js';
import type { Config } from './config-schema.js';
import { filesIn, parseWith } from './data-files.js';
import { PATHS } from './project-paths.js';

/**
 * Keys the wording gained after sites began writing files of their own. A site's file
 * without one takes it from the shipped file of its locale, so a zh-CN file written for an
 * earlier version joins lists with 、 and names an unnamed site in Chinese; a locale the
 * product does not ship gets the schema's English default.
 */
const LATER_KEYS = ['listSeparator', 'unnamedLabels'] as const;

function withShippedLaterKeys(raw: unknown, file: string): unknown {
  const shippedFile = join(PATHS.wording, basename(file));
  if (
    typeof raw !== 'object' ||
    raw === null ||
    Array.isArray(raw) ||
    resolve(file) === resolve(shippedFile) ||
    !existsSync(shippedFile) ||
    LATER_KEYS.every((key) => key in raw)
  )
    return raw;
  const shipped = parseYaml(readFileSync(shippedFile, 'utf8')) as Record<string, unknown>;
  const added = Object.fromEntries(
    LATER_KEYS.filter((key) => !(key in raw) && shipped[key] !== undefined).map((key) => [
      key,
      shipped[key],
    ]),
  );
  return { ...raw, ...added };
}

export function loadWording(dir: string, config: Config): Record<string, Wording> {
  const byLocale: Record<string, Wording> = {};
  for (const file of filesIn(dir, '.yaml')) {
    const raw = withShippedLaterKeys(parseYaml(readFileSync(file, 'utf8')), file);
    const wording = parseWith(wordingSchema, raw, file);
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
