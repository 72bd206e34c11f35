/**
 * Who may call the service (CDS Hooks 2.0 §Trusting CDS Clients): an allowlist of issuers,
 * each with where its keys come from — a JWKS at a `jku` URL on the allowlist, or a static
 * JWKS given out of band — and optionally the tenants it may speak for.
 */
import { z } from 'zod';

const jwk = z.looseObject({ kty: z.string(), kid: z.string().optional() });
export const jwksSchema = z.object({ keys: z.array(jwk).min(1) });

export const trustedIssuerSchema = z
  .strictObject({
    iss: z.string().min(1),
    /** `jku` URLs this issuer may name; fetched (and cached) only when on this list. */
    jku: z.array(z.url({ protocol: /^https?$/ })).default([]),
    /** A static JWKS (keys exchanged out of band); used instead of fetching `jku`. */
    jwks: jwksSchema.optional(),
    /** A fixed JWKS location agreed out of band (e.g. a local mirror); used instead of `jku`. */
    jwksUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** When set, the token's `tenant` claim must be one of these. */
    tenants: z.array(z.string().min(1)).optional(),
    /** Shown in logs and the README: why this issuer is trusted. */
    note: z.string().optional(),
  })
  .refine(
    (issuer) => issuer.jku.length > 0 || issuer.jwks !== undefined || issuer.jwksUrl !== undefined,
    {
      message: 'an issuer needs a jku allowlist, a jwksUrl or a static jwks',
    },
  );
export type TrustedIssuer = z.infer<typeof trustedIssuerSchema>;

export interface AuthSettings {
  /** Off only by explicit configuration, for local sandbox use; logged at every start. */
  enabled: boolean;
  issuers: readonly TrustedIssuer[];
  /** The service's public base URL as callers see it (behind a proxy too): `aud` is built from it. */
  publicBaseUrl: string;
  /** Allowed clock difference, in seconds. */
  clockToleranceSeconds: number;
  /** Oldest accepted `iat`, in seconds. */
  maxTokenAgeSeconds: number;
}

/** The public CDS Hooks Sandbox: its private key is published, so trust it for testing only. */
export const CDS_HOOKS_SANDBOX_ISSUER = 'https://sandbox.cds-hooks.org';
export const CDS_HOOKS_SANDBOX_JKU = 'https://sandbox.cds-hooks.org/.well-known/jwks.json';
