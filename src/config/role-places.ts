/**
 * A role of `valueSets.roles` that names a value set no loaded file defines (a typo in the URL,
 * a file left out of `valueSets.files`), said at the URL in the config file, as every other
 * problem of that file is (docs/configuring.md §1). Every such role is named in one run, not
 * only the first: the rules would fail on the first (src/rules/compile-terminology.ts), which
 * knows no config file.
 */
import { problemAt } from '../issue-lines.js';
import type { Config } from './config-schema.js';
import { readSiteText } from './data-files.js';
import type { ValueSetFile } from './value-set-checks.js';
import { parsePositioned, positionOf } from './yaml-position.js';

/** One line per role whose value set is not loaded, `file:line:col valueSets.roles.<role>: …`. */
export function unloadedRoleProblems(
  config: Config,
  files: readonly ValueSetFile[],
  configFile: string | undefined,
): string[] {
  const defined = new Set(files.map(({ resource }) => (resource as { url?: unknown }).url));
  const unloaded = Object.entries(config.valueSets.roles).filter(([, url]) => !defined.has(url));
  if (unloaded.length === 0) return [];
  // Read again only now, to place the problems; the file's values are `config`'s.
  const source = configFile
    ? parsePositioned(readSiteText(configFile), configFile).source
    : undefined;
  return unloaded.map(([role, url]) => {
    const path = ['valueSets', 'roles', role];
    return problemAt(
      configFile ?? 'value sets',
      source && positionOf(source, path),
      path,
      `ValueSet ${url} is not loaded: no value set file defines this url (the shipped ones, or those in valueSets.files); check the url for a typo, or add the file that defines it to valueSets.files`,
    );
  });
}
