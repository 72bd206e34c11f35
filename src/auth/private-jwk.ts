/**
 * Private key material in a JWK. A key set the service verifies with holds public keys only:
 * a JWK with a private member is the signing key itself, and whoever reads it (the issuers
 * file and its backups, or anyone fetching a key server's JWKS) can sign tokens as that EHR.
 * jose refuses such a key only when a token's `kid` selects it, and then as an unreadable key
 * set; this names it instead, at the issuers file's load and at each key set's fetch.
 */

import { textForLog } from '../log-text.js';

/**
 * The JWK members that are private key material: RFC 7518 §6.2.2 (EC `d`), §6.3.2 (RSA `d`,
 * `p`, `q`, `dp`, `dq`, `qi`, `oth`), §6.4.1 (symmetric `k`), RFC 8037 §2 (OKP `d`), and
 * `priv`, the private key of the ML-DSA keys (`kty` AKP) jose also imports. Named by member
 * whatever the `kty`: a `d` beside an unknown `kty` is no more a public key.
 */
export const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'] as const;

/** The private members `jwk` holds, in RFC order; empty for a public key. */
export function privateMembersOf(jwk: Readonly<Record<string, unknown>>): string[] {
  return PRIVATE_JWK_MEMBERS.filter((member) => Object.hasOwn(jwk, member));
}

/** The longest `kid` said whole: a key server's `kid` is its text, of any length. */
const MAX_KID_CHARACTERS = 100;

/** A key as a person finds it in the file: its `kid`, else its place in the set. */
export function keyNamed(jwk: Readonly<Record<string, unknown>>, index: number): string {
  if (typeof jwk.kid !== 'string') return `key ${String(index)} (no kid)`;
  return `key ${JSON.stringify(textForLog(jwk.kid, MAX_KID_CHARACTERS))}`;
}

/**
 * The first key of `keys` holding private members, said as `key "kid" has d, p, q`, without
 * any member's value; undefined when every key is public.
 */
export function firstPrivateKey(
  keys: readonly Readonly<Record<string, unknown>>[],
): string | undefined {
  for (const [index, jwk] of keys.entries()) {
    const members = privateMembersOf(jwk);
    if (members.length > 0) return `${keyNamed(jwk, index)} has ${members.join(', ')}`;
  }
  return undefined;
}
