/**
 * The service's start-up options: the config file's values, each overridable by an
 * environment variable (twelve-factor style, e.g. PORT from the platform). The variables are
 * checked with zod (./environment-schema.ts), so a typo stops the start with a message naming
 * the variable. With NODE_ENV=production the test-only defaults are off (local test issuer,
 * the public sandbox as a CORS origin), and ./deployment-checks.ts refuses what would still
 * be unsafe.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { AuthOptions } from '../auth/auth-settings.js';
import { DEFAULT_CONFIG, type Config } from './config-schema.js';
import { readEnvironment } from './environment-schema.js';
import { PATHS, PROJECT_ROOT } from './project-paths.js';
import { withoutTrailingSlashes } from '../rules/text-end.js';

/** The public CDS Hooks Sandbox: a CORS origin by default outside production only. */
export const CDS_HOOKS_SANDBOX_ORIGIN = 'https://sandbox.cds-hooks.org';

export interface ServiceOptions {
  /** NODE_ENV=production: unsafe settings stop the start (./deployment-checks.ts). */
  production: boolean;
  port: number;
  /** The address to listen on; every interface when undefined. */
  host: string | undefined;
  /**
   * Worker processes behind the one port (src/cluster/cluster.ts): 1 runs in this process; more
   * share the replay guard and rate limits through the store's database.
   */
  workers: number;
  /**
   * After SIGTERM, /readyz answers 503 for this long while calls are still served, then
   * the listener closes (SHUTDOWN_DRAIN_MS; for balancers that probe /readyz). Default 0.
   */
  shutdownDrainMs: number;
  /**
   * Multiplies the cluster primary's restart pauses and its give-up time
   * (src/cluster/cluster-restarts.ts): EMD_CDS_CLUSTER_TIME_SCALE, for tests only, at most 1; 1 else.
   */
  clusterTimeScale: number;
  /** True in a cluster worker: /readyz says how many of the node's workers serve. */
  clusterWorker: boolean;
  /**
   * True in a cluster worker: replay guard and rate limits live in the shared database.
   * With PostgreSQL they always do (src/service-store.ts `sharesState`), whatever this says.
   */
  sharedState: boolean;
  logLevel: Config['service']['logLevel'];
  /**
   * GET /metrics: on a listener of its own when `port` is set (on `host`, loopback unless
   * METRICS_HOST says otherwise), else on the service's port. Off loopback it needs the
   * admin token when one is set (./deployment-checks.ts `metricsCredential`). `nodeSum`: true
   * in a cluster worker, whose /metrics answers the sum over the node's workers, gathered by
   * the primary (src/cluster/cluster-metrics.ts); a worker's own counts would jump between scrapes.
   */
  metrics: { port: number | undefined; host: string; nodeSum: boolean };
  /** Browser origins allowed to call (CORS). */
  corsOrigins: string[];
  /** FHIR base URLs the service may read from when prefetch is missing. */
  allowedFhirServers: string[];
  /** What the timeline app's pages may reach and who may embed them (config `timeline`). */
  timeline: Config['timeline'];
  /** Time budget for all FHIR reads of one hook call. */
  fhirTimeoutMs: number;
  /** Idle time a pooled FHIR connection stays open (src/fhir/fhir-connections.ts). */
  fhirKeepAliveMs: number;
  /** Extra CA certificates (PEM files) trusted for FHIR servers and issuers' key URLs. */
  fhirCaFiles: string[];
  /**
   * NODE_EXTRA_CA_CERTS, Node's own: read again, with fhirCaFiles, when those replace Node's
   * default trust (src/fhir/extra-cas.ts `readExtraCas`).
   */
  nodeExtraCaCerts: string | undefined;
  fhirMaxPages: number;
  /** `_count` on the service's own FHIR searches (fewer, larger pages within the budget). */
  fhirPageSize: number;
  bodyLimit: string;
  /** The service's URL as callers see it; JWT `aud` values are built from it. */
  publicBaseUrl: string;
  /**
   * True when neither PUBLIC_BASE_URL nor service.publicBaseUrl is set: publicBaseUrl is then
   * http://localhost:<port>, which no EHR calls (./deployment-checks.ts refuses it in production).
   */
  isPublicBaseUrlDefault: boolean;
  auth: AuthOptions;

  /** Requests per minute per verified issuer (per address when authentication is off). */
  rateLimitPerMinute: number;
  /** Feedback and audit: PostgreSQL when a URL is given, else the embedded SQLite file. */
  store: { postgresUrl: string } | { sqliteFile: string };
  retentionDays: number;
  /**
   * This node's own folder (EMD_CDS_DATA_DIR, default .emd-cds): the audit spool and the
   * default place of the local issuer keys, audit key and SQLite file. Never shared.
   */
  dataDir: string;
  audit: { secret: string | undefined; secretFile: string };
  /** The credential for /admin/stats; undefined leaves it switched off. */
  adminToken: string | undefined;
  /** The built browser apps served at /console/ and /timeline/ (dist/web). */
  webRoot: string;
  /** DEBUG, the libraries' own debug log: checked so that it never prints access tokens. */
  debugNamespaces: string | undefined;
}

/** Options from the environment alone, over the built-in defaults. */
export function optionsFromEnvironment(env: NodeJS.ProcessEnv): ServiceOptions {
  return serviceOptions(DEFAULT_CONFIG, env);
}

/** Options from the config file, each overridden by its environment variable when set. */
export function serviceOptions(config: Config, env: NodeJS.ProcessEnv): ServiceOptions {
  const e = readEnvironment(env);
  const { service, fhir, auth } = config;
  const port = e.PORT ?? service.port;
  const production = e.NODE_ENV === 'production';
  // This node's own folder: the defaults of every file below, and the audit spool.
  const dataDir = e.EMD_CDS_DATA_DIR ?? config.store.dataDir ?? join(PROJECT_ROOT, '.emd-cds');
  return {
    production,
    port,
    host: e.HOST ?? service.host,
    workers: workerCount(e.WORKERS ?? service.workers),
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS ?? 0,
    clusterTimeScale: e.EMD_CDS_CLUSTER_TIME_SCALE ?? 1,
    clusterWorker: false,
    sharedState: false,
    logLevel: e.LOG_LEVEL ?? service.logLevel,
    metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST ?? '127.0.0.1', nodeSum: false },
    corsOrigins:
      e.CORS_ORIGINS ?? service.corsOrigins ?? (production ? [] : [CDS_HOOKS_SANDBOX_ORIGIN]),
    allowedFhirServers: e.FHIR_SERVERS ?? fhir.allowedServers,
    timeline: config.timeline,
    fhirTimeoutMs: e.FHIR_TIMEOUT_MS ?? fhir.timeoutMs,
    fhirKeepAliveMs: fhir.keepAliveMs,
    fhirCaFiles: e.FHIR_CA_FILES ?? fhir.caFiles,
    nodeExtraCaCerts: e.NODE_EXTRA_CA_CERTS,
    fhirMaxPages: e.FHIR_MAX_PAGES ?? fhir.maxPages,
    fhirPageSize: fhir.pageSize,
    bodyLimit: e.BODY_LIMIT ?? service.bodyLimit,
    publicBaseUrl: publicBaseUrlOf(config, e.PUBLIC_BASE_URL, port),
    isPublicBaseUrlDefault: e.PUBLIC_BASE_URL === undefined && !service.publicBaseUrl,
    auth: {
      enabled: e.AUTH ?? auth.enabled,
      discovery: e.AUTH_DISCOVERY ?? auth.discovery,
      localIssuer: {
        // Its private key sits on the service's own disk: never trusted in production by default.
        enabled: e.AUTH_LOCAL_ISSUER ?? auth.localIssuer ?? !production,
        keyDir: e.AUTH_LOCAL_ISSUER_DIR ?? auth.localIssuerDir ?? join(dataDir, 'local-issuer'),
      },
      issuers: auth.issuers,
      issuersFile: e.AUTH_ISSUERS_FILE,
      cdsHooksSandbox: {
        enabled: e.AUTH_TRUST_CDS_HOOKS_SANDBOX ?? auth.trustCdsHooksSandbox,
        jwks:
          e.AUTH_CDS_HOOKS_SANDBOX_JWKS ??
          auth.cdsHooksSandboxJwks ??
          join(PROJECT_ROOT, 'config', 'auth', 'cds-hooks-sandbox-jwks.json'),
      },
      clockToleranceSeconds: e.AUTH_CLOCK_TOLERANCE_SECONDS ?? auth.clockToleranceSeconds,
      maxTokenAgeSeconds: e.AUTH_MAX_TOKEN_AGE_SECONDS ?? auth.maxTokenAgeSeconds,
    },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE ?? service.rateLimitPerMinute,
    store: storeOption(
      e.EMD_CDS_POSTGRES_URL ?? config.store.postgresUrl,
      e.EMD_CDS_SQLITE_FILE ?? config.store.sqliteFile ?? join(dataDir, 'emd-cds.sqlite'),
    ),
    dataDir,
    retentionDays: config.store.retentionDays,
    audit: {
      secret: e.EMD_CDS_AUDIT_SECRET,
      secretFile: config.store.auditSecretFile ?? join(dataDir, 'audit-secret'),
    },
    adminToken: e.EMD_CDS_ADMIN_TOKEN,
    webRoot: PATHS.web,
    debugNamespaces: e.DEBUG,
  };
}

function workerCount(setting: number | 'auto'): number {
  return setting === 'auto' ? availableParallelism() : setting;
}

/**
 * The service's URL as callers see it, without a trailing slash: PUBLIC_BASE_URL, else the
 * config file's service.publicBaseUrl, else http://localhost:<port>.
 */
export function publicBaseUrlOf(
  config: Config,
  fromEnvironment: string | undefined,
  port: number = config.service.port,
): string {
  return withoutTrailingSlashes(
    fromEnvironment ?? config.service.publicBaseUrl ?? `http://localhost:${String(port)}`,
  );
}

function storeOption(postgresUrl: string | undefined, sqliteFile: string): ServiceOptions['store'] {
  return postgresUrl ? { postgresUrl } : { sqliteFile };
}
