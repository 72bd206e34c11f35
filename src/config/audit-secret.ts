/**
 * The HMAC key for pseudonymous patient keys in the audit: configured (EMD_CDS_AUDIT_SECRET,
 * base64, at least 32 bytes) or generated on first start into a file outside the repository
 * (mode 0600). Losing it only breaks joins with older audit rows; it never exposes patients.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  prepareSettingFolder,
  refuseFolderAsFile,
  type SettingFolder,
} from '../store/setting-folder.js';

/** 256 bits, the output size of the HMAC's SHA-256 (RFC 2104 §3: shorter keys weaken it). */
export const AUDIT_SECRET_BYTES = 32;

/** A fresh key as EMD_CDS_AUDIT_SECRET takes it, and as the key file holds it: base64. */
export function newAuditSecret(): string {
  return randomBytes(AUDIT_SECRET_BYTES).toString('base64');
}

export function loadAuditSecret(configured: string | undefined, file: string): Buffer {
  if (configured) return decodedKey(configured, 'EMD_CDS_AUDIT_SECRET');
  // An existing key file is only read: its folder may be read-only (a mounted secret).
  refuseFolderAsFile(file, AUDIT_SECRET_FOLDER, 'for the audit key');
  if (existsSync(file)) return decodedKey(readFileSync(file, 'utf8').trim(), file);
  const secret = newAuditSecret();
  prepareSettingFolder(dirname(file), AUDIT_SECRET_FOLDER, file);
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return Buffer.from(secret, 'base64');
}

/** How a start-up problem names the key file's setting (../store/setting-folder.ts). */
const AUDIT_SECRET_FOLDER: SettingFolder = {
  setting: 'store.auditSecretFile',
  use: 'for the audit key: its folder cannot be made or written',
  instead: 'a file in a folder',
  aside: 'or set EMD_CDS_AUDIT_SECRET',
  docs: 'docs/configuring.md',
};

/** RFC 4648 §4 base64, padded: what `newAuditSecret` writes and the docs ask for. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The key's bytes, refused unless it is base64 of at least AUDIT_SECRET_BYTES. Node's base64
 * decoder skips what is not base64 (a quote or space pasted with the key) and stops at the
 * first `=`, so a pasted key would become other bytes, and an empty or cut key file a weak
 * key: pseudonyms an attacker could recompute from patient ids.
 */
function decodedKey(text: string, source: string): Buffer {
  const secret = BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
  if (secret === undefined || secret.length < AUDIT_SECRET_BYTES)
    throw new Error(
      `${source}: must be at least ${String(AUDIT_SECRET_BYTES)} bytes, base64-encoded (emd-cds audit-secret prints one)`,
    );
  return secret;
}
