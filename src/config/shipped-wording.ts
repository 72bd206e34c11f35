/**
 * The wording files the product ships, one a locale (PATHS.wording/<locale>.yaml): what a
 * site's own file of that locale takes later keys from (./load-wording.ts) and is held to
 * (./lowered-words.ts). A locale the product does not ship has none.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PATHS } from './project-paths.js';

/** The shipped file of `locale`, or undefined when the product ships none for it. */
export function shippedWordingFile(locale: string): string | undefined {
  // A locale is a file name here: nothing that could lead out of the folder.
  if (!/^[\w-]+$/.test(locale)) return undefined;
  const file = join(PATHS.wording, `${locale}.yaml`);
  return existsSync(file) ? file : undefined;
}

/** The shipped file of `locale` as YAML data, or undefined when the product ships none. */
export function readShippedWording(locale: string): unknown {
  const file = shippedWordingFile(locale);
  return file === undefined ? undefined : parseYaml(readFileSync(file, 'utf8'));
}
