/**
 * The service's start-up options from environment variables, checked with zod so a typo
 * stops the start with a message naming the variable. (Issue #6 adds a config file.)
 */
import { z } from 'zod';

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
  };
}
