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
    return encodeURIComponent(value ?? '');
  });
  return unresolved.length > 0 ? undefined : query;
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
