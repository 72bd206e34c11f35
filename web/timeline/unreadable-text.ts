/**
 * The words of the notice the timeline shows instead of drawing (H37, H51), pure so that they
 * are tested in Node: a heading and message that fit what was malformed (Conditions, a Bundle
 * among them, H43, a Condition sent only in part, H108, or other data), and for each entry its
 * `Type/id` and which fields are wrong, as the service's shapes name them, punctuated as the
 * locale writes. Never the entry's content: an id or type that is not a FHIR one is not
 * repeated (./fhir-data.ts), and a field is named by its path only.
 */
import type { MalformedReference } from './fhir-data.js';
import type { Dictionary } from './i18n.js';

export type UnreadableKind = 'Condition' | 'Bundle' | 'subsetted' | 'other';

export interface UnreadableText {
  heading: string;
  message: string;
  toCorrect: string;
  items: readonly UnreadableItem[];
}

export interface UnreadableItem {
  /** `Condition/id`, or the type and "no valid id". */
  name: string;
  hasId: boolean;
  /** What is wrong, in words, before the fields (none for a Bundle or a non-resource). */
  problem: string;
  fields: readonly string[];
}

/**
 * Entries sent in part alone (H108), Conditions alone, Bundles alone, or anything else
 * (another type, or a mix).
 */
export function unreadableKind(references: readonly MalformedReference[]): UnreadableKind {
  if (references.length > 0 && references.every((r) => r.sentInPart)) return 'subsetted';
  const types = new Set(references.map((r) => r.resourceType));
  if (types.size !== 1) return 'other';
  const [only] = types;
  return only === 'Condition' || only === 'Bundle' ? only : 'other';
}

export function unreadableText(
  references: readonly MalformedReference[],
  { unreadable: u }: Dictionary,
): UnreadableText {
  const kind = unreadableKind(references);
  return {
    heading: u.headings[kind],
    message: u.messages[kind],
    toCorrect: u.toCorrect,
    items: references.map(({ resourceType, id, fields, sentInPart }) => ({
      name: id === undefined ? resourceType : `${resourceType}/${id}`,
      hasId: id !== undefined,
      problem: sentInPart ? u.sentInPart : problemOf(resourceType, fields, u),
      fields: resourceType === 'Bundle' || sentInPart ? [] : fields,
    })),
  };
}

function problemOf(
  resourceType: string,
  fields: readonly string[],
  u: Dictionary['unreadable'],
): string {
  if (resourceType === 'Bundle') return u.bundle;
  return fields.length > 0 ? u.fields : u.notResource;
}

/** A piece of an entry as written: words, or its name or a field, shown as code. */
export interface EntryRun {
  text: string;
  code?: 'name' | 'field';
}

/**
 * An entry as written: `Type/id` (and, without an id, that it has none, aside), what is wrong,
 * then its fields, each after the locale's colon, the fields between `listComma` (./labels.ts
 * `Labels.listComma`, the cards' separator).
 */
export function entryRuns(
  { name, hasId, problem, fields }: UnreadableItem,
  t: Dictionary,
  listComma: string,
): EntryRun[] {
  const { open, close } = t.parentheses;
  const noId = hasId ? '' : `${open}${t.unreadable.noId}${close}`;
  return [
    { text: name, code: 'name' },
    { text: `${noId}${t.colon}${problem}${fields.length ? t.colon : ''}` },
    ...fields.flatMap((field, index): EntryRun[] => [
      ...(index ? [{ text: listComma }] : []),
      { text: field, code: 'field' },
    ]),
  ];
}
