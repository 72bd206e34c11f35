/**
 * A fast check of the hook request's envelope (./request-schema.ts), for the common case of a
 * valid one (issue #15): under load, zod's parse of these few fields took about 60 µs of a
 * typical call's main thread (docs/performance-log.md §31), as much as the rules of a small
 * record. Like ../fhir/resource-fast-check.ts it only answers "certainly valid": it is never
 * looser than the schema, and accepts only what the schema would give back unchanged, so the
 * request can be used as sent. Anything else goes to the schema, which decides and words the
 * 400. A test holds the two side by side (test/cds/request-fast-check.test.ts).
 */
import { regexes } from 'zod';
import { MAX_CODE_LENGTH, MAX_URL_LENGTH } from '../fhir/value-limits.js';
import { isReadableId } from '../rules/fhir-reference.js';
import type { HookRequest } from './request-schema.js';

type Fields = Record<string, unknown>;

/**
 * An object as JSON.parse makes them, which zod's object and record schemas copy as they are,
 * but for a key `__proto__` (JSON.parse makes it an own property; zod leaves it out).
 */
const isJsonObject = (value: unknown): value is Fields =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype &&
  !Object.hasOwn(value, '__proto__');

const isOptionalJsonObject = (value: unknown): boolean =>
  value === undefined || isJsonObject(value);

const isNonEmptyString = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0;

/**
 * An http(s) URL the schema takes as it is: it trims the text and deletes tabs and line breaks
 * from it before parsing, so a value with any whitespace is left to it; one with a query or a
 * fragment it refuses.
 */
const WHITESPACE_FREE_HTTP_URL = /^https?:\/\/[^\s?#]+$/i;
const isPlainHttpUrl = (value: unknown): boolean =>
  typeof value === 'string' &&
  value.length <= MAX_URL_LENGTH &&
  WHITESPACE_FREE_HTTP_URL.test(value) &&
  URL.canParse(value);

const BEARER = /^bearer$/i;

function isAuthorization(value: unknown): boolean {
  if (!isJsonObject(value)) return false;
  const patient = value['patient'];
  const expiresIn = value['expires_in'];
  return (
    isNonEmptyString(value['access_token']) &&
    typeof value['token_type'] === 'string' &&
    BEARER.test(value['token_type']) &&
    typeof expiresIn === 'number' &&
    Number.isSafeInteger(expiresIn) &&
    expiresIn >= 0 &&
    isNonEmptyString(value['scope']) &&
    isNonEmptyString(value['subject']) &&
    (patient === undefined || (typeof patient === 'string' && isReadableId(patient)))
  );
}

/** True only when the schema would accept `value` and give it back as it is. */
export function isCertainlyValidHookRequest(value: unknown): value is HookRequest {
  if (!isJsonObject(value)) return false;
  const hook = value['hook'];
  const hookInstance = value['hookInstance'];
  const fhirServer = value['fhirServer'];
  const authorization = value['fhirAuthorization'];
  return (
    isNonEmptyString(hook) &&
    hook.length <= MAX_CODE_LENGTH &&
    typeof hookInstance === 'string' &&
    regexes.guid.test(hookInstance) &&
    (fhirServer === undefined || isPlainHttpUrl(fhirServer)) &&
    (authorization === undefined || isAuthorization(authorization)) &&
    isJsonObject(value['context']) &&
    isOptionalJsonObject(value['prefetch']) &&
    isOptionalJsonObject(value['extension'])
  );
}
