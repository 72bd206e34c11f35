/**
 * A PostgreSQL URL the service cannot use stops the start naming the setting and where it
 * points (docs/security.md §3, "Misconfiguration": "a bad one stops the start naming it").
 * pg's own error named neither: the fatal line was `connect ECONNREFUSED 127.0.0.1:1`. The
 * URL carries the role's password, so only its host and port are shown.
 */
import { passwordOf, placeOf } from './postgres-url-text.js';

/** The setting as an operator sets it, with the config file's key for the same setting. */
export const POSTGRES_URL_SETTING = 'EMD_CDS_POSTGRES_URL (store.postgresUrl)';

/** Error codes of Node's sockets and DNS: the server was never reached. */
const systemCode = (error: unknown): string | undefined => {
  if (error instanceof AggregateError) return systemCode(error.errors[0]);
  const { code, syscall } = (error ?? {}) as { code?: unknown; syscall?: unknown };
  return typeof code === 'string' && typeof syscall === 'string' ? code : undefined;
};

/** The error for a first connection to `url` that failed with `error`. */
export function postgresConnectError(url: string, error: unknown): Error {
  const where = placeOf(url);
  const code = systemCode(error);
  const message = withoutPassword(error instanceof Error ? error.message : String(error), url);
  const why =
    code !== undefined
      ? `cannot be reached (${code})`
      : /connection timeout/i.test(message)
        ? 'cannot be reached (no answer in time)'
        : `refused the connection: ${message}`;
  return new Error(
    `${POSTGRES_URL_SETTING}: ${where} ${why}: check the URL's host, port, role and database, and that the server is up (docs/deploying.md, section 2)`,
    { cause: error },
  );
}

/** pg's messages name the user, not the password; this makes sure of it. */
function withoutPassword(message: string, url: string): string {
  const password = passwordOf(url);
  return password === '' ? message : message.split(password).join('***');
}
