/**
 * Prefetch token substitution (CDS Hooks 2.0 §Prefetch tokens): `{{context.<field>}}` for
 * root-level primitive context fields, and the user tokens derived from `userId`. Used to run
 * a template against the FHIR server when the client did not satisfy it.
 */
const USER_TOKENS: Readonly<Record<string, string>> = {
  userPractitionerId: 'Practitioner',
  userPractitionerRoleId: 'PractitionerRole',
  userPatientId: 'Patient',
  userRelatedPersonId: 'RelatedPerson',
};

/** The query with its tokens filled, or undefined when a token has no value in this context. */
export function fillTemplate(
  template: string,
  context: Readonly<Record<string, unknown>>,
): string | undefined {
  const unresolved: string[] = [];
  const query = template.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (_token, name: string) => {
    const value = tokenValue(name, context);
    if (value === undefined) unresolved.push(name);
    return encodeTokenValue(value ?? '');
  });
  return unresolved.length > 0 ? undefined : query;
}

/**
 * Percent-encodes a token's value but keeps `/`: `{{context.userId}}` is `Practitioner/123`,
 * a reference that must stay one in a path (`{{context.userId}}`) and reads the same in a
 * query (RFC 3986 §3.4 allows `/` there). Context values are checked FHIR ids or references
 * (src/cds/request-schema.ts), so no `..` segment or other path can come through.
 */
function encodeTokenValue(value: string): string {
  return encodeURIComponent(value).replace(/%2F/gi, '/');
}

function tokenValue(name: string, context: Readonly<Record<string, unknown>>): string | undefined {
  if (name.startsWith('context.')) {
    const value = context[name.slice('context.'.length)];
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : undefined;
  }
  const type = USER_TOKENS[name];
  const userId = context.userId;
  if (!type || typeof userId !== 'string') return undefined;
  const [userType, userIdPart] = userId.split('/');
  return userType === type ? userIdPart : undefined;
}

/**
 * The resource a read template names once filled (`ImagingStudy/{{context.imagingStudyId}}` →
 * `ImagingStudy/pet1`), or undefined for a search or a token this context does not fill.
 */
export function readTarget(
  template: string,
  context: Readonly<Record<string, unknown>>,
): { reference: string; id: string } | undefined {
  const match = /^([A-Z][A-Za-z]+)\/([^/?#]+)$/.exec(fillTemplate(template, context) ?? '');
  if (!match?.[1] || !match[2]) return undefined;
  const id = decodedSegment(match[2]);
  return id === undefined ? undefined : { reference: `${match[1]}/${id}`, id };
}

function decodedSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
