/** The admin credential and the period of /admin/stats. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Response } from 'express';
import { ServiceError } from '../errors.js';
import { daysBefore } from '../rules/time.js';

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
  res.setHeader('WWW-Authenticate', `Bearer realm="${realm}"`);
  res.status(401).end();
}

/** `from` and `to` as ISO dates or date-times; the last 30 days by default. */
export function statsPeriod(from: unknown, to: unknown, now: Date): { from: string; to: string } {
  const parse = (value: unknown, fallback: Date, name: string) => {
    if (value === undefined) return fallback.toISOString();
    const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime()))
      throw new ServiceError('invalid-request', [
        {
          severity: 'error',
          code: 'value',
          diagnostics: `${name}: must be an ISO date or date-time`,
          expression: [name],
        },
      ]);
    return date.toISOString();
  };
  return {
    from: parse(from, daysBefore(now, 30), 'from'),
    to: parse(to, now, 'to'),
  };
}
