/**
 * The CAs the service trusts for its own outbound TLS besides the system's: the PEM files of
 * `fhir.caFiles` (FHIR_CA_FILES), typically a hospital's internal CA. Used alike for the FHIR
 * servers (./fhir-connections.ts) and for the trusted issuers' key URLs
 * (../auth/jwks-fetch.ts): one hospital CA signs both, and a second setting to forget would
 * refuse every token of that EHR (`keys-unavailable`) while its FHIR reads worked.
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

/** The files' PEM text, read once at start; a missing file throws naming it. */
export function readCaFiles(files: readonly string[]): string[] {
  return files.map((file) => readFileSync(file, 'utf8'));
}

/**
 * undici's `connect` options trusting the system's CAs and these. Setting `ca` replaces
 * Node's bundled roots rather than adding to them, hence `rootCertificates` first; with no
 * extra CA the default (the roots, plus NODE_EXTRA_CA_CERTS) is left as it is.
 */
export function connectTrusting(extraCas: readonly string[]): { ca?: string[] } {
  return extraCas.length > 0 ? { ca: [...rootCertificates, ...extraCas] } : {};
}
