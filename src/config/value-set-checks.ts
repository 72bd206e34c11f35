/**
 * Checks on the value-set files a configuration loads, before they are compiled
 * (src/rules/compile-terminology.ts), for what compiling would take silently: a file that is
 * not a ValueSet, a code system that matches no record (./system-uri.ts), a concept without a
 * code (dropped), a designation without a name or with an empty or malformed language (never
 * shown). Each problem names the file and entry, at the line and column of the value it is
 * about, or of the entry that lacks it.
 */
import type { Terminology } from '../rules/terminology.js';
import {
  listComponents,
  listConcepts,
  listPath,
  type ConceptEntry,
  type ListedConcept,
  type ValueSetPath,
} from '../rules/value-set-concepts.js';
import { problemLine } from '../issue-lines.js';
import { pathText } from '../path-text.js';
import { ConfigError } from './config-error.js';
import { codeProblem, systemProblem } from './system-uri.js';
import { parsePositioned, positionOf } from './yaml-position.js';

/**
 * A language tag as FHIR R4 Designation.language takes it (BCP 47): `zh-CN`, `zh`, `en`.
 * Cards look a name up by the card's locale, so `zh_CN` or `Chinese` would never be shown.
 */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i;

/**
 * A concept's names in other languages (FHIR R4 ValueSet.compose.include.concept.designation,
 * ValueSet.expansion.contains.designation), which cards and the timeline app show in their
 * locale (src/rules/concept-labels.ts): each needs a non-empty value, and a language, when
 * given, must be a language tag. A designation without a language is valid FHIR and is
 * never shown on a card.
 */
function designationProblems(at: ValueSetPath, concept: ConceptEntry): Problem[] {
  if (concept.designation === undefined) return [];
  const code = typeof concept.code === 'string' ? ` (code "${concept.code}")` : '';
  const which = `${pathText(at)}${code}.designation`;
  const list = [...at, 'designation'];
  if (!Array.isArray(concept.designation))
    return [problem(list, `${which} is not a list: give [{"language": "zh-CN", "value": "…"}]`)];
  return (concept.designation as unknown[]).flatMap((raw, k): Problem[] => {
    // Said of the designation, at its key when it has one, else at the designation.
    const say = (key: string | undefined, said: string) =>
      problem([...list, k, ...(key ? [key] : [])], `${which}[${String(k)}] ${said}`);
    if (raw === null || typeof raw !== 'object')
      return [say(undefined, 'is not an object: give {"language": "zh-CN", "value": "…"}')];
    const { language, value } = raw as { language?: unknown; value?: unknown };
    const problems: Problem[] = [];
    if (typeof value !== 'string' || value.trim() === '')
      problems.push(
        say('value', "has no value: a designation is the concept's name in its language"),
      );
    if (language === undefined) return problems;
    if (typeof language !== 'string' || language.trim() === '')
      problems.push(say('language', 'has an empty language: name it, e.g. "zh-CN" or "zh"'));
    else if (!LANGUAGE_TAG.test(language))
      problems.push(
        say(
          'language',
          `language ${JSON.stringify(language)} is not a language tag (BCP 47): write e.g. "zh-CN" or "zh"`,
        ),
      );
    return problems;
  });
}

/** A problem of a value set, and the place in the file it is about. */
interface Problem {
  path: ValueSetPath;
  message: string;
}

const problem = (path: ValueSetPath, message: string): Problem => ({ path, message });

/** A problem of the value at `path`, named by its place: `compose.include[0].system "x" …`. */
const problemOfValue = (path: ValueSetPath, said: string): Problem =>
  problem(path, `${pathText(path)} ${said}`);

/** A value-set file: its name, its text and the resource JSON.parse made of it. */
export interface ValueSetFile {
  file: string;
  text: string;
  resource: unknown;
}

/**
 * Throws a ConfigError listing every problem of every file, each at its line and column;
 * returns when there is none. JSON is YAML (1.2), so a file with problems is parsed again by
 * the YAML parser the config file's positions come from (./yaml-position.ts), only to find
 * them: its values are JSON.parse's.
 */
export function checkValueSetFiles(
  files: readonly ValueSetFile[],
  knownSystems: readonly string[],
): void {
  const problems = files.flatMap(({ file, text, resource }) => {
    const found = problemsOf(resource, knownSystems);
    if (found.length === 0) return [];
    const { source } = parsePositioned(text, file);
    return found.map(({ path, message }) => problemLine(file, positionOf(source, path), message));
  });
  if (problems.length > 0) throw new ConfigError(problems);
}

function problemsOf(resource: unknown, knownSystems: readonly string[]): Problem[] {
  const vs = (resource ?? {}) as {
    resourceType?: unknown;
    url?: unknown;
    compose?: { include?: unknown; exclude?: unknown };
    expansion?: { contains?: unknown };
  };
  if (vs.resourceType === 'CodeSystem')
    return [
      problem(
        ['resourceType'],
        `is a CodeSystem${typeof vs.url === 'string' ? ` (${vs.url})` : ''}, not a ValueSet: value-set files hold ValueSets only; list its codes in a ValueSet's compose.include (system: its url)`,
      ),
    ];
  if (vs.resourceType !== undefined && vs.resourceType !== 'ValueSet')
    return [
      problem(['resourceType'], `is a ${JSON.stringify(vs.resourceType)} resource, not a ValueSet`),
    ];
  const systemAt = (path: ValueSetPath, system: unknown): Problem[] => {
    if (system === undefined) return [];
    const said = systemProblem(system, knownSystems);
    return said === undefined ? [] : [problemOfValue(path, said)];
  };
  const codeAt: CodeCheck = (system, code) => codeProblem(system, code, knownSystems);
  return [
    ...componentProblems(vs, 'compose.include', vs.compose?.include, systemAt, codeAt),
    ...componentProblems(vs, 'compose.exclude', vs.compose?.exclude, systemAt, codeAt),
    ...(isNotList(vs.expansion?.contains)
      ? [problemOfValue(['expansion', 'contains'], 'is not a list')]
      : []),
    ...[...listConcepts(vs, 'expansion.contains')].flatMap((entry) =>
      entryProblems(entry, systemAt),
    ),
  ];
}

/**
 * A list given as something else (an object, a string): the walk reads it as no list at all,
 * so its codes would be dropped without a word, and a site's plasmacytoma codes with them.
 */
const isNotList = (value: unknown) => value !== undefined && !Array.isArray(value);

/** The problems of the system at `path`: not a URI, or a near miss of a known one. */
type SystemCheck = (path: ValueSetPath, system: unknown) => Problem[];
/** Why a code of this system matches no record, or undefined. */
type CodeCheck = (system: unknown, code: string) => string | undefined;

function componentProblems(
  vs: object,
  list: 'compose.include' | 'compose.exclude',
  components: unknown,
  systemAt: SystemCheck,
  codeAt: CodeCheck,
): Problem[] {
  if (isNotList(components)) return [problemOfValue(listPath(list), 'is not a list')];
  return listComponents(vs, list).flatMap(({ component, concepts }, i) => {
    const { system, concept: conceptList } = component as { system?: unknown; concept?: unknown };
    const at = (key: string) => [...listPath(list), i, key];
    const problems: Problem[] = systemAt(at('system'), system);
    if (isNotList(conceptList)) problems.push(problemOfValue(at('concept'), 'is not a list'));
    for (const { concept, path } of concepts) {
      // At the blank code when there is one, else at the concept.
      if (typeof concept.code !== 'string' || concept.code.trim() === '')
        problems.push(
          problem(
            [...path, 'code'],
            `${pathText(path)} has no code${typeof concept.display === 'string' ? ` (display "${concept.display}")` : ''}`,
          ),
        );
      else {
        const said = codeAt(system, concept.code);
        if (said !== undefined) problems.push(problemOfValue([...path, 'code'], said));
      }
      problems.push(...designationProblems(path, concept));
    }
    return problems;
  });
}

/** Expansion entries without a code may group others (FHIR R4 `abstract`); only systems are checked. */
function entryProblems({ system, concept, path }: ListedConcept, systemAt: SystemCheck): Problem[] {
  const at = (key: string) => [...path, key];
  return [
    ...systemAt(at('system'), system),
    ...designationProblems(path, concept),
    ...(isNotList((concept as { contains?: unknown }).contains)
      ? [problemOfValue(at('contains'), 'is not a list')]
      : []),
  ];
}

/**
 * docs/configuring.md §4: an empty `multipleMyeloma` makes the service silent for every
 * patient — every rule, the critical ones included, switched off at once with nothing in the
 * file saying so. Switching one critical rule off needs an acknowledgement; this is refused
 * outright: to stop the cards, switch the rules off, where each decision is recorded.
 */
export function refuseEmptyMyeloma(terminology: Terminology): void {
  if (terminology.conceptsOf('multipleMyeloma').length > 0) return;
  throw new ConfigError(
    `value sets: multipleMyeloma (${terminology.urlOf('multipleMyeloma')}) holds no concept: the service would see no patient as a myeloma patient and give no card to anyone; to stop cards, switch the rules off instead (rules.<id>.enabled: false, with an acknowledgement for the critical ones)`,
  );
}
