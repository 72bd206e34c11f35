/**
 * The service's start-up options from environment variables, checked with zod so a typo
 * stops the start with a message naming the variable. (Issue #6 adds a config file.)
 */
import { join } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from './project-paths.js';

const list = z.string().transform((text) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: list.default(['https://sandbox.cds-hooks.org']),
  FHIR_SERVERS: list.default([]),
  FHIR_TIMEOUT_MS: z.coerce.number().int().positive().default(400),
  FHIR_MAX_PAGES: z.coerce.number().int().positive().default(10),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'a size such as 5mb')
    .default('5mb'),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  AUTH: z.enum(['on', 'off']).default('on'),
  AUTH_LOCAL_ISSUER: z.enum(['on', 'off']).default('on'),
  AUTH_LOCAL_ISSUER_DIR: z
    .string()
    .min(1)
    .default(join(PROJECT_ROOT, '.emd-cds', 'local-issuer')),
  AUTH_ISSUERS_FILE: z.string().min(1).optional(),
  AUTH_TRUST_CDS_HOOKS_SANDBOX: z.enum(['true', 'false']).default('false'),
  AUTH_CDS_HOOKS_SANDBOX_JWKS: z
    .string()
    .min(1)
    .default(join(PROJECT_ROOT, 'config', 'auth', 'cds-hooks-sandbox-jwks.json')),
  AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(60),
  AUTH_MAX_TOKEN_AGE_SECONDS: z.coerce.number().int().positive().max(3600).default(300),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
});

export interface ServiceOptions {
  port: number;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  /** Browser origins allowed to call (CORS). */
  corsOrigins: string[];
  /** FHIR base URLs the service may read from when prefetch is missing. */
  allowedFhirServers: string[];
  /** Time budget for all FHIR reads of one hook call. */
  fhirTimeoutMs: number;
  fhirMaxPages: number;
  bodyLimit: string;
  /** The service's URL as callers see it; JWT `aud` values are built from it. */
  publicBaseUrl: string;
  auth: {
    enabled: boolean;
    localIssuer: { enabled: boolean; keyDir: string };
    /** A JSON file listing further trusted issuers. */
    issuersFile: string | undefined;
    /** Trust the public CDS Hooks Sandbox (testing only), with its JWKS from this file or URL. */
    cdsHooksSandbox: { enabled: boolean; jwks: string };
    clockToleranceSeconds: number;
    maxTokenAgeSeconds: number;
  };
  /** Requests per minute per verified issuer (per address when authentication is off). */
  rateLimitPerMinute: number;
}

export function optionsFromEnvironment(env: NodeJS.ProcessEnv): ServiceOptions {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) throw new Error(`environment:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  return {
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    corsOrigins: e.CORS_ORIGINS,
    allowedFhirServers: e.FHIR_SERVERS,
    fhirTimeoutMs: e.FHIR_TIMEOUT_MS,
    fhirMaxPages: e.FHIR_MAX_PAGES,
    bodyLimit: e.BODY_LIMIT,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${String(e.PORT)}`).replace(/\/+$/, ''),
    auth: {
      enabled: e.AUTH === 'on',
      localIssuer: { enabled: e.AUTH_LOCAL_ISSUER === 'on', keyDir: e.AUTH_LOCAL_ISSUER_DIR },
      issuersFile: e.AUTH_ISSUERS_FILE,
      cdsHooksSandbox: {
        enabled: e.AUTH_TRUST_CDS_HOOKS_SANDBOX === 'true',
        jwks: e.AUTH_CDS_HOOKS_SANDBOX_JWKS,
      },
      clockToleranceSeconds: e.AUTH_CLOCK_TOLERANCE_SECONDS,
      maxTokenAgeSeconds: e.AUTH_MAX_TOKEN_AGE_SECONDS,
    },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
  };
}
