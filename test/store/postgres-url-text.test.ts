/**
 * A PostgreSQL URL as GET /admin/config shows it (src/store/postgres-url-text.ts): the role's
 * password never, in the URL's user part (percent-encoded or not) or as libpq's `password` or
 * `sslpassword` parameter; the rest as written, so an operator sees which server, role and
 * database the node uses; only the place when the URL cannot be taken apart.
 */
import { describe, expect, it } from 'vitest';
import { redactedPostgresUrl } from '../../src/store/postgres-url-text.js';

describe('a PostgreSQL URL shown', () => {
  const cases: [string, string][] = [
    [
      'postgres://emd_cds:change-me@db-host:5432/emd_cds',
      'postgres://emd_cds:***@db-host:5432/emd_cds',
    ],
    [
      'postgresql://emd_cds:p%40ss%2Fw0rd@db-host/emd_cds?sslmode=verify-full&sslrootcert=/etc/ca.pem',
      'postgresql://emd_cds:***@db-host/emd_cds?sslmode=verify-full&sslrootcert=/etc/ca.pem',
    ],
    [
      'postgres://emd_cds@db-host/emd_cds?password=s3cret&sslpassword=k3y',
      'postgres://emd_cds@db-host/emd_cds?password=***&sslpassword=***',
    ],
    ['postgres://db-host/emd_cds', 'postgres://db-host/emd_cds'],
    // libpq's socket form is no WHATWG URL: only where it points.
    [
      'postgres://emd_cds:s3cret@/emd_cds?host=/run/postgresql',
      'postgres://***@/run/postgresql (the rest not shown)',
    ],
    // A password that is also the role's name cannot be hidden in one place only.
    ['postgres://emd:emd@db-host/emd', 'postgres://***@db-host:5432 (the rest not shown)'],
  ];
  for (const [url, shown] of cases)
    it(`is ${shown} for ${url.replace(/:[^:@/]*@/, ':…@')}`, () => {
      expect(redactedPostgresUrl(url)).toBe(shown);
    });
});
