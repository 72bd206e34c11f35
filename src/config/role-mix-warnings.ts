/**
 * A code put in the wrong value set, which compiles without a word (docs/configuring.md §4):
 *
 * - a myeloma code also in a finding value set (plasmacytoma, CNS or leptomeningeal
 *   involvement): every Condition coded with it is a myeloma and a finding at once, so every
 *   myeloma patient coded with it gets a finding card (rules page §3.1, §3.3);
 * - a code in a body-site value set and in a Condition-code one: sites and diagnoses are coded
 *   apart (Condition.bodySite, Condition.code), so it is in one of the two by mistake.
 *
 * A warning, not a refusal: a site may know better (a local code that means both), and the
 * service still starts; `validate --strict` makes it fail a CI job.
 */
import { keyFor, type Terminology } from '../rules/terminology.js';
import { CONDITION_CODE_ROLES, type ValueSetRole } from '../rules/value-set-roles.js';
import { placeText, type CodePlaces, type Place } from './code-places.js';
import { problemLine } from '../issue-lines.js';

/**
 * What makes a myeloma patient (rules page §3.1). Not the relapse and remission value sets:
 * they hold C90.x2 and C90.x1 of every C90 category, plasmacytomas in relapse or remission
 * among them, by the page's own codes (§3.2).
 */
const MYELOMA_ROLES: readonly ValueSetRole[] = ['multipleMyeloma', 'plasmaCellLeukemia'];

/** What a myeloma Condition coded with a finding role's code raises (rules page §3.3, §4). */
const FINDING_EFFECT: Readonly<Partial<Record<ValueSetRole, string>>> = {
  extramedullaryPlasmacytoma:
    'every myeloma patient coded with it would get an "unclassified plasmacytoma" card (emd-unclassified), or an EMD card when the Condition names a site',
  solitaryPlasmacytoma:
    'every myeloma patient coded with it would get an "unclassified plasmacytoma" card (emd-unclassified), or an EMD card when the Condition names a site',
  cnsInvolvement:
    'every myeloma patient coded with it would get a critical CNS myeloma card (emd-cns)',
  leptomeningealInvolvement:
    'every myeloma patient coded with it would get a critical leptomeningeal myeloma card (emd-leptomeningeal)',
};

const SITE_ROLES: readonly ValueSetRole[] = [
  'siteLeptomeningeal',
  'siteBone',
  'siteCns',
  'siteSoftTissueOrgan',
  'siteTypicalAtDiagnosis',
  'siteTypicalAtRelapse',
];
/**
 * The Condition-code value sets (../rules/value-set-roles.ts), but the bone-contact
 * qualifier: it names a code or a site (rules page §3.3), so a site code in it is no mistake.
 */
const CONDITION_ROLES: readonly ValueSetRole[] = CONDITION_CODE_ROLES.filter(
  (role) => role !== 'boneContactQualifier',
);

interface Held {
  system: string;
  code: string;
  first: ValueSetRole;
}

/** One warning per code in a myeloma and a finding value set, then per site and Condition one. */
export function roleMixWarnings(
  terminology: Terminology,
  places: CodePlaces,
  siteFiles: ReadonlySet<string>,
): string[] {
  const say = sayer(terminology, places, siteFiles);
  const mixed = (left: readonly ValueSetRole[], right: readonly ValueSetRole[]) =>
    right.flatMap((other) => {
      const held = firstHolders(terminology, left);
      return terminology.conceptsOf(other).flatMap(({ system, code }) => {
        const found =
          system && code
            ? held.get(keyFor(terminology.canonicalSystem(system.trim()), code))
            : undefined;
        return found ? [{ ...found, other }] : [];
      });
    });
  const findings = mixed(MYELOMA_ROLES, Object.keys(FINDING_EFFECT) as ValueSetRole[]);
  const sites = mixed(SITE_ROLES, CONDITION_ROLES);
  return [
    ...unique(findings).map(({ system, code, first, other }) =>
      say(
        system,
        code,
        [first, other],
        `a Condition coded with it is a myeloma and a finding at once, so ${FINDING_EFFECT[other] ?? ''}; keep it only in the value set it belongs to`,
      ),
    ),
    ...unique(sites).map(({ system, code, first, other }) =>
      say(
        system,
        code,
        [first, other],
        `body sites (Condition.bodySite) and diagnoses (Condition.code) are coded apart, so one of the two holds it by mistake: a site code among ${other} makes a Condition coded with it one, and a diagnosis code among ${first} matches no body site; keep it only in the value set it belongs to`,
      ),
    ),
  ];
}

/** Each code of these roles' value sets → the first role holding it. */
function firstHolders(terminology: Terminology, roles: readonly ValueSetRole[]): Map<string, Held> {
  const held = new Map<string, Held>();
  for (const role of roles)
    for (const { system, code } of terminology.conceptsOf(role)) {
      if (!system || !code) continue;
      const key = keyFor(terminology.canonicalSystem(system.trim()), code);
      if (!held.has(key)) held.set(key, { system, code, first: role });
    }
  return held;
}

/** One warning per code and pair of roles: a value set may list a code twice. */
function unique<T extends Held & { other: ValueSetRole }>(found: T[]): T[] {
  const seen = new Set<string>();
  return found.filter(({ system, code, first, other }) => {
    const key = `${system}|${code}|${first}|${other}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A warning about a code held by two roles, as every warning with a place is written:
 * `file:line:col code …`, at the place in a site's own file when one of the two is there
 * (that is what the site changes), each role then named with its url and place.
 */
export function sayer(
  terminology: Terminology,
  places: CodePlaces,
  siteFiles: ReadonlySet<string>,
) {
  return (system: string, code: string, roles: readonly ValueSetRole[], said: string): string => {
    const found = roles.map((role) => ({ role, place: places.of(role, system, code) }));
    const lead =
      found.find(({ place }) => place && siteFiles.has(place.file))?.place ??
      found.find(({ place }) => place)?.place;
    const named = found.map(({ role, place }) => roleText(terminology, role, place));
    const message = `code ${code} (${system}) is in ${named.join(' and ')}: ${said}`;
    return lead ? problemLine(lead.file, lead.where, message) : message;
  };
}

const roleText = (terminology: Terminology, role: ValueSetRole, place: Place | undefined) =>
  `${role} (${terminology.urlOf(role)}${place ? `, ${placeText(place)}` : ''})`;
