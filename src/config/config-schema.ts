/**
 * The configuration file (YAML), as a zod schema: one file for everything a site may
 * change — rules, value sets, windows, wording, links, and the service's own settings. Every
 * field has a default; with no file at all, the defaults reproduce
 * ../shared/spec/emd-rules.md exactly. A JSON Schema generated from this one
 * (config/emd-cds.schema.json) lets editors autocomplete the file.
 */
import { z } from 'zod';
import { trustedIssuerSchema } from '../auth/trusted-issuers.js';
import { VALUE_SET_ROLES } from '../rules/terminology.js';
import { INDICATORS, RULE_IDS } from '../rules/types.js';
import { unacknowledgedWeakenings } from './critical-guard.js';
import { DEFAULTS } from './defaults.js';
import { superLinearReason } from './linear-pattern.js';

const regexSource = z
  .string()
  .refine(
    (source) => {
      try {
        new RegExp(source, 'iu');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be a valid regular expression' },
  )
  .superRefine((source, ctx) => {
    const reason = superLinearReason(source);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });

const ruleSchema = z.strictObject({
  enabled: z.boolean().default(true).describe('false switches the rule off'),
  mode: z
    .enum(['live', 'silent'])
    .default('live')
    .describe(
      'silent: the rule is evaluated and its cards audited (marked silent), never shown; for a trial run before go-live (docs/go-live.md)',
    ),
  indicator: z
    .enum(INDICATORS)
    .optional()
    .describe('the card level before any lowering; default: the rules page'),
  acknowledgement: z
    .string()
    .min(10)
    .optional()
    .describe(
      'required to switch off, silence or lower a critical rule: who decided it and why (logged at every start)',
    ),
  suppressAfterOverrideDays: z
    .number()
    .int()
    .min(0)
    .max(365)
    .default(0)
    .describe(
      'after a clinician overrides this card for a patient, do not show it again for this many days unless its evidence changes; 0 = never suppress',
    ),
  suppressCritical: z
    .boolean()
    .default(false)
    .describe('allow suppressing this rule when its card is critical (never by default)'),
});

const issuerInFile = trustedIssuerSchema.describe('a CDS client trusted to call the service');

export const configSchema = z
  .strictObject({
    service: z
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
        bodyLimit: z
          .string()
          .regex(/^\d+(b|kb|mb)$/i, 'a size such as 5mb')
          .default('5mb'),
        rateLimitPerMinute: z.number().int().positive().default(1200),
        defaultLocale: z
          .string()
          .default(DEFAULTS.defaultLocale)
          .describe('card wording when Accept-Language names no known locale'),
      })
      .prefault({}),
    fhir: z
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
            'PEM files of CAs trusted for FHIR servers besides the system ones (e.g. the hospital CA)',
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
      .prefault({}),
    auth: z
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
      .prefault({}),
    rules: z.partialRecord(z.enum(RULE_IDS), ruleSchema).default({}),
    phase: z
      .strictObject({
        windowDays: z.number().int().min(0).max(3650).default(DEFAULTS.phaseWindowDays),
      })
      .prefault({}),
    imaging: z
      .strictObject({
        lookbackDays: z.number().int().min(1).max(3650).default(DEFAULTS.imagingLookbackDays),
      })
      .prefault({}),
    textOnlyPatterns: z.array(regexSource).default([...DEFAULTS.textOnlyPatterns]),
    statusWords: z
      .strictObject({
        history: z
          .array(z.string().trim().min(1))
          .default([...DEFAULTS.statusWords.history])
          .describe(
            'a status given only as these words counts as history (resolved, inactive, remission)',
          ),
        ignored: z
          .array(z.string().trim().min(1))
          .default([...DEFAULTS.statusWords.ignored])
          .describe(
            'a status given only as these words makes the Condition ignored (refuted, entered in error)',
          ),
      })
      .prefault({})
      .describe(
        'words a Condition status given only as text is read as (whole text, any case); any other text status makes the Condition uncertain',
      ),
    valueSets: z
      .strictObject({
        files: z
          .array(z.string().min(1))
          .default([])
          .describe('extra ValueSet JSON files or folders, relative to this file'),
        roles: z
          .partialRecord(z.enum(VALUE_SET_ROLES), z.string().min(1))
          .default({})
          .describe('which ValueSet (canonical URL) plays each role'),
      })
      .prefault({}),
    links: z
      .strictObject({
        trials: z
          .url()
          .nullable()
          .default(DEFAULTS.trialsUrl)
          .describe('clinical-trial search on every EMD and CNS card; null for none'),
        pathway: z.url().optional().describe('the institution’s myeloma pathway'),
        timeline: z
          .url({ protocol: /^https?$/ })
          .nullable()
          .optional()
          .describe(
            'SMART launch URL of the EMD timeline app, a smart link on every EMD and CNS card; default <service.publicBaseUrl>/timeline/launch.html; null for none',
          ),
      })
      .prefault({}),
    overrideReasons: z
      .strictObject({
        system: z.string().min(1).default(DEFAULTS.overrideReasonSystem),
        codes: z
          .array(z.string().min(1))
          .min(1)
          .default([...DEFAULTS.overrideReasonCodes])
          .describe('each needs a display in every wording file'),
      })
      .prefault({}),
    store: z
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
      .prefault({}),
    wording: z
      .strictObject({
        dir: z
          .string()
          .optional()
          .describe(
            'a folder of <locale>.yaml files replacing the shipped wording, relative to this file',
          ),
      })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    for (const issue of unacknowledgedWeakenings(config.rules))
      ctx.addIssue({ code: 'custom', ...issue });
  });
export type Config = z.infer<typeof configSchema>;

/** The built-in configuration: what a service with no config file runs. */
export const DEFAULT_CONFIG: Config = configSchema.parse({});
