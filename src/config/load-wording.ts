/**
 * The card wording: one <locale>.yaml a locale, from config/wording/ or the site's folder, each
 * checked at load (every variable known, every summary short enough once filled, every card still
 * saying it was lowered and listing its findings, a display for every override reason, a file for
 * the default locale).
 */
import { basename, resolve } from 'node:path';
import { checkKeptParts } from '../cds/cards/check-kept-parts.js';
import { checkWording } from '../cds/cards/check-wording.js';
import { wordingSchema, type Wording } from '../cds/cards/wording.js';
import { CARD_VIEW_NAMES } from '../cds/cards/card-view.js';
import { nearestKey } from './key-suggestion.js';
import { loweredWordProblems } from './lowered-words.js';
import { sourceLabelProblems } from './source-label-check.js';
import { ConfigError, ProblemList } from './config-error.js';
import type { Config } from './config-schema.js';
import { filesIn, readSiteText } from './data-files.js';
import { readShippedWording, shippedWordingFile } from './shipped-wording.js';
import { problemAt } from '../issue-lines.js';
import {
  anchorProblems,
  describeIssues,
  parsePositioned,
  positionOf,
  problemIn,
} from './yaml-position.js';

/**
 * Keys the wording gained after sites began writing files of their own. A site's file
 * without one takes it from the shipped file of its locale, so a zh-CN file written for an
 * earlier version joins lists with 、 and names an unnamed site in Chinese; a locale the
 * product does not ship gets the schema's English default.
 */
const LATER_KEYS = ['listSeparator', 'unnamedLabels'] as const;

function withShippedLaterKeys(raw: unknown, file: string): unknown {
  const shippedFile = shippedWordingFile(basename(file, '.yaml'));
  if (
    typeof raw !== 'object' ||
    raw === null ||
    Array.isArray(raw) ||
    shippedFile === undefined ||
    resolve(file) === resolve(shippedFile) ||
    LATER_KEYS.every((key) => key in raw)
  )
    return raw;
  const shipped = readShippedWording(basename(file, '.yaml')) as Record<string, unknown>;
  const added = Object.fromEntries(
    LATER_KEYS.filter((key) => !(key in raw) && shipped[key] !== undefined).map((key) => [
      key,
      shipped[key],
    ]),
  );
  return { ...raw, ...added };
}

/**
 * Every wording file in `dir`, keyed by locale. Every file is checked, and the problems of all
 * of them are reported at once, each at its file, line and column; a missing default locale at
 * its place in `configFile`.
 */
export function loadWording(
  dir: string,
  config: Config,
  configFile?: string,
): Record<string, Wording> {
  const byLocale: Record<string, Wording> = {};
  const problems = new ProblemList();
  const files = filesIn(dir, '.yaml');
  for (const file of files) {
    const wording = problems.collect(() => readWordingFile(file, config));
    if (wording) byLocale[wording.locale] = wording;
  }
  // A default-locale file with problems is reported for them, not as missing.
  if (!files.some((file) => basename(file) === `${config.service.defaultLocale}.yaml`))
    problems.add(noDefaultLocale(dir, files, config, configFile));
  problems.throwIfAny();
  return byLocale;
}

/**
 * No file for the default locale, said as every problem of the config file is
 * (docs/configuring.md §1), `file:line:col path: message`: at `service.defaultLocale` when the
 * file sets it, else at `wording.dir`, the folder that lacks the file.
 */
function noDefaultLocale(
  dir: string,
  files: readonly string[],
  config: Config,
  configFile: string | undefined,
): string {
  const locale = config.service.defaultLocale;
  // Read again only now, to place the problem; the file's values are `config`'s.
  const source = configFile
    ? parsePositioned(readSiteText(configFile), configFile).source
    : undefined;
  const setsLocale = source?.document.hasIn(['service', 'defaultLocale']) ?? false;
  const path =
    !setsLocale && config.wording.dir ? ['wording', 'dir'] : ['service', 'defaultLocale'];
  const present = files.map((file) => basename(file));
  return problemAt(
    configFile ?? dir,
    source && positionOf(source, path),
    path,
    `no wording for the default locale "${locale}": ${dir} has no ${locale}.yaml (${
      present.length > 0 ? `it has ${present.join(', ')}` : 'it has no wording file'
    })`,
  );
}

function readWordingFile(file: string, config: Config): Wording {
  const { source, syntax } = parsePositioned(readSiteText(file), file);
  // The first error only: after one bad indent the parser's later errors are its own
  // confusion, dozens of lines that hide the one to fix.
  if (syntax.length > 0)
    throw new ConfigError(syntax.slice(0, 1).map(indentHint), { later: [`the rest of ${file}`] });
  const anchors = anchorProblems(source);
  const parsed = wordingSchema.safeParse(withShippedLaterKeys(source.document.toJS(), file));
  if (!parsed.success)
    throw new ConfigError(
      [...anchors, ...describeIssues(source, parsed.error.issues, wordingSchema)],
      {
        later: [`the templates of ${file}`],
      },
    );
  const wording = parsed.data;
  const kept = checkKeptParts(wording);
  const problems = [
    ...anchors,
    ...[
      ...checkWording(wording),
      ...kept,
      // A summary that does not change when lowered is said once, by the kept-parts check.
      ...loweredWordProblems(wording).filter(
        (problem) => !kept.some((other) => other.path.join('.') === problem.path.join('.')),
      ),
      ...sourceLabelProblems(wording.sourceLabel),
    ].map(({ path, message }) => problemIn(source, path, withSuggestion(message))),
  ];
  for (const code of config.overrideReasons.codes) {
    if (!wording.overrideReasons[code])
      problems.push(
        problemIn(source, ['overrideReasons', code], 'no display for this override reason'),
      );
  }
  if (basename(file, '.yaml') !== wording.locale)
    problems.push(
      problemIn(source, ['locale'], `"${wording.locale}" does not match the file name`),
    );
  if (problems.length > 0) throw new ConfigError(problems);
  return wording;
}

/** A hand-edited template's usual syntax error: a line of a `detail: |` block indented less. */
const indentHint = (line: string): string =>
  /must start at the same column|Implicit map keys need to be followed by map values/.test(line)
    ? `${line}: check the indentation here: keys under a rule line up (e.g. summary and detail), and every line of a \`detail: |\` block is indented further than \`detail\``
    : line;

/** `unknown variable "imaging.lookbackdays"`, with the card-view name it likely meant. */
function withSuggestion(message: string): string {
  const name = /^unknown variable "([^"]+)"$/.exec(message)?.[1];
  const meant = name === undefined ? undefined : nearestKey(name, [...CARD_VIEW_NAMES]);
  return meant === undefined ? message : `${message}; did you mean "${meant}"?`;
}
