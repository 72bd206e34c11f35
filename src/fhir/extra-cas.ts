/**
 * The CAs the service trusts for its own outbound TLS besides the system's: the PEM files of
 * `fhir.caFiles` (FHIR_CA_FILES), typically a hospital's internal CA. Used alike for the FHIR
 * servers (./fhir-connections.ts) and for the trusted issuers' key URLs
 * (../auth/jwks-fetch.ts): one hospital CA signs both, and a second setting to forget would
 * refuse every token of that EHR (`keys-unavailable`) while its FHIR reads worked.
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { readFileNamedBy } from '../issue-lines.js';

/** Where the CAs come from: the service's own setting, and Node's process-wide one. */
export interface ExtraCaSources {
  /** `fhir.caFiles` (FHIR_CA_FILES). */
  caFiles: readonly string[];
  /** NODE_EXTRA_CA_CERTS: the PEM file Node added to its roots when the process started. */
  nodeExtraCaCerts: string | undefined;
}

/** The files' PEM text, read once at start; a missing file throws naming it and FHIR_CA_FILES. */
function readCaFiles(files: readonly string[]): string[] {
  return files.map((file) => readFileNamedBy('FHIR_CA_FILES', file));
}

/**
 * The PEM texts to give connectTrusting, read once at start: none without `caFiles`, so
 * Node's default trust (its roots plus NODE_EXTRA_CA_CERTS) stays as it is; with them, those
 * files and NODE_EXTRA_CA_CERTS's. Setting `ca` replaces Node's default trust, extra certs
 * included, and Node 20 has no `tls.getCACertificates('extra')` to ask for them: without
 * reading the file again here, a CA trusted through NODE_EXTRA_CA_CERTS (which
 * docs/configuring.md says works for the whole process) stopped being trusted once a CA file
 * was set.
 *
 * A NODE_EXTRA_CA_CERTS file that cannot be read is left out and does not stop the start:
 * Node read it at start, warned ("Ignoring extra certs from …") and went on without it, and
 * the service's default trust goes on without it too, so this keeps to the same.
 */
export function readExtraCas(sources: ExtraCaSources): string[] {
  if (sources.caFiles.length === 0) return [];
  const own = readCaFiles(sources.caFiles);
  if (sources.nodeExtraCaCerts === undefined) return own;
  try {
    return [...own, readFileSync(sources.nodeExtraCaCerts, 'utf8')];
  } catch {
    return own;
  }
}

/**
 * undici's `connect` options trusting the system's CAs and these. Setting `ca` replaces
 * Node's bundled roots rather than adding to them, hence `rootCertificates` first; with no
 * extra CA the default (the roots, plus NODE_EXTRA_CA_CERTS) is left as it is.
 */
export function connectTrusting(extraCas: readonly string[]): { ca?: string[] } {
  return extraCas.length > 0 ? { ca: [...rootCertificates, ...extraCas] } : {};
}
