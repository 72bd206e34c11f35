/**
 * The trusted issuers from the start-up options: the local test issuer, the public CDS
 * Hooks Sandbox preset, and any issuers file. What weakens security is said once at start
 * by ../config/deployment-checks.ts (and refused in production).
 */
import type { JWK } from 'jose';
import { z } from 'zod';
import { bytesOfFileNamedBy, describeIssuesOf, jsonSyntaxProblem } from '../issue-lines.js';
import { repeatedKeyProblems } from '../repeated-keys.js';
import { decodeSiteText } from '../site-text.js';
import { ensureLocalIssuerKeys, localIssuer } from './local-issuer.js';
import {
  CDS_HOOKS_SANDBOX_ISSUER,
  CDS_HOOKS_SANDBOX_JKU,
  jwksSchema,
  trustedIssuerSchema,
  type AuthSettings,
  type TrustedIssuer,
} from './trusted-issuers.js';

/**
 * How authentication is set up at start, as ../config/environment.ts reads it from the config
 * file and the environment. Declared here, by its user, so auth needs nothing from config.
 */
export interface AuthOptions {
  enabled: boolean;
  /** False: discovery answers without a token (service calls and feedback still need one). */
  discovery: boolean;
  localIssuer: { enabled: boolean; keyDir: string };
  /** Issuers listed in the config file. */
  issuers: TrustedIssuer[];
  /** A JSON file listing further trusted issuers. */
  issuersFile: string | undefined;
  /**
   * The issuers of `issuersFile` as already read and checked (a cluster worker is given its
   * primary's): the file is read only when this is undefined, so a worker started later does
   * not trust what was added to it since.
   */
  fileIssuers?: readonly TrustedIssuer[];
  /** Trust the public CDS Hooks Sandbox (testing only), with its JWKS from this file or URL. */
  cdsHooksSandbox: { enabled: boolean; jwks: string };
  clockToleranceSeconds: number;
  maxTokenAgeSeconds: number;
}

/**
 * What the key files the auth options name held when the node started, read once for the node
 * (a cluster worker is given its primary's: ../config/start-files.ts), so that a file changed
 * since is not trusted by a worker started later while its siblings trust the old one.
 */
export interface AuthFiles {
  /** The local test issuer's public key, when it is trusted; never its private key. */
  localIssuerKey: JWK | undefined;
  /** AUTH_CDS_HOOKS_SANDBOX_JWKS's key set, when the sandbox is trusted and that is a file. */
  sandboxJwks: SandboxJwks | undefined;
}

type SandboxJwks = NonNullable<TrustedIssuer['jwks']>;

/** Reads the files of `auth`, creating the local test issuer's key pair on its first use. */
export async function readAuthFiles(auth: AuthOptions): Promise<AuthFiles> {
  const { localIssuer: local, cdsHooksSandbox: sandbox } = auth;
  return {
    localIssuerKey: local.enabled
      ? (await ensureLocalIssuerKeys(local.keyDir)).publicJwk
      : undefined,
    sandboxJwks:
      sandbox.enabled && !isKeyUrl(sandbox.jwks)
        ? parseFile('AUTH_CDS_HOOKS_SANDBOX_JWKS', sandbox.jwks, jwksSchema)
        : undefined,
  };
}

/**
 * The trusted issuers and token rules. `files`: what the key files held at the node's start;
 * read now when not given (a single process, a test).
 */
export async function buildAuthSettings(
  options: {
    auth: AuthOptions;
    /** The service's URL as callers see it; JWT `aud` values are built from it. */
    publicBaseUrl: string;
  },
  files?: AuthFiles,
): Promise<AuthSettings> {
  const { auth } = options;
  const { localIssuerKey, sandboxJwks } = files ?? (await readAuthFiles(auth));
  const issuers: TrustedIssuer[] = [];
  if (auth.localIssuer.enabled && localIssuerKey) issuers.push(localIssuer(localIssuerKey));
  if (auth.cdsHooksSandbox.enabled)
    issuers.push(sandboxIssuer(auth.cdsHooksSandbox.jwks, sandboxJwks));
  issuers.push(...auth.issuers);
  if (auth.fileIssuers) issuers.push(...auth.fileIssuers);
  else if (auth.issuersFile) issuers.push(...readIssuersFile(auth.issuersFile));
  return {
    enabled: auth.enabled,
    issuers,
    publicBaseUrl: options.publicBaseUrl,
    clockToleranceSeconds: auth.clockToleranceSeconds,
    maxTokenAgeSeconds: auth.maxTokenAgeSeconds,
  };
}

const isKeyUrl = (jwks: string) => /^https?:\/\//.test(jwks);

/**
 * The sandbox signs ES384 with a `jku` on its own site; its JWKS may come from a local file
 * (`fromFile`, as read at start) or mirror.
 */
function sandboxIssuer(jwks: string, fromFile: SandboxJwks | undefined): TrustedIssuer {
  const base = {
    iss: CDS_HOOKS_SANDBOX_ISSUER,
    jku: [CDS_HOOKS_SANDBOX_JKU],
    note: 'public CDS Hooks Sandbox (testing only)',
  };
  if (isKeyUrl(jwks)) return jwks === CDS_HOOKS_SANDBOX_JKU ? base : { ...base, jwksUrl: jwks };
  return { ...base, jwks: fromFile ?? parseFile('AUTH_CDS_HOOKS_SANDBOX_JWKS', jwks, jwksSchema) };
}

/** The issuers in AUTH_ISSUERS_FILE; a bad file throws naming the file and the entry. */
export function readIssuersFile(file: string): TrustedIssuer[] {
  return parseFile('AUTH_ISSUERS_FILE', file, z.array(trustedIssuerSchema));
}

function parseFile<T>(setting: string, file: string, schema: z.ZodType<T>): T {
  const read = decodeSiteText(file, bytesOfFileNamedBy(setting, file));
  if ('problem' in read) throw new Error(read.problem);
  const { text } = read;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    // At its file:line:col as every configuration problem, without V8's quote of the text.
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(jsonSyntaxProblem(file, text, message), { cause: error });
  }
  // Two "jwks" or "jku" in one issuer: JSON.parse would trust the last without a word.
  const repeated = repeatedKeyProblems(file, text, raw);
  if (repeated.length > 0) throw new Error(repeated.join('\n'));
  const parsed = schema.safeParse(raw);
  // One line per problem, `file path: message`, as the config file's and the environment's.
  if (!parsed.success) throw new Error(describeIssuesOf(file, parsed.error.issues));
  return parsed.data;
}
