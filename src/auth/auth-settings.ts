/**
 * The trusted issuers from the start-up options: the local test issuer, the public CDS
 * Hooks Sandbox preset, and any issuers file. Returns warnings to log at every start for
 * each setting that weakens security.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ServiceOptions } from '../config/environment.js';
import { ensureLocalIssuerKeys, localIssuer } from './local-issuer.js';
import {
  CDS_HOOKS_SANDBOX_ISSUER,
  CDS_HOOKS_SANDBOX_JKU,
  jwksSchema,
  trustedIssuerSchema,
  type AuthSettings,
  type TrustedIssuer,
} from './trusted-issuers.js';

export async function buildAuthSettings(
  options: ServiceOptions,
): Promise<{ settings: AuthSettings; warnings: string[] }> {
  const { auth } = options;
  const warnings: string[] = [];
  const issuers: TrustedIssuer[] = [];
  if (!auth.enabled) {
    warnings.push(
      'JWT authentication is OFF (AUTH=off): anyone who can reach the service can call it. Use this only for local sandbox testing.',
    );
  }
  if (auth.localIssuer.enabled) {
    issuers.push(localIssuer(await ensureLocalIssuerKeys(auth.localIssuer.keyDir)));
    warnings.push(
      `trusting the local test issuer (keys in ${auth.localIssuer.keyDir}); set AUTH_LOCAL_ISSUER=off in production`,
    );
  }
  if (auth.cdsHooksSandbox.enabled) {
    issuers.push(sandboxIssuer(auth.cdsHooksSandbox.jwks));
    warnings.push(
      `trusting the public CDS Hooks Sandbox (${CDS_HOOKS_SANDBOX_ISSUER}), whose private key is published: for testing only`,
    );
  }
  issuers.push(...auth.issuers);
  if (auth.issuersFile) issuers.push(...readIssuersFile(auth.issuersFile));
  if (auth.enabled && issuers.length === 0)
    warnings.push('no trusted issuers: every call will be refused with 401');
  return {
    settings: {
      enabled: auth.enabled,
      issuers,
      publicBaseUrl: options.publicBaseUrl,
      clockToleranceSeconds: auth.clockToleranceSeconds,
      maxTokenAgeSeconds: auth.maxTokenAgeSeconds,
    },
    warnings,
  };
}

/** The sandbox signs ES384 with a `jku` on its own site; its JWKS may come from a local file or mirror. */
function sandboxIssuer(jwks: string): TrustedIssuer {
  const base = {
    iss: CDS_HOOKS_SANDBOX_ISSUER,
    jku: [CDS_HOOKS_SANDBOX_JKU],
    note: 'public CDS Hooks Sandbox (testing only)',
  };
  if (/^https?:\/\//.test(jwks))
    return jwks === CDS_HOOKS_SANDBOX_JKU ? base : { ...base, jwksUrl: jwks };
  return { ...base, jwks: parseFile(jwks, jwksSchema) };
}

function readIssuersFile(file: string): TrustedIssuer[] {
  return parseFile(file, z.array(trustedIssuerSchema));
}

function parseFile<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
