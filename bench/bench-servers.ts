/**
 * Every server one `npm run bench` loads, started once for the whole run: in this process the
 * bare baseline, the two verify baselines (bare + one ES384 / RS384 verification), the service
 * in production mode (authentication and audit on; ES384 and RS384 tokens) and the service
 * with authentication off, and given a folder on a tmpfs the same again with its audit
 * database there; in processes of their own the local FHIR server and the service in
 * cluster mode. Also the two token signers the production rows need.
 */
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
import type { TmpfsFolder } from './tmpfs-folder.js';
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

/**
 * `dir` holds the run's keys, audit databases and token pools; `tmpfs`, a folder on a tmpfs
 * for the auth-off service's twin (./tmpfs-folder.ts), or why there is none. The caller
 * removes both, whatever happens to the run.
 */
export async function startBenchServers(dir: string, tmpfs: TmpfsFolder): Promise<BenchServers> {
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
    },
  };
}
