/**
 * A code in the value sets of two finding classes (docs/configuring.md, example c): say a
 * site adds soft tissue to its `siteCns`, or the spine to `siteSoftTissueOrgan`. The rules take
 * the first class in the rules page's order (§3.3) without a word, so one of the two value
 * sets is silently overruled, and the card's level follows the class that won. `validate`,
 * every start and every reload say which class wins instead.
 */
import { keyFor, type Terminology } from '../rules/terminology.js';
import type { FindingClass } from '../rules/types.js';
import type { ValueSetRole } from '../rules/value-set-roles.js';
import type { CodePlaces } from './code-places.js';
import { sayer } from './role-mix-warnings.js';

interface ClassRole {
  role: ValueSetRole;
  findingClass: FindingClass;
}

/**
 * As src/rules/classify-finding.ts reads them, classes in the order it checks them
 * (leptomeningeal, paraskeletal, cns, emd): the value sets a body site is looked up in, and
 * those a Condition's code is. A code in a body-site value set and in a Condition-code one
 * is read in two different places, so it decides nothing between them.
 */
const MATCHED_ON: readonly { what: string; roles: readonly ClassRole[] }[] = [
  {
    what: 'a body site coded with it',
    roles: [
      { role: 'siteLeptomeningeal', findingClass: 'leptomeningeal' },
      { role: 'siteBone', findingClass: 'paraskeletal' },
      { role: 'boneContactQualifier', findingClass: 'paraskeletal' },
      { role: 'siteCns', findingClass: 'cns' },
      { role: 'siteSoftTissueOrgan', findingClass: 'emd' },
    ],
  },
  {
    what: 'a Condition coded with it',
    roles: [
      { role: 'leptomeningealInvolvement', findingClass: 'leptomeningeal' },
      { role: 'boneContactQualifier', findingClass: 'paraskeletal' },
      { role: 'cnsInvolvement', findingClass: 'cns' },
    ],
  },
];

const ORDER_TEXT = 'leptomeningeal, then paraskeletal, then cns, then emd';

interface Holder {
  code: string;
  system: string;
  roles: ClassRole[];
}

/**
 * One warning per code that the value sets of more than one class hold, in either place; at
 * the code's line in the site's own file, each value set named with the line that lists it.
 */
export function siteClassOverlapWarnings(
  terminology: Terminology,
  places: CodePlaces,
  siteFiles: ReadonlySet<string>,
): string[] {
  const say = sayer(terminology, places, siteFiles);
  return MATCHED_ON.flatMap(({ what, roles }) =>
    [...holders(terminology, roles)].flatMap(({ code, system, roles: holding }) => {
      const classes = [...new Set(holding.map((r) => r.findingClass))];
      const [winner, ...overruled] = classes;
      if (!winner || overruled.length === 0) return [];
      return [
        say(
          system,
          code,
          holding.map(({ role }) => role),
          `${what} is classed ${winner}, never ${overruled.join(' or ')} (rules page §3.3 checks ${ORDER_TEXT}); keep it only in the value set of the class it belongs to`,
        ),
      ];
    }),
  );
}

/** Each code of these roles' value sets, with the roles holding it in the order given. */
function holders(terminology: Terminology, roles: readonly ClassRole[]): Iterable<Holder> {
  const byKey = new Map<string, Holder>();
  for (const entry of roles)
    for (const { system, code } of terminology.conceptsOf(entry.role)) {
      if (!system || !code) continue;
      const key = keyFor(system, code);
      const holder = byKey.get(key) ?? { code, system, roles: [] };
      holder.roles.push(entry);
      byKey.set(key, holder);
    }
  return byKey.values();
}
