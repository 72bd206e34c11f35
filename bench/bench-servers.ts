/**
 * Every server one `npm run bench` loads, started once for the whole run: in this process the
 * bare baseline, the two verify baselines (bare + one ES384 / RS384 verification), the service
 * in production mode (authentication and audit on; ES384 and RS384 tokens) and the service
 * with authentication off, and where /dev/shm is a tmpfs the same again with its audit
 * database there; in processes of their own the local FHIR server and the service in
 * cluster mode. Also the two token signers the production rows need.
 */
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureLocalIssuerKeys } from '../src/auth/local-issuer.js';
import { startBaseline, type Baseline } from './baseline-app.js';
import { CLUSTER_WORKERS, type OptionalServerKind, type ServerKind } from './bench-records.js';
import {
  startClusterUnderTest,
  startExampleFhirServer,
  startServiceUnderTest,
  type ServiceUnderTest,
} from './services.js';
import { localIssuerSigner, rs384Signer, type Signer } from './tokens.js';

export interface BenchServers {
  fhir: Awaited<ReturnType<typeof startExampleFhirServer>>;
  baselines: Record<'baseline' | 'verify-es384' | 'verify-rs384', Baseline>;
  services: Record<'production' | 'auth-off', ServiceUnderTest>;
  cluster: Awaited<ReturnType<typeof startClusterUnderTest>>;
  /** Mints the production service's ES384 tokens (its local issuer's key). */
  es384: Signer;
  /** Mints RS384 tokens with a key made for the run, trusted through AUTH_ISSUERS_FILE. */
  rs384: Signer;
  /**
   * The auth-off service with its audit database on tmpfs, or why there is none: the row
   * that shows what the audit's disk write and fsync wait cost the rate (docs/performance.md §2.1).
   */
  auditOnTmpfs: { service: ServiceUnderTest } | { unavailable: string };
  /** Where each kind of row sends its load (an optional row's only where it runs). */
  baseUrls: Record<Exclude<ServerKind, OptionalServerKind>, string> &
    Partial<Record<OptionalServerKind, string>>;
  close(): Promise<void>;
}

/** statfs(2)'s f_type for tmpfs (linux/magic.h). */
const TMPFS_MAGIC = 0x01021994;

/**
 * Room the row's audit needs: about 1.5 KiB a typical call, some 16,000 calls, and the WAL.
 * A container's /dev/shm is often 64 MiB in all, shared with whatever else uses it.
 */
const TMPFS_NEEDED_BYTES = 256 * 1024 * 1024;

/** A new folder on a tmpfs, or why there is none (not Linux, no tmpfs, or too little room). */
function tmpfsFolder(): { dir: string } | { unavailable: string } {
  try {
    const shm = statfsSync('/dev/shm');
    if (shm.type !== TMPFS_MAGIC) return { unavailable: '/dev/shm is not a tmpfs' };
    const free = shm.bavail * shm.bsize;
    if (free < TMPFS_NEEDED_BYTES)
      return {
        unavailable: `${String(Math.floor(free / 1024 / 1024))} MiB free on /dev/shm, ${String(TMPFS_NEEDED_BYTES / 1024 / 1024)} needed`,
      };
    return { dir: mkdtempSync('/dev/shm/emd-cds-bench-') };
  } catch {
    return { unavailable: 'no /dev/shm here' };
  }
}

export async function startBenchServers(dir: string): Promise<BenchServers> {
  const fhir = await startExampleFhirServer();
  const keys = await ensureLocalIssuerKeys(join(dir, 'production', 'local-issuer'));
  const es384 = await localIssuerSigner(keys);
  const rs384 = await rs384Signer(dir);
  const baselines = {
    baseline: await startBaseline(),
    'verify-es384': await startBaseline({ alg: 'ES384', key: es384.publicKey }),
    'verify-rs384': await startBaseline({ alg: 'RS384', key: rs384.signer.publicKey }),
  };
  const services = {
    production: await startServiceUnderTest({
      auth: true,
      dir: join(dir, 'production'),
      fhirServerUrl: fhir.url,
      issuersFile: rs384.issuersFile,
    }),
    'auth-off': await startServiceUnderTest({
      auth: false,
      dir: join(dir, 'auth-off'),
      fhirServerUrl: fhir.url,
    }),
  };
  const tmpfs = tmpfsFolder();
  const auditOnTmpfs =
    'dir' in tmpfs
      ? {
          service: await startServiceUnderTest({
            auth: false,
            dir: tmpfs.dir,
            fhirServerUrl: fhir.url,
          }),
        }
      : tmpfs;
  const cluster = await startClusterUnderTest({
    dir: join(dir, 'cluster'),
    fhirServerUrl: fhir.url,
    workers: CLUSTER_WORKERS,
  });
  return {
    fhir,
    baselines,
    services,
    cluster,
    auditOnTmpfs,
    es384,
    rs384: rs384.signer,
    baseUrls: {
      baseline: baselines.baseline.baseUrl,
      'verify-es384': baselines['verify-es384'].baseUrl,
      'verify-rs384': baselines['verify-rs384'].baseUrl,
      production: services.production.baseUrl,
      'production-rs384': services.production.baseUrl,
      'auth-off': services['auth-off'].baseUrl,
      ...('service' in auditOnTmpfs ? { 'auth-off-tmpfs': auditOnTmpfs.service.baseUrl } : {}),
      cluster: cluster.baseUrl,
      'fhir-limit': fhir.url,
    },
    close: async () => {
      await Promise.all([
        ...Object.values(baselines).map((b) => b.close()),
        services.production.service.close(),
        services['auth-off'].service.close(),
        'service' in auditOnTmpfs ? auditOnTmpfs.service.service.close() : undefined,
        cluster.close(),
        fhir.close(),
      ]);
      if ('dir' in tmpfs) rmSync(tmpfs.dir, { recursive: true, force: true });
    },
  };
}
