/**
 * The HMAC key for pseudonymous patient keys in the audit: configured (EMD_CDS_AUDIT_SECRET,
 * base64, at least 32 bytes) or generated on first start into a file outside the repository
 * (mode 0600). Losing it only breaks joins with older audit rows; it never exposes patients.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** 256 bits, the output size of the HMAC's SHA-256 (RFC 2104 §3: shorter keys weaken it). */
export const AUDIT_SECRET_BYTES = 32;

/** A fresh key as EMD_CDS_AUDIT_SECRET takes it, and as the key file holds it: base64. */
export function newAuditSecret(): string {
  return randomBytes(AUDIT_SECRET_BYTES).toString('base64');
}

export function loadAuditSecret(configured: string | undefined, file: string): Buffer {
  if (configured) {
    const secret = Buffer.from(configured, 'base64');
    if (secret.length < AUDIT_SECRET_BYTES)
      throw new Error(
        `EMD_CDS_AUDIT_SECRET: must be at least ${String(AUDIT_SECRET_BYTES)} bytes, base64-encoded`,
      );
    return secret;
  }
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  const secret = newAuditSecret();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return Buffer.from(secret, 'base64');
}
