/**
 * Every resource that arrived for a patient record, once each, under each name it arrived
 * with (`Type/id`, fullUrl), before the record decides which it keeps (./patient-record.ts).
 * The subject check needs all of them (a subject may name another patient's Patient by
 * `urn:uuid`); the rules see only what the record keeps.
 */
import type { DropReason } from './drop-reasons.js';
import { historyVersionOf, typedReferenceOf, withoutVersion } from './fhir-reference.js';
import type { LenientReading } from './lenient-readings.js';
import { normalisedUri } from './uri-equivalence.js';

/** A resource as it arrived, with the fullUrl its Bundle gave it (if any). */
export interface SourcedResource {
  resource: fhir4.Resource;
  fullUrl?: string | undefined;
  /**
   * What the lenient reading made of elements that only date or name it (H102, H103), when it
   * read any so; `resource` is then its copy as read. The record's trace names them.
   */
  readings?: readonly LenientReading[] | undefined;
}

/** A resource of the record, as the service cites it. */
export interface RecordEntry<T extends fhir4.Resource = fhir4.Resource> {
  /** How the service cites this resource: `Type/id`, else its fullUrl. */
  reference: string;
  resource: T;
}

/**
 * A resource that arrived, with the fullUrl it arrived with (to tell one resource from its
 * namesake) and what the record made of it: `kept` (the hook patient's Patient, or a Condition,
 * ImagingStudy or DiagnosticReport of this patient), dropped, with why (one of those three whose
 * subject is another patient, `other-patient`, names no patient, `no-patient`, or names one the
 * call cannot tell, `unknown-patient`), or `unused` (any other resource, or another Patient).
 */
export interface Indexed {
  entry: RecordEntry;
  fullUrl: string | undefined;
  held: 'kept' | DropReason | 'unused';
  /** The lenient readings of the copy read (`SourcedResource.readings`). */
  readings: readonly LenientReading[] | undefined;
}

/**
 * A resource that arrived more than once in different versions (a read and a search made
 * moments apart, a history Bundle, an export holding each version): which copy the record
 * reads, for the trace.
 */
export interface VersionChoice {
  /** The resource's name in the record. */
  reference: string;
  /** The versions, as the trace names them ("version 2", "the copy last updated …"). */
  read: string;
  setAside: readonly string[];
  /** Whether the copy read could be told to be the latest; otherwise it arrived first. */
  ordered: boolean;
}

export interface RecordIndex {
  /** Each resource once, in the order it first arrived. */
  unique: readonly Indexed[];
  /** Resources that arrived in more than one version, and which one the record reads. */
  versionChoices: readonly VersionChoice[];
  /** The resource a reference names, kept or not. */
  find: (reference: string | undefined) => Indexed | undefined;
}

/**
 * Indexes the inputs. A resource that arrives twice is kept once: its later version when the
 * two copies' `meta` tells which is later, else the copy that arrived first.
 */
export function indexResources(inputs: readonly SourcedResource[]): RecordIndex {
  const index = new Map<string, Indexed>();
  const unique: Indexed[] = [];
  // By the resource's name: one line for it however many times it arrives (a Bundle given as
  // several prefetch keys brings each copy once per key).
  const versionChoices = new Map<string, VersionChoice>();

  for (const { resource, fullUrl, readings } of inputs) {
    const typed = typedNameOf(resource, fullUrl);
    // A relative fullUrl is often the `Type/id` itself: one name, looked up and set once.
    const isOneName = typed !== undefined && typed === fullUrl;
    const known =
      (fullUrl && index.get(fullUrl)) || (!isOneName && typed && index.get(typed)) || undefined;
    if (known && isSameResource(known.fullUrl, fullUrl)) {
      // The same resource from two queries (e.g. a read and a search): kept once, under all its
      // names. Two versions of it: a newer one may say entered-in-error, refuted or resolved
      // (rules page §2, §6), so the record reads the later one when its version can tell.
      const choice = chooseVersion(
        { resource: known.entry.resource, fullUrl: known.fullUrl },
        { resource, fullUrl },
        known.entry.reference,
      );
      if (choice) {
        const earlier = versionChoices.get(choice.said.reference);
        const setAside = new Set([...(earlier?.setAside ?? []), ...choice.said.setAside]);
        setAside.delete(choice.said.read);
        versionChoices.set(choice.said.reference, {
          ...choice.said,
          setAside: [...setAside],
          ordered: choice.said.ordered && earlier?.ordered !== false,
        });
        if (choice.readSecond) {
          known.entry = { reference: known.entry.reference, resource };
          known.readings = readings;
          // The copy read stands for the resource: a third version is ordered against it.
          known.fullUrl = fullUrl ?? known.fullUrl;
        }
      }
      learnAliases(index, known, typed, fullUrl);
      continue;
    }
    // Same Type/id under two different fullUrls (two servers, say) are two resources: the
    // second is cited by its fullUrl, and never lost because its namesake is another
    // patient's (rules page §2: only resources of another subject are dropped).
    const reference = known
      ? (fullUrl as string)
      : (typed ?? fullUrl ?? `${resource.resourceType}#${String(unique.length)}`);
    const indexed: Indexed = {
      entry: { reference, resource },
      fullUrl,
      held: 'unused',
      readings,
    };
    unique.push(indexed);
    if (known) {
      learnAliases(index, indexed, typed, fullUrl);
    } else {
      // Both names were looked up above and name nothing yet (issue #15: no second lookup).
      if (typed) index.set(typed, indexed);
      if (fullUrl && !isOneName) index.set(fullUrl, indexed);
    }
  }

  const find = (reference: string | undefined): Indexed | undefined => {
    // A local reference (`#id`) names a resource contained in the one it is written in, never
    // an entry of the call, whatever fullUrl an entry came with (FHIR R4 §2.3.0.6, H140).
    if (!reference || reference.startsWith('#')) return undefined;
    // A name a resource arrived with is that resource's, kept or dropped: an absolute URL
    // naming another patient's resource never falls through to a namesake by Type/id.
    const direct = index.get(reference);
    if (direct) return direct;
    // An absolute URL (or a versioned reference) to a resource we hold by Type/id.
    const typed = typedReferenceOf(reference);
    const namesake = typed ? index.get(typed) : undefined;
    // …but not one that arrived from another server: FHIR resolves an absolute reference by
    // the fullUrl it names (Bundle, "Resolving references"), and another base is another
    // resource that shares only its id (records probe 10: a finding citing another server's
    // study read as citing this server's study of the same id, H133).
    return namesake && isFromAnotherServer(reference, namesake.fullUrl) ? undefined : namesake;
  };
  return { unique, versionChoices: [...versionChoices.values()], find };
}

/**
 * Whether an absolute http(s) reference names a server other than the one an absolute http(s)
 * fullUrl came from: the bases before `Type/id` differ, as RFC 3986 reads two URIs
 * (./uri-equivalence.ts: scheme and host in any case, a default port written or not). A
 * fullUrl that is absent, relative or a `urn:uuid` names no server, and the resource may be
 * the one referred to (a read prefetched without its fullUrl).
 */
function isFromAnotherServer(reference: string, fullUrl: string | undefined): boolean {
  if (fullUrl === undefined) return false;
  const referenceBase = serverBaseOf(reference);
  const fullUrlBase = serverBaseOf(fullUrl);
  return referenceBase !== undefined && fullUrlBase !== undefined && referenceBase !== fullUrlBase;
}

/** The normal form of an http(s) URL's part before `Type/id[/_history/v]`. */
function serverBaseOf(url: string): string | undefined {
  const normal = normalisedUri(withoutVersion(url));
  return normal === undefined ? undefined : TYPED_END.exec(normal)?.[1];
}
/** A URL's base, then `Type/id` at its end. */
const TYPED_END = /^(.*\/)[A-Za-z]+\/[^/]+$/;

/**
 * Whether a copy that arrived under `fullUrl` is the resource first seen under `knownUrl`: when
 * either came without one, or both name it, versioned or not. An export that keeps each version
 * may give each its version-specific URL (`…/Condition/pc/_history/2`; FHIR's bdl-8 forbids it,
 * exports do it): those are versions of one resource, not two resources (H30).
 */
function isSameResource(knownUrl: string | undefined, fullUrl: string | undefined): boolean {
  if (!knownUrl || !fullUrl || knownUrl === fullUrl) return true;
  return withoutVersion(knownUrl) === withoutVersion(fullUrl);
}

/** A copy's version: its `meta`, with `meta.versionId` else the one its fullUrl ends in. */
interface CopyVersion {
  versionId: string | undefined;
  lastUpdated: string | undefined;
}

function versionOfCopy({ resource, fullUrl }: SourcedResource): CopyVersion {
  return {
    versionId: resource.meta?.versionId ?? (fullUrl ? historyVersionOf(fullUrl) : undefined),
    lastUpdated: resource.meta?.lastUpdated,
  };
}

/**
 * Which of two copies of one resource the record reads: none to choose when both carry the same
 * version, or neither carries one and their text is the same; else the later by version id
 * (`meta.versionId`, else the fullUrl's `/_history/{version}`) when both are whole numbers
 * (HAPI FHIR's and most servers'; an opaque id such as a UUID tells no order), else by
 * `meta.lastUpdated`; else the first to arrive.
 */
function chooseVersion(
  first: SourcedResource,
  second: SourcedResource,
  reference: string,
): { readSecond: boolean; said: VersionChoice } | undefined {
  if (first.resource === second.resource) return undefined;
  const [a, b] = [versionOfCopy(first), versionOfCopy(second)];
  if (a.versionId === b.versionId && a.lastUpdated === b.lastUpdated) {
    // Same version, or no version at all: the same resource unless the text differs (only a
    // resource that arrives twice gets here, so the comparison is rare).
    if (a.versionId !== undefined || a.lastUpdated !== undefined) return undefined;
    if (JSON.stringify(first.resource) === JSON.stringify(second.resource)) return undefined;
  }
  const order = versionOrder(a, b);
  const readSecond = order === 'second';
  const [read, setAside] = readSecond ? [b, a] : [a, b];
  return {
    readSecond,
    said: {
      reference,
      read: versionName(read),
      setAside: [versionName(setAside)],
      ordered: order !== undefined,
    },
  };
}

const WHOLE_NUMBER = /^\d{1,15}$/;

function versionOrder(a: CopyVersion, b: CopyVersion): 'first' | 'second' | undefined {
  const [va, vb] = [a.versionId, b.versionId];
  if (va !== undefined && vb !== undefined && WHOLE_NUMBER.test(va) && WHOLE_NUMBER.test(vb)) {
    if (Number(va) !== Number(vb)) return Number(vb) > Number(va) ? 'second' : 'first';
  }
  const [ta, tb] = [Date.parse(a.lastUpdated ?? ''), Date.parse(b.lastUpdated ?? '')];
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return tb > ta ? 'second' : 'first';
  return undefined;
}

function versionName({ versionId, lastUpdated }: CopyVersion): string {
  if (versionId !== undefined) return `version ${versionId}`;
  if (lastUpdated !== undefined) return `the copy last updated ${lastUpdated}`;
  return 'a copy with no version';
}

const SLASH = 0x2f;

/**
 * The resource's `Type/id`, or undefined when it has no id. When its fullUrl is exactly that
 * name (a relative fullUrl, as the example patients and the bench's bodies have), the fullUrl
 * string itself: no second string to build, hash and look up for each of 2,000 resources
 * (issue #15; docs/performance-log.md §36.2). An absolute fullUrl gets a `Type/id` of its own.
 */
function typedNameOf(resource: fhir4.Resource, fullUrl: string | undefined): string | undefined {
  const { resourceType, id } = resource;
  if (!id) return undefined;
  const isTypedName =
    fullUrl?.length === resourceType.length + 1 + id.length &&
    fullUrl.charCodeAt(resourceType.length) === SLASH &&
    fullUrl.startsWith(resourceType) &&
    fullUrl.endsWith(id);
  return isTypedName ? fullUrl : `${resourceType}/${id}`;
}

/** Index the entry under its `Type/id` and its fullUrl, where neither names another yet. */
function learnAliases(
  index: Map<string, Indexed>,
  indexed: Indexed,
  typed: string | undefined,
  fullUrl: string | undefined,
): void {
  if (typed && !index.has(typed)) index.set(typed, indexed);
  if (fullUrl && !index.has(fullUrl)) index.set(fullUrl, indexed);
}
