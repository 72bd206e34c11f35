/**
 * The real codes the rules match, read from fhir-resources/value-sets/*.json and
 * fhir-resources/code-systems.json, as fast-check generators: a value set's concepts in
 * every spelling the rules page §2 says must match (OID system, ICD-10-CM without its dot or
 * in lower case, stray whitespace) or that pathology and registry exports use for ICD-O-3
 * (M-9734/3, 97343: H57, H73), and codes that must match nothing.
 *
 * Part of the fuzz tests: `npm run fuzz` runs 10,000 cases a property, `npm test` a few hundred.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { PATHS } from '../../src/config/project-paths.js';

interface ValueSetFile {
  url: string;
  compose?: {
    include?: {
      system?: string;
      concept?: { code: string; display?: string }[];
      valueSet?: string[];
    }[];
  };
}

const files = readdirSync(PATHS.valueSets).filter((file) => file.endsWith('.json'));
const valueSets = new Map(
  files.map((file) => {
    const vs = JSON.parse(readFileSync(join(PATHS.valueSets, file), 'utf8')) as ValueSetFile;
    return [vs.url, { name: basename(file, '.json'), vs }] as const;
  }),
);

/** A value set's codes: enumerated concepts, or the intersection of the value sets it names. */
function expand(url: string): fhir4.Coding[] {
  const found = valueSets.get(url);
  if (!found) throw new Error(`value set ${url} is not under fhir-resources/value-sets/`);
  return (found.vs.compose?.include ?? []).flatMap((include) => {
    if (include.system) {
      const system = include.system;
      return (include.concept ?? []).map((c) => ({ system, code: c.code, display: c.display }));
    }
    const [first = [], ...rest] = (include.valueSet ?? []).map(expand);
    return first.filter((c) => rest.every((set) => set.some((d) => sameCode(c, d))));
  });
}

const sameCode = (a: fhir4.Coding, b: fhir4.Coding) => a.system === b.system && a.code === b.code;

/** Every value set's codes, by file name (`multiple-myeloma`, `site-cns`, …). */
export const CODES: ReadonlyMap<string, readonly fhir4.Coding[]> = new Map(
  [...valueSets.values()].map(({ name, vs }) => [name, expand(vs.url)]),
);

/** The value set files by role in the rules, so a test can say which codes it draws. */
export const SETS = {
  myeloma: ['multiple-myeloma', 'plasma-cell-leukemia'],
  finding: ['extramedullary-plasmacytoma', 'solitary-plasmacytoma'],
  site: ['site-bone', 'site-cns', 'site-leptomeningeal', 'site-soft-tissue-organ'],
  imagingProcedure: ['imaging-pet', 'imaging-whole-body', 'imaging-brain', 'imaging-spine'],
  order: ['imaging-order', 'order-pet-ct', 'order-mri-brain'],
} as const;

export const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';
export const SNOMED = 'http://snomed.info/sct';
export const ICD_O_3 = 'http://terminology.hl7.org/CodeSystem/icd-o-3';
export const DICOM = 'http://dicom.nema.org/resources/ontology/DCM';
export const LOCAL = 'https://ehr.example.org/CodeSystem/local';

interface NamingSystemBundle {
  entry: { resource: { uniqueId: { type: string; value: string }[] } }[];
}
const namingSystems = JSON.parse(readFileSync(PATHS.codeSystems, 'utf8')) as NamingSystemBundle;
/** `urn:oid:…` of each system URI (code-systems.json). */
const OID_OF = new Map(
  namingSystems.entry.flatMap(({ resource }) => {
    const uri = resource.uniqueId.find((id) => id.type === 'uri')?.value;
    const oid = resource.uniqueId.find((id) => id.type === 'oid')?.value;
    return uri && oid ? [[uri, `urn:oid:${oid}`] as const] : [];
  }),
);

/** The codes of these value sets; throws when none has a code, so a test never draws nothing. */
export function codesIn(names: readonly string[]): fhir4.Coding[] {
  const codes = names.flatMap((name) => CODES.get(name) ?? []);
  if (codes.length === 0) throw new Error(`no codes in ${names.join(', ')}`);
  return codes;
}

/** One of the codes, spelled any way the rules must still recognise. */
export function codingIn(names: readonly string[]): fc.Arbitrary<fhir4.Coding> {
  return fc
    .tuple(
      fc.constantFrom(...codesIn(names)),
      fc.constantFrom(
        'as-is',
        'oid',
        'dotless',
        'lower-case',
        'padded',
        'no-display',
        'morphology-prefix',
        'unslashed',
      ),
    )
    .map(([coding, spelling]) => respell(coding, spelling));
}

function respell(coding: fhir4.Coding, spelling: string): fhir4.Coding {
  const system = coding.system ?? '';
  const code = coding.code ?? '';
  switch (spelling) {
    case 'oid':
      return { ...coding, system: OID_OF.get(system) ?? system };
    case 'dotless':
      return system === ICD_10_CM ? { ...coding, code: code.replace('.', '') } : coding;
    case 'lower-case':
      return system === ICD_10_CM ? { ...coding, code: code.toLowerCase() } : coding;
    case 'padded':
      return { ...coding, system: ` ${system} `, code: ` ${code}\t` };
    case 'no-display':
      return { system, code };
    // ICD-O-3 as pathology and registry systems export a morphology (H57, H73).
    case 'morphology-prefix':
      return system === ICD_O_3 ? { ...coding, code: `M-${code}` } : coding;
    case 'unslashed':
      return system === ICD_O_3 ? { ...coding, code: code.replace('/', '') } : coding;
    default:
      return coding;
  }
}

/** Codes no value set holds: other cancers, a site-local system, a SNOMED code of no role. */
export const unknownCodingArb: fc.Arbitrary<fhir4.Coding> = fc.oneof(
  fc
    .constantFrom('C34.90', 'C79.31', 'C50.911', 'D47.2', 'E11.9')
    .map((code) => ({ system: ICD_10_CM, code })),
  fc.stringMatching(/^[A-Z0-9-]{1,12}$/).map((code) => ({ system: LOCAL, code })),
  fc.constantFrom('22298006', '73211009').map((code) => ({ system: SNOMED, code })),
  fc.record({ code: fc.string({ maxLength: 12 }) }, { requiredKeys: [] }),
);

/**
 * Conditions coded in a known system outside the value sets whose words say "extramedullary"
 * (issue #13, 4): coded, hence not text-only (rules page §2), and no plasmacytoma.
 */
export const mentionsExtramedullaryArb: fc.Arbitrary<fhir4.CodeableConcept> = fc.constantFrom(
  {
    coding: [
      {
        system: ICD_10_CM,
        code: 'D75.89',
        display: 'Other specified diseases of blood and blood-forming organs',
      },
    ],
    text: 'Extramedullary hematopoiesis',
  },
  {
    coding: [{ system: ICD_10_CM, code: 'D7589', display: 'Extramedullary haematopoiesis, liver' }],
  },
  {
    coding: [{ system: ICD_10_CM, code: 'C83.30', display: 'Diffuse large B-cell lymphoma' }],
    text: 'DLBCL with extramedullary involvement',
  },
);

/** Record text a text-only Condition may carry (rules page §2 "Text only" patterns), or noise. */
export const conditionTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'Plasmacytoma of skin',
    'EXTRAMEDULLARY mass, left kidney',
    'Myelomatous meningitis',
    'Leptomeningeal myeloma',
    '浆细胞瘤',
    '髓外 病变',
    '<img src=x onerror=alert(1)> **plasmocytoma**',
  ),
  fc.string({ maxLength: 40 }),
);

/** A coding's system and code as the matching rules of §2 compare them. */
function keyOf(c: fhir4.Coding): string {
  const raw = (c.system ?? '').trim();
  const system = [...OID_OF].find(([, oid]) => oid === raw)?.[0] ?? raw;
  const code = (c.code ?? '').trim();
  return `${system}|${system === ICD_10_CM ? code.replace(/\./g, '').toUpperCase() : code}`;
}

/** Whether the coding is one of the value sets' codes, by the matching rules of §2. */
export function isCodeIn(coding: fhir4.Coding, names: readonly string[]): boolean {
  return codesIn(names).some((c) => keyOf(c) === keyOf(coding));
}

/**
 * The name these value sets give the coding's code (a concept's `display`), if one holds it: a
 * card names a site coded with no words by it (docs/clinical-safety.md H63).
 */
export function displayIn(coding: fhir4.Coding, names: readonly string[]): string | undefined {
  return codesIn(names).find((c) => keyOf(c) === keyOf(coding))?.display;
}
