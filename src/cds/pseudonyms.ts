/**
 * Keyed hashes (HMAC-SHA-256) that let the audit join a patient's cards and evidence across
 * calls without storing who the patient is: the key lives outside the repository and the
 * database, so the stored values cannot be reversed by guessing identifiers.
 */
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

export type Pseudonymise = (value: string) => string;

export function pseudonymiser(secret: Buffer): Pseudonymise {
  // A KeyObject, so each hash does not import the raw key again.
  const key: KeyObject = createSecretKey(secret);
  return (value) => createHmac('sha256', key).update(value).digest('base64url');
}

/**
 * The same pseudonyms, each value hashed once: for one call, whose cards cite the same
 * Condition or study many times over (each HMAC costs several µs; issue #15).
 */
export function rememberingPseudonyms(pseudonymise: Pseudonymise): Pseudonymise {
  const known = new Map<string, string>();
  return (value) => {
    let pseudonym = known.get(value);
    if (pseudonym === undefined) {
      pseudonym = pseudonymise(value);
      known.set(value, pseudonym);
    }
    return pseudonym;
  };
}
