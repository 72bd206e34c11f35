/**
 * The environment variables table of docs/configuring.md. Keyed by the variables
 * src/config/environment-schema.ts parses, so a new variable without a row does not compile, and
 * defaults that come from the config file's built-in values are read from them, so they
 * cannot drift from the code.
 */
import type { Config } from '../../src/config/config-schema.js';
import type { EnvironmentVariable } from '../../src/config/environment-schema.js';

export interface VariableDoc {
  /** The config file key the variable overrides, when there is one. */
  configKey?: string;
  /** The default: text, or read from the built-in configuration. */
  default: string | ((defaults: Config) => string);
  meaning: string;
}

const onOff = (value: boolean): string => (value ? '`on`' : '`off`');
const code = (value: string | number): string => `\`${String(value)}\``;

export const ENVIRONMENT_VARIABLE_DOCS = {
  EMD_CDS_CONFIG: {
    default: 'none: the built-in defaults (the rules page exactly)',
    meaning: 'the config file (YAML); every key below can also be set there',
  },
  NODE_ENV: {
    default: 'none',
    meaning:
      '`production`: no test-only defaults, and an unsafe setting stops the start ([security.md §9](security.md#9-deployment-checklist))',
  },
  PORT: {
    configKey: 'service.port',
    default: (d) => code(d.service.port),
    meaning: 'port to listen on',
  },
  HOST: {
    configKey: 'service.host',
    default: 'every interface',
    meaning: 'the address to listen on, e.g. `127.0.0.1`',
  },
  PUBLIC_BASE_URL: {
    configKey: 'service.publicBaseUrl',
    default: '`http://localhost:$PORT`',
    meaning:
      'the URL callers use (http or https, trailing slashes removed); every JWT `aud` is built from it: set it behind a proxy. Required with `NODE_ENV=production`, https unless on loopback, and not a name reserved for examples such as `cds.hospital.example` ([security.md §9](security.md#9-deployment-checklist))',
  },
  WORKERS: {
    configKey: 'service.workers',
    default: (d) => code(d.service.workers),
    meaning:
      'worker processes behind the one port; `auto` = one per core ([deploying.md](deploying.md))',
  },
  SHUTDOWN_DRAIN_MS: {
    default: '`0`',
    meaning:
      'after `SIGTERM`, `/readyz` answers 503 this long while calls are still served, then the listener closes',
  },
  EMD_CDS_CLUSTER_TIME_SCALE: {
    default: '`1`',
    meaning:
      "for tests only: a number above 0 and at most 1 that multiplies the cluster primary's restart pauses and the time it waits for a serving worker before it gives up ([deploying.md](deploying.md)); leave it unset in a deployment",
  },
  LOG_LEVEL: {
    configKey: 'service.logLevel',
    default: (d) => code(d.service.logLevel),
    meaning:
      'pino level: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`; no level logs tokens or patient data',
  },
  CORS_ORIGINS: {
    configKey: 'service.corsOrigins',
    default: '`https://sandbox.cds-hooks.org`; none in production',
    meaning:
      'comma-separated browser origins allowed to call. Unset or empty (`CORS_ORIGINS=`) is the default; to allow none outside production, set `service.corsOrigins: []` in the config file. Production refuses the sandbox',
  },
  BODY_LIMIT: {
    configKey: 'service.bodyLimit',
    default: (d) => code(d.service.bodyLimit),
    meaning:
      "largest request body, a number and `b`, `kb` or `mb`, at most `128mb`; 413 beyond, naming the limit. An imaging prefetch with its instances can pass 5 MB ([sizing](#sizing-the-body-limit-and-the-rate-limit)); keep the proxy's body limit in step",
  },
  RATE_LIMIT_PER_MINUTE: {
    configKey: 'service.rateLimitPerMinute',
    default: (d) => code(d.service.rateLimitPerMinute),
    meaning:
      'calls per minute per verified issuer under `/cds-services`, per tenant for an issuer that lists its `tenants` (per client address when `AUTH=off`): one budget for every hook of that EHR; 429 beyond, counted in `emd_cds_client_errors_total{status="429"}` ([sizing](#sizing-the-body-limit-and-the-rate-limit))',
  },
  FHIR_SERVERS: {
    configKey: 'fhir.allowedServers',
    default: 'none',
    meaning:
      'comma-separated FHIR base URLs the service may read from when prefetch is missing: https, or http on loopback only (production refuses another; a warning at start otherwise). None: missing required prefetch is a 412',
  },
  FHIR_TIMEOUT_MS: {
    configKey: 'fhir.timeoutMs',
    default: (d) => code(d.fhir.timeoutMs),
    meaning:
      'time budget for all FHIR reads of one hook call; past it, Conditions → 412, imaging → a gap the cards state (`emd_cds_fhir_budget_exhausted_total`)',
  },
  FHIR_CA_FILES: {
    configKey: 'fhir.caFiles',
    default: 'none',
    meaning:
      "comma-separated PEM files of CAs trusted, besides the system ones, for FHIR servers and for trusted issuers' key URLs (`jku`, `jwksUrl`) alike (`NODE_EXTRA_CA_CERTS` also works, for the whole process, and stays trusted alongside these)",
  },
  NODE_EXTRA_CA_CERTS: {
    default: 'none',
    meaning:
      "Node's own: a PEM file of CAs trusted for the whole process, FHIR servers and key URLs included; read once more at start when `FHIR_CA_FILES` is set (an unreadable file is Node's warning, not a failed start)",
  },
  FHIR_MAX_PAGES: {
    configKey: 'fhir.maxPages',
    default: (d) => code(d.fhir.maxPages),
    meaning:
      'most pages read per search (each of `fhir.pageSize`); more is incomplete data (412 for Conditions, imaging checks off), never truncated',
  },
  AUTH: {
    configKey: 'auth.enabled',
    default: (d) => onOff(d.auth.enabled),
    meaning: '`off` accepts calls without a token: local sandbox use only; production refuses it',
  },
  AUTH_DISCOVERY: {
    configKey: 'auth.discovery',
    default: (d) => onOff(d.auth.discovery),
    meaning:
      '`off`: `GET /cds-services` answers without a token (no patient data); service calls and feedback still need one',
  },
  AUTH_LOCAL_ISSUER: {
    configKey: 'auth.localIssuer',
    default: '`on`; `off` in production',
    meaning:
      'trust the local test issuer (`npm run token`) and create its key pair if absent; production refuses `on`',
  },
  AUTH_LOCAL_ISSUER_DIR: {
    configKey: 'auth.localIssuerDir',
    default: '`<EMD_CDS_DATA_DIR>/local-issuer`',
    meaning: "where the local issuer's key pair is kept (private key mode 0600)",
  },
  AUTH_ISSUERS_FILE: {
    default: 'none',
    meaning:
      'JSON list of trusted EHR issuers ([security.md §4.2](security.md#42-the-issuers-file-auth_issuers_file)); a bad file stops the start naming the entry',
  },
  AUTH_TRUST_CDS_HOOKS_SANDBOX: {
    configKey: 'auth.trustCdsHooksSandbox',
    default: (d) => code(String(d.auth.trustCdsHooksSandbox)),
    meaning: 'trust the public CDS Hooks Sandbox: testing only, its private key is published',
  },
  AUTH_CDS_HOOKS_SANDBOX_JWKS: {
    configKey: 'auth.cdsHooksSandboxJwks',
    default: '`config/auth/cds-hooks-sandbox-jwks.json`',
    meaning: "the sandbox's keys: a file (no network), or an http(s) URL",
  },
  AUTH_CLOCK_TOLERANCE_SECONDS: {
    configKey: 'auth.clockToleranceSeconds',
    default: (d) => code(d.auth.clockToleranceSeconds),
    meaning:
      '0–300: clock skew allowed for `exp`, `iat` and `nbf`; added to how long a `jti` is remembered',
  },
  AUTH_MAX_TOKEN_AGE_SECONDS: {
    configKey: 'auth.maxTokenAgeSeconds',
    default: (d) => code(d.auth.maxTokenAgeSeconds),
    meaning: '1–3600: oldest accepted `iat`, whatever the `exp`',
  },
  EMD_CDS_DATA_DIR: {
    configKey: 'store.dataDir',
    default: '`.emd-cds`',
    meaning:
      "this node's own folder (never shared): the audit spool, and the default place of the issuer keys, audit key and SQLite file; created (mode 0700) if missing, and a folder the service cannot create or write stops the start naming it",
  },
  EMD_CDS_POSTGRES_URL: {
    configKey: 'store.postgresUrl',
    default: 'none',
    meaning: 'store feedback and audit in PostgreSQL instead of the embedded SQLite file',
  },
  EMD_CDS_SQLITE_FILE: {
    configKey: 'store.sqliteFile',
    default: '`<EMD_CDS_DATA_DIR>/emd-cds.sqlite`',
    meaning: 'the embedded database',
  },
  EMD_CDS_AUDIT_SECRET: {
    default: 'generated into `<EMD_CDS_DATA_DIR>/audit-secret`',
    meaning:
      'HMAC key (base64, ≥ 32 bytes) for pseudonymous audit keys; the same on every node; `emd-cds audit-secret` prints a fresh one',
  },
  EMD_CDS_ADMIN_TOKEN: {
    default: 'none: console and `/admin` off',
    meaning:
      "Bearer credential for the console's API (`/admin/*`) and `/metrics` on the service port; ≥ 16 characters, ≥ 32 in production",
  },
  METRICS_PORT: {
    default: 'none: `/metrics` on the service port',
    meaning:
      'a listener of its own for `/metrics`, open on loopback; unset, `/metrics` is on the service port behind `EMD_CDS_ADMIN_TOKEN` (open without one, which production refuses)',
  },
  METRICS_HOST: {
    default: '`127.0.0.1`',
    meaning: 'the address of that listener; off loopback it needs `EMD_CDS_ADMIN_TOKEN`',
  },
  DEBUG: {
    default: 'none',
    meaning:
      "the libraries' debug log (the `debug` package); one that switches on `fhir-kit-client:*` (access tokens, patient data) or `router` (request URLs with their query: a SMART launch's patient id, its OAuth code) is refused in production; add `-fhir-kit-client:*,-router`",
  },
} satisfies Record<EnvironmentVariable | 'EMD_CDS_CONFIG', VariableDoc>;
