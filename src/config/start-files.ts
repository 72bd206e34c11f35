/**
 * The files named by start-only settings, read once for the node (docs/clinical-safety.md
 * H90's residual): the CA files (FHIR_CA_FILES, and NODE_EXTRA_CA_CERTS with them), the
 * sandbox's JWKS file, the local test issuer's key and the audit key file. A cluster worker
 * used to read each at its own start, so one started again after a file changed trusted other
 * CAs or keys than its siblings and than the primary checked, and wrote a new audit key when
 * the key file was gone. Now the primary reads them once (src/main.ts) and each worker is sent
 * the contents over the cluster's IPC channel (src/cluster/worker-start-settings.ts), as it is
 * sent the start-only settings: a worker started again serves with the node's reading until
 * the node restarts, as for a changed setting, rather than failing its start (a CA bundle
 * renewed on disk would then cost the node its workers one by one). A single process reads
 * them once too (src/service.ts).
 *
 * NODE_EXTRA_CA_CERTS is Node's own, read by Node itself as each process starts, before any of
 * the service's code: no reading can be handed to it. Its digest goes to the workers instead,
 * and a worker whose file is no longer the one the node started with refuses to start.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readAuthFiles, type AuthFiles } from '../auth/auth-settings.js';
import { readExtraCas } from '../fhir/extra-cas.js';
import { loadAuditSecret } from './audit-secret.js';
import type { ServiceOptions } from './environment.js';

/** What the files held at the node's start. Holds the audit key: never log it. */
export interface StartFiles extends AuthFiles {
  /** The extra CAs' PEM texts (src/fhir/extra-cas.ts). */
  extraCas: string[];
  /** The audit key, base64 (it crosses IPC as JSON), from EMD_CDS_AUDIT_SECRET or its file. */
  auditKey: string;
  /**
   * SHA-256 of NODE_EXTRA_CA_CERTS's bytes when the node started: null when it could not be
   * read (Node then goes on without it), undefined when the variable is unset.
   */
  nodeExtraCaCertsDigest: string | null | undefined;
}

/**
 * Reads them, creating the local test issuer's key pair and the audit key file on first use;
 * a file that cannot be read stops the start, naming its setting.
 */
export async function readStartFiles(options: ServiceOptions): Promise<StartFiles> {
  return {
    extraCas: readExtraCas({
      caFiles: options.fhirCaFiles,
      nodeExtraCaCerts: options.nodeExtraCaCerts,
    }),
    ...(await readAuthFiles(options.auth)),
    auditKey: loadAuditSecret(options.audit.secret, options.audit.secretFile).toString('base64'),
    nodeExtraCaCertsDigest: digestOfFile(options.nodeExtraCaCerts),
  };
}

/** The audit key's bytes. */
export function auditKeyOf(files: StartFiles): Buffer {
  return Buffer.from(files.auditKey, 'base64');
}

/**
 * Throws, naming the variable and its file (never what it holds), when NODE_EXTRA_CA_CERTS is
 * no longer what the node started with: Node has read it again for this process.
 */
export function refuseChangedNodeCas(
  nodeExtraCaCerts: string | undefined,
  files: StartFiles,
): void {
  if (digestOfFile(nodeExtraCaCerts) === files.nodeExtraCaCertsDigest) return;
  throw new Error(
    `NODE_EXTRA_CA_CERTS: ${String(nodeExtraCaCerts)} is not the file the node started with (it changed, or became readable or unreadable, since): Node read it again as this worker started, so the worker would trust other CAs than its siblings; the worker refuses to start (restart the node to trust the file as it is now)`,
  );
}

function digestOfFile(file: string | undefined): string | null | undefined {
  if (file === undefined) return undefined;
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}
