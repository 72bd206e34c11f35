/**
 * A body site given through FHIR R4's core extension `bodySite` (H114): a reference to a
 * BodyStructure ("Record details about an anatomical structure", R4 extension registry), on the
 * Condition or on one of its `bodySite` elements, often to one the Condition contains (`#bs1`).
 * Rules page §3.3 classes a finding "from all its body sites": the BodyStructure's `location`
 * and `locationQualifier` codings are read as one of the Condition's sites, as a `bodySite`
 * CodeableConcept is, so every rule (class, duplicates, the report comparison, the card's site)
 * reads it alike. A reference that cannot be read (no such BodyStructure, another patient's, no
 * location) stays on the Condition as read, and the trace says so: a site was given, and the
 * service could not read it, never "no body site recorded".
 */
import { containedNamed } from './fhir-reference.js';
import type { SubjectJudge } from './whose-resource.js';
import type { RecordIndex } from './record-index.js';
import type { TraceLine } from './types.js';

export const BODY_SITE_EXTENSION_URL = 'http://hl7.org/fhir/StructureDefinition/bodySite';

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where the BodyStructures a Condition names are looked up, and whose they may be. */
export interface SiteLookup {
  find: RecordIndex['find'];
  judge: SubjectJudge;
}

/**
 * The reference of a `bodySite` extension, read as untyped data (`extension` is not in the
 * shapes the service checks, src/fhir/resource-schemas.ts); undefined for any other extension.
 */
function siteExtensionReference(extension: unknown): string | undefined {
  if (!isRecord(extension) || extension.url !== BODY_SITE_EXTENSION_URL) return undefined;
  const value = extension.valueReference;
  return isRecord(value) && typeof value.reference === 'string' ? value.reference : '';
}

function hasSiteExtension(element: unknown): boolean {
  const extensions = isRecord(element) ? element.extension : undefined;
  return (
    Array.isArray(extensions) && extensions.some((e) => siteExtensionReference(e) !== undefined)
  );
}

/** How many `bodySite` extensions the Condition, as read, still holds: those not read. */
export function unreadExtensionSites(condition: fhir4.Condition): number {
  const count = (element: unknown) => {
    const extensions = isRecord(element) ? element.extension : undefined;
    return Array.isArray(extensions)
      ? extensions.filter((e) => siteExtensionReference(e) !== undefined).length
      : 0;
  };
  return (condition.bodySite ?? []).reduce((sum, site) => sum + count(site), count(condition));
}

/** Only the well-typed parts of a coding: a contained resource passed no shape check. */
function readCoding(value: unknown): fhir4.Coding | undefined {
  if (!isRecord(value)) return undefined;
  const coding: fhir4.Coding = {};
  if (typeof value.system === 'string') coding.system = value.system;
  if (typeof value.code === 'string') coding.code = value.code;
  if (typeof value.display === 'string') coding.display = value.display;
  return coding.code === undefined && coding.display === undefined ? undefined : coding;
}

function codingsOf(concept: unknown): fhir4.Coding[] {
  const codings = isRecord(concept) ? concept.coding : undefined;
  return Array.isArray(codings) ? codings.flatMap((c) => readCoding(c) ?? []) : [];
}

type Read = { site: fhir4.CodeableConcept } | { why: string };

/** The site a BodyStructure gives: its location's codings and text, with its qualifiers'. */
function siteOf(structure: Fields, lookup: SiteLookup): Read {
  const patient = structure.patient;
  // H09: a BodyStructure that names a patient must name this one.
  if (isRecord(patient) && typeof patient.reference === 'string') {
    const dropped = lookup.judge({ reference: patient.reference });
    if (dropped === 'other-patient') return { why: "it is another patient's BodyStructure" };
    if (dropped !== undefined)
      return {
        why: 'its patient names no Patient of this hook call, so whose it is cannot be told',
      };
  }
  const { location, locationQualifier } = structure;
  const qualifiers = Array.isArray(locationQualifier) ? locationQualifier : [];
  const coding = [...codingsOf(location), ...qualifiers.flatMap(codingsOf)];
  const text = isRecord(location) && typeof location.text === 'string' ? location.text : undefined;
  if (coding.length === 0 && text === undefined)
    return { why: 'the BodyStructure has no location the service can read' };
  return { site: { ...(coding.length > 0 ? { coding } : {}), ...(text ? { text } : {}) } };
}

/** The BodyStructure a reference names: contained in the Condition (`#id`), else in the record. */
function readReference(reference: string, condition: Fields, lookup: SiteLookup): Read {
  if (reference === '') return { why: 'it has no valueReference.reference' };
  if (reference.startsWith('#')) {
    const found = containedNamed(condition, reference, ['BodyStructure']);
    return found
      ? siteOf(found, lookup)
      : { why: 'the Condition contains no BodyStructure so named' };
  }
  const found = lookup.find(reference)?.entry.resource;
  if (found?.resourceType !== 'BodyStructure')
    return { why: 'the record holds no BodyStructure it names' };
  return siteOf(found as unknown as Fields, lookup);
}

/** Whether the site adds a coding the Condition's sites do not already hold. */
function isNewSite(site: fhir4.CodeableConcept, sites: readonly fhir4.CodeableConcept[]): boolean {
  const held = new Set(sites.flatMap((s) => (s.coding ?? []).map((c) => `${c.system}|${c.code}`)));
  const codings = site.coding ?? [];
  return codings.length === 0 || codings.some((c) => !held.has(`${c.system}|${c.code}`));
}

/**
 * The Condition with the sites its `bodySite` extensions give read into `bodySite`, each read
 * extension taken off; the Condition itself when it has none. Each extension read, or not read,
 * has its trace line.
 */
export function withExtensionSites(
  condition: fhir4.Condition,
  reference: string,
  lookup: SiteLookup,
  trace: TraceLine[],
): fhir4.Condition {
  const sites = condition.bodySite ?? [];
  if (!hasSiteExtension(condition) && !sites.some(hasSiteExtension)) return condition;
  const fields = condition as unknown as Fields;
  // Each extension of one element: read into `into`, or kept (not read) with its line.
  const readAll = (element: Fields, where: string, into: (site: fhir4.CodeableConcept) => void) =>
    (element.extension as unknown[]).filter((extension, index) => {
      const target = siteExtensionReference(extension);
      if (target === undefined) return true;
      const read = readReference(target, fields, lookup);
      const said = `${where}extension[${String(index)}] gives a body site by the bodySite extension (${BODY_SITE_EXTENSION_URL})${target ? ` as ${target}` : ''}`;
      if ('why' in read) {
        trace.push({
          reference,
          message: `${said}, which could not be read: ${read.why}; the class is read without that site`,
        });
        return true;
      }
      trace.push({ reference, message: `${said}: read as a body site` });
      into(read.site);
      return false;
    });
  const bodySite = sites.map((site, i) => {
    if (!hasSiteExtension(site)) return site;
    let coding = site.coding ?? [];
    let text = site.text;
    const extension = readAll(site as unknown as Fields, `bodySite[${String(i)}].`, (read) => {
      coding = [...coding, ...(read.coding ?? [])];
      text ??= read.text;
    });
    return withExtensions(
      { ...site, ...(coding.length > 0 ? { coding } : {}), ...(text ? { text } : {}) },
      extension,
    );
  });
  let read: fhir4.Condition = { ...condition, bodySite };
  if (hasSiteExtension(condition)) {
    const extension = readAll(fields, '', (site) => {
      if (isNewSite(site, bodySite)) bodySite.push(site);
    });
    read = withExtensions(read, extension);
  }
  if (bodySite.length === 0) delete read.bodySite;
  return read;
}

/** The element with `extension` as given, or without the key when none is left. */
function withExtensions<T extends { extension?: fhir4.Extension[] }>(
  element: T,
  extension: unknown[],
): T {
  const copy = { ...element };
  if (extension.length > 0) copy.extension = extension as fhir4.Extension[];
  else delete copy.extension;
  return copy;
}
