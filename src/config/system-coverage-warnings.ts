/**
 * A diagnosis code system a site's value sets use for myeloma but for no plasmacytoma
 * (docs/configuring.md, example h). Rules page §2: codes match by system + code, and a
 * Condition coded in a system the value sets use is not text-only. So once a site adds, say,
 * WHO ICD-10 or China's national clinical edition to `multipleMyeloma` alone, a plasmacytoma
 * coded only in that system is neither a finding nor text-only: a relapsed patient with a
 * liver plasmacytoma gets no card, and nothing says so before a patient's explain trace.
 * `validate`, every start and every reload warn instead.
 */
import type { Terminology } from '../rules/terminology.js';
import type { ValueSetRole } from '../rules/value-set-roles.js';
import { problemLine } from '../issue-lines.js';
import type { CodePlaces } from './code-places.js';

const MYELOMA_ROLES: readonly ValueSetRole[] = ['multipleMyeloma', 'plasmaCellLeukemia'];
const PLASMACYTOMA_ROLES: readonly ValueSetRole[] = [
  'extramedullaryPlasmacytoma',
  'solitaryPlasmacytoma',
];
/**
 * The shipped value sets hold SNOMED CT for myeloma only: the rules page (§5) could not check
 * the plasmacytoma concepts, and docs/configuring.md §3 asks every site to add them. A warning
 * at every start of the shipped configuration would teach people to ignore the warnings.
 */
const SHIPPED_FOR_MYELOMA_ONLY: ReadonlySet<string> = new Set(['http://snomed.info/sct']);

const systemsOf = (terminology: Terminology, roles: readonly ValueSetRole[]): Set<string> =>
  new Set(roles.flatMap((role) => terminology.conceptsOf(role).flatMap((c) => c.system ?? [])));

/**
 * One warning per code system in the myeloma value sets and in no plasmacytoma value set, at
 * the first line of the myeloma value sets that writes it, when `places` can find it.
 */
export function systemCoverageWarnings(terminology: Terminology, places?: CodePlaces): string[] {
  const forPlasmacytoma = systemsOf(terminology, PLASMACYTOMA_ROLES);
  return [...systemsOf(terminology, MYELOMA_ROLES)]
    .filter((system) => !forPlasmacytoma.has(system) && !SHIPPED_FOR_MYELOMA_ONLY.has(system))
    .map((system) => {
      const place = MYELOMA_ROLES.map((role) => places?.ofSystem(role, system)).find(Boolean);
      const message = `code system ${system} is in the myeloma value sets (${MYELOMA_ROLES.join(', ')}) but in no plasmacytoma value set (${PLASMACYTOMA_ROLES.join(', ')}): a plasmacytoma coded only in it is neither a finding nor text-only and raises no card; add its plasmacytoma codes too (docs/configuring.md, example h)`;
      return place ? problemLine(place.file, place.where, message) : message;
    });
}
