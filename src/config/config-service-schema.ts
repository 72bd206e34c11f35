/**
 * The service's own sections of the config file (./config-schema.ts): listening, FHIR access,
 * authentication and the store. Most apply at the next start, not on reload (docs/configuring.md
 * says which).
 */
import { z } from 'zod';
import { trustedIssuerSchema } from '../auth/trusted-issuers.js';
import { DEFAULTS } from './defaults.js';
import { byteSizeSchema } from './byte-size.js';

const issuerInFile = trustedIssuerSchema.describe('a CDS client trusted to call the service');

/** `service`: how the service listens, logs and limits its callers. */
export const serviceSection = z
  .strictObject({
    port: z.number().int().min(0).max(65535).default(3000),
    host: z
      .string()
      .min(1)
      .optional()
      .describe('the address to listen on, e.g. 127.0.0.1; every interface when unset'),
    workers: z
      .union([z.literal('auto'), z.number().int().min(1).max(64)])
      .default(1)
      .describe(
        'worker processes behind the one port; "auto" = one per core. More than one keeps the JWT replay guard and rate limits in the store database',
      ),
    publicBaseUrl: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('the URL callers use; JWT aud values are built from it'),
    logLevel: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    corsOrigins: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'browser origins allowed to call; default the public CDS Hooks Sandbox, none when NODE_ENV=production',
      ),
    // 32mb: prefetch "MUST be equivalent to the data the CDS Service would receive if it
    // were making its own call" (CDS Hooks 2.0 §Prefetch), and the service's own FHIR reads
    // take answers up to 32 MiB (src/fhir/response-limit.ts). A CT-heavy imaging prefetch
    // with its instances passes 5 MB; refused, the whole call lost its cards (H120).
    bodyLimit: byteSizeSchema
      .default('32mb')
      .describe(
        'largest request body; 32mb takes an imaging prefetch with its instances, as large as one FHIR answer the service reads itself',
      ),
    // One budget for a whole hospital's EHR across every hook (order-select fires on each
    // order selected): 6000 a minute is 100 a second, while one process answers some 700
    // typical calls a second (docs/performance.md §3.1).
    rateLimitPerMinute: z.number().int().positive().default(6000),
    defaultLocale: z
      .string()
      .default(DEFAULTS.defaultLocale)
      .describe('card wording when Accept-Language names no known locale'),
  })
  .prefault({});

/** `fhir`: which FHIR servers the service may read, and how. */
export const fhirSection = z
  .strictObject({
    allowedServers: z
      .array(z.url({ protocol: /^https?$/ }))
      .default([])
      .describe('FHIR servers the service may read when prefetch is missing'),
    timeoutMs: z
      .number()
      .int()
      .positive()
      .default(2500)
      .describe(
        'time budget for all FHIR reads of one hook call; hospital FHIR servers over TLS often take 0.3–1 s a search, and a call makes up to three',
      ),
    keepAliveMs: z
      .number()
      .int()
      .min(1000)
      .default(60_000)
      .describe('how long an idle connection to a FHIR server stays open for the next call'),
    caFiles: z
      .array(z.string().min(1))
      .default([])
      .describe(
        "PEM files of CAs trusted besides the system ones (e.g. the hospital CA), for FHIR servers and for trusted issuers' key URLs alike",
      ),
    maxPages: z.number().int().positive().default(10),
    pageSize: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(200)
      .describe('_count asked of the FHIR server on each search the service makes itself'),
  })
  .prefault({});

/** `auth`: who may call (CDS Hooks 2.0 §Trusting CDS Clients). */
export const authSection = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe('false only for local sandbox use; warned at every start'),
    discovery: z
      .boolean()
      .default(true)
      .describe(
        'false: GET /cds-services answers without a token (it lists services and rule levels, no patient data); service calls and feedback still need one',
      ),
    localIssuer: z
      .boolean()
      .optional()
      .describe(
        'trust the local test issuer (npm run token); default true, false when NODE_ENV=production (where true stops the start)',
      ),
    localIssuerDir: z.string().optional(),
    trustCdsHooksSandbox: z
      .boolean()
      .default(false)
      .describe('testing only: the sandbox private key is public'),
    cdsHooksSandboxJwks: z
      .string()
      .optional()
      .describe('a local JWKS file or URL for the sandbox issuer'),
    issuers: z.array(issuerInFile).default([]),
    clockToleranceSeconds: z.number().int().min(0).max(300).default(60),
    maxTokenAgeSeconds: z.number().int().positive().max(3600).default(300),
  })
  .prefault({});

/** `store`: where feedback and audit are kept, and for how long. */
export const storeSection = z
  .strictObject({
    sqliteFile: z
      .string()
      .min(1)
      .optional()
      .describe('the embedded feedback and audit database (default .emd-cds/emd-cds.sqlite)'),
    postgresUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
      .optional()
      .describe('use PostgreSQL instead of the embedded database'),
    retentionDays: z
      .number()
      .int()
      .min(1)
      .max(36_500)
      .default(365)
      .describe('audit and feedback older than this are deleted'),
    dataDir: z
      .string()
      .min(1)
      .optional()
      .describe(
        "this node's own folder (default .emd-cds): the audit spool, and the default place of the local issuer keys, audit key and SQLite file",
      ),
    auditSecretFile: z
      .string()
      .min(1)
      .optional()
      .describe(
        'the HMAC key for pseudonymous patient keys (generated on first start when absent)',
      ),
  })
  .prefault({});

/** An https origin (or a URL on it): what a browser's Content-Security-Policy names. */
const httpsUrl = z.url({ protocol: /^https$/ });

/**
 * `timeline`: what the EMD timeline app's pages (issue #9) may reach beyond the service and
 * the FHIR servers, and who may embed them (docs/integrating.md §8).
 */
export const timelineSection = z
  .strictObject({
    authorizationServers: z
      .array(httpsUrl)
      .default([])
      .describe(
        "SMART authorization servers on another origin than the FHIR server, whose token endpoint the app calls after launch (e.g. Oracle Health's https://authorization.cerner.com)",
      ),
    embeddingOrigins: z
      .array(httpsUrl)
      .default([])
      .describe(
        "EHR origins that may show the app in an iframe (Content-Security-Policy frame-ancestors); none: only the service's own pages",
      ),
  })
  .prefault({});
