/**
 * The environment variables the service reads, as a zod schema: a typo or a value that does
 * not parse stops the start with a message naming the variable. ./environment.ts lays them
 * over the config file's values.
 */
import { z } from 'zod';
import { describeIssuesOf } from '../issue-lines.js';
import { byteSizeSchema } from './byte-size.js';

const list = z.string().transform((text) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);
/**
 * Comma-separated http(s) URLs, each checked as the config file's `fhir.allowedServers` is:
 * a value that is no URL stopped the start later with a bare "Invalid URL" naming nothing.
 */
const urlList = list.pipe(z.array(z.url({ protocol: /^https?$/ })));
const onOff = z.enum(['on', 'off']).transform((value) => value === 'on');

const environmentSchema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().min(1).optional(),
  WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).optional(),
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(120_000).optional(),
  /** For tests only: shortens the cluster primary's restart pauses (src/cluster/cluster-restarts.ts). */
  EMD_CDS_CLUSTER_TIME_SCALE: z.coerce.number().positive().max(1).optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  CORS_ORIGINS: list.optional(),
  FHIR_SERVERS: urlList.optional(),
  FHIR_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  FHIR_CA_FILES: list.optional(),
  /** Node's own; read again with FHIR_CA_FILES, which replace Node's default trust. */
  NODE_EXTRA_CA_CERTS: z.string().optional(),
  FHIR_MAX_PAGES: z.coerce.number().int().positive().optional(),
  BODY_LIMIT: byteSizeSchema.optional(),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  AUTH: onOff.optional(),
  AUTH_DISCOVERY: onOff.optional(),
  AUTH_LOCAL_ISSUER: onOff.optional(),
  AUTH_LOCAL_ISSUER_DIR: z.string().min(1).optional(),
  AUTH_ISSUERS_FILE: z.string().min(1).optional(),
  AUTH_TRUST_CDS_HOOKS_SANDBOX: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  AUTH_CDS_HOOKS_SANDBOX_JWKS: z.string().min(1).optional(),
  AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).optional(),
  AUTH_MAX_TOKEN_AGE_SECONDS: z.coerce.number().int().positive().max(3600).optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().optional(),
  EMD_CDS_POSTGRES_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
    .optional(),
  EMD_CDS_SQLITE_FILE: z.string().min(1).optional(),
  EMD_CDS_DATA_DIR: z.string().min(1).optional(),
  EMD_CDS_ADMIN_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  EMD_CDS_AUDIT_SECRET: z.string().min(1).optional(),
  /** The `debug` package's namespaces: read only to refuse fhir-kit-client's (./debug-namespaces.ts). */
  DEBUG: z.string().optional(),
});

/** The variables read above: docs/configuring.md's table must list each (scripts/docs-tables/). */
export type EnvironmentVariable = keyof typeof environmentSchema.shape;

export type Environment = z.infer<typeof environmentSchema>;

/** The variables of `env` the service reads, checked; throws naming each bad one. */
export function readEnvironment(env: NodeJS.ProcessEnv): Environment {
  // An empty variable (`FOO=` in a shell or compose file) means "not set".
  const parsed = environmentSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')),
  );
  if (!parsed.success) throw new Error(describeIssuesOf('environment', parsed.error.issues));
  return parsed.data;
}
