/**
 * Keyed hashes (HMAC-SHA-256) that let the audit join a patient's cards and evidence across
 * calls without storing who the patient is: the key lives outside the repository and the
 * database, so the stored values cannot be reversed by guessing identifiers.
 */
import { createHmac } from 'node:crypto';

export type Pseudonymise = (value: string) => string;

export function pseudonymiser(secret: Buffer): Pseudonymise {
  return (value) => createHmac('sha256', secret).update(value).digest('base64url');
}
