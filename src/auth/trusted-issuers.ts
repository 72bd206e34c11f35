/**
 * Who may call the service (CDS Hooks 2.0 §Trusting CDS Clients): an allowlist of issuers,
 * each with where its keys come from — a JWKS at a `jku` URL on the allowlist, or a static
 * JWKS given out of band — and optionally the tenants it may speak for.
 */
import { z } from 'zod';
import { keyNamed, privateMembersOf } from './private-jwk.js';

const jwk = z.looseObject({ kty: z.string(), kid: z.string().optional() });
const jwkSet = z.object({ keys: z.array(jwk).min(1) });

/** A JWK Set of public keys given in a file (the CDS Hooks Sandbox's local copy). */
export const jwksSchema = jwkSet.superRefine((set, ctx) => {
  refusePrivateKeys(set, ctx, [], 'this JWK Set');
});

export const trustedIssuerSchema = z
  .strictObject({
    iss: z.string().min(1),
    /** `jku` URLs this issuer may name; fetched (and cached) only when on this list. */
    jku: z.array(z.url({ protocol: /^https?$/ })).default([]),
    /** A static JWKS (keys exchanged out of band); used instead of fetching `jku`. */
    jwks: jwkSet.optional(),
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
  )
  .superRefine((issuer, ctx) => {
    if (issuer.jwks) refusePrivateKeys(issuer.jwks, ctx, ['jwks'], `issuer ${issuer.iss}`);
  });
export type TrustedIssuer = z.infer<typeof trustedIssuerSchema>;

/**
 * A static key set holds the issuer's public keys only. A private JWK there (RFC 7518 §6:
 * `d`, RSA's `p` `q` `dp` `dq` `qi`, a symmetric `k`) is the EHR's signing key, kept in a
 * file that is read, copied and backed up as configuration: whoever reads it can sign tokens
 * as that EHR. jose would refuse the key at each token, as a key set it cannot read
 * (`keys-unavailable`), so the EHR's every call would fail with no word of why; refused here
 * instead, at the load, one problem per key, naming the members and never their values.
 */
function refusePrivateKeys(
  set: { keys: readonly Record<string, unknown>[] },
  ctx: z.RefinementCtx,
  path: readonly (string | number)[],
  whose: string,
) {
  for (const [index, key] of set.keys.entries()) {
    const members = privateMembersOf(key);
    if (members.length === 0) continue;
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'keys', index],
      message: `${whose}: ${keyNamed(key, index)} is a private key (it has ${members.join(', ')}): this is the EHR's signing key, and whoever reads this file or its backups can sign tokens as that EHR. Keep only the public members (kty, crv, x, y for EC; kty, n, e for RSA; kid, alg, use), remove the private key from every copy and backup, and tell the EHR its key is exposed so that it makes a new one`,
    });
  }
}

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
