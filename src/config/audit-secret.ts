/**
 * The HMAC key for pseudonymous patient keys in the audit: configured (EMD_CDS_AUDIT_SECRET,
 * base64, at least 32 bytes) or generated on first start into a file outside the repository
 * (mode 0600). Losing it only breaks joins with older audit rows; it never exposes patients.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function loadAuditSecret(configured: string | undefined, file: string): Buffer {
  if (configured) {
    const secret = Buffer.from(configured, 'base64');
    if (secret.length < 32)
      throw new Error('EMD_CDS_AUDIT_SECRET: must be at least 32 bytes, base64-encoded');
    return secret;
  }
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  const secret = randomBytes(32);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${secret.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
