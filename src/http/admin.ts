/** The admin credential: who may read /admin/stats, the console API and /metrics. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Response } from 'express';
import { bearerChallenge } from './bearer-challenge.js';

/** Bearer token compared in constant time (hashes first, so lengths never leak). */
export function isAdmin(authorization: string | undefined, adminToken: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!given) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(adminToken));
}

/**
 * The 401 of an admin route: an empty body and the challenge RFC 9110 §15.5.2 requires
 * ("MUST send a WWW-Authenticate header field"), with no error code: RFC 6750 §3.1 asks for
 * none when no token came, and a wrong admin token is not told apart from a missing one.
 */
export function refuseAdmin(res: Response, realm: 'admin' | 'metrics' = 'admin'): void {
  res.setHeader('WWW-Authenticate', bearerChallenge({ realm }));
  res.status(401).end();
}
