/**
 * The settings read only at start as the node runs them, for GET /admin/config (and the
 * console's Rules view): an operator could see which start-only keys the file changed
 * (`restartNeededFor`), but not what the node runs with instead. Built from the options in
 * force (the environment over the file, defaults filled in), never from the file as it is now.
 *
 * Never a secret: a password in store.postgresUrl is shown as ***
 * (src/store/postgres-url-text.ts), the audit key only as whether it is set (the admin token
 * not at all), the trusted issuers by their key sources and key ids, not their keys, the local
 * test issuer by its folder.
 */
import type { TrustedIssuer } from '../auth/trusted-issuers.js';
import { redactedPostgresUrl } from '../store/postgres-url-text.js';
import type { Config } from './config-schema.js';
import type { ServiceOptions } from './environment.js';
import type { EnvironmentVariable } from './environment-schema.js';

/** A value as the view gives it: JSON, and nothing a secret could hide in. */
export type ShownValue = string | number | boolean | null | string[];

export interface StartOnlySetting {
  /** The config file's key (`service.port`), or the variable when only the environment sets it. */
  setting: string;
  /** The environment variable that sets it (and wins over the file), if there is one. */
  variable: EnvironmentVariable | null;
  /** The value the node runs with. */
  value: ShownValue;
}

interface Row {
  variable: EnvironmentVariable | null;
  value: (options: ServiceOptions) => ShownValue;
}

/** A row for every start-only key of a section: a key added without one does not compile. */
type RowsOf<Section> = { [Key in keyof Section]-?: Row };

const row = (
  variable: EnvironmentVariable | null,
  value: (options: ServiceOptions) => ShownValue,
): Row => ({ variable, value });

const sqliteFileOf = (options: ServiceOptions) =>
  'sqliteFile' in options.store ? options.store.sqliteFile : null;
const postgresUrlOf = (options: ServiceOptions) =>
  'postgresUrl' in options.store ? redactedPostgresUrl(options.store.postgresUrl) : null;

/**
 * The config file's start-only keys (./start-only-keys.ts), in the file's order, each with
 * its variable and its value in force. `service.defaultLocale` is reloaded, so not here.
 */
const CONFIG_ROWS: {
  service: RowsOf<Omit<Config['service'], 'defaultLocale'>>;
  fhir: RowsOf<Config['fhir']>;
  auth: RowsOf<Config['auth']>;
  store: RowsOf<Config['store']>;
  timeline: RowsOf<Config['timeline']>;
} = {
  service: {
    port: row('PORT', (o) => o.port),
    host: row('HOST', (o) => o.host ?? null),
    workers: row('WORKERS', (o) => o.workers),
    publicBaseUrl: row('PUBLIC_BASE_URL', (o) => o.publicBaseUrl),
    logLevel: row('LOG_LEVEL', (o) => o.logLevel),
    corsOrigins: row('CORS_ORIGINS', (o) => [...o.corsOrigins]),
    bodyLimit: row('BODY_LIMIT', (o) => o.bodyLimit),
    rateLimitPerMinute: row('RATE_LIMIT_PER_MINUTE', (o) => o.rateLimitPerMinute),
  },
  fhir: {
    allowedServers: row('FHIR_SERVERS', (o) => [...o.allowedFhirServers]),
    timeoutMs: row('FHIR_TIMEOUT_MS', (o) => o.fhirTimeoutMs),
    keepAliveMs: row(null, (o) => o.fhirKeepAliveMs),
    caFiles: row('FHIR_CA_FILES', (o) => [...o.fhirCaFiles]),
    maxPages: row('FHIR_MAX_PAGES', (o) => o.fhirMaxPages),
    pageSize: row(null, (o) => o.fhirPageSize),
  },
  auth: {
    enabled: row('AUTH', (o) => o.auth.enabled),
    discovery: row('AUTH_DISCOVERY', (o) => o.auth.discovery),
    localIssuer: row('AUTH_LOCAL_ISSUER', (o) => o.auth.localIssuer.enabled),
    localIssuerDir: row('AUTH_LOCAL_ISSUER_DIR', (o) => o.auth.localIssuer.keyDir),
    trustCdsHooksSandbox: row(
      'AUTH_TRUST_CDS_HOOKS_SANDBOX',
      (o) => o.auth.cdsHooksSandbox.enabled,
    ),
    cdsHooksSandboxJwks: row('AUTH_CDS_HOOKS_SANDBOX_JWKS', (o) => o.auth.cdsHooksSandbox.jwks),
    issuers: row(null, (o) => o.auth.issuers.map(describeIssuer)),
    clockToleranceSeconds: row('AUTH_CLOCK_TOLERANCE_SECONDS', (o) => o.auth.clockToleranceSeconds),
    maxTokenAgeSeconds: row('AUTH_MAX_TOKEN_AGE_SECONDS', (o) => o.auth.maxTokenAgeSeconds),
  },
  store: {
    sqliteFile: row('EMD_CDS_SQLITE_FILE', sqliteFileOf),
    postgresUrl: row('EMD_CDS_POSTGRES_URL', postgresUrlOf),
    retentionDays: row(null, (o) => o.retentionDays),
    dataDir: row('EMD_CDS_DATA_DIR', (o) => o.dataDir),
    // The file the key is read from: unused while EMD_CDS_AUDIT_SECRET is set (below).
    auditSecretFile: row(null, (o) => o.audit.secretFile),
  },
  timeline: {
    authorizationServers: row(null, (o) => [...o.timeline.authorizationServers]),
    embeddingOrigins: row(null, (o) => [...o.timeline.embeddingOrigins]),
  },
};

/** Settings only the environment gives, read at start as well. */
const ENVIRONMENT_ROWS: Partial<Record<EnvironmentVariable, Row['value']>> = {
  NODE_ENV: (o) => (o.production ? 'production' : null),
  AUTH_ISSUERS_FILE: (o) => o.auth.issuersFile ?? null,
  METRICS_PORT: (o) => o.metrics.port ?? null,
  METRICS_HOST: (o) => o.metrics.host,
  SHUTDOWN_DRAIN_MS: (o) => o.shutdownDrainMs,
  NODE_EXTRA_CA_CERTS: (o) => o.nodeExtraCaCerts ?? null,
  // Whether it is set, never the key.
  EMD_CDS_AUDIT_SECRET: (o) => (o.audit.secret === undefined ? null : 'set (not shown)'),
};

/** Each start-only setting and the value the node runs with, the file's keys first. */
export function startOnlyInForce(options: ServiceOptions): StartOnlySetting[] {
  const fromFile = Object.entries(CONFIG_ROWS).flatMap(([section, rows]) =>
    Object.entries(rows as Record<string, Row>).map(([key, { variable, value }]) => ({
      setting: `${section}.${key}`,
      variable,
      value: value(options),
    })),
  );
  const fromEnvironment = Object.entries(ENVIRONMENT_ROWS).map(([variable, value]) => ({
    setting: variable,
    variable: variable as EnvironmentVariable,
    value: value(options),
  }));
  return [...fromFile, ...fromEnvironment];
}

/**
 * An issuer as an operator checks it: who, where its keys come from (key ids, never the keys)
 * and the tenants it may speak for.
 */
export function describeIssuer(issuer: TrustedIssuer): string {
  const sources = [
    ...(issuer.jwks
      ? [`static keys ${issuer.jwks.keys.map((key) => key.kid ?? '(no kid)').join(', ')}`]
      : []),
    ...(issuer.jwksUrl ? [`jwksUrl ${issuer.jwksUrl}`] : []),
    ...(issuer.jku.length > 0 ? [`jku ${issuer.jku.join(', ')}`] : []),
  ];
  const tenants = issuer.tenants ? `; tenants ${issuer.tenants.join(', ')}` : '';
  return `${issuer.iss}: ${sources.join('; ')}${tenants}`;
}
