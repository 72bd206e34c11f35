/**
 * A PostgreSQL URL as the service may show it: the role's password is never in it, whether in
 * the URL's user part or as libpq's `password` parameter. For the start's connection errors
 * (./postgres-connect-error.ts), which show only the place, and for GET /admin/config, which
 * shows the URL in force without its secrets (src/config/start-only-view.ts).
 */

/**
 * `host:port` of a libpq URL, a socket folder (`?host=/run/postgresql`) as it is; never its
 * user or password.
 */
export function placeOf(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.searchParams.get('host') ?? (parsed.hostname || 'localhost');
    if (host.startsWith('/')) return host;
    return `${host}:${parsed.searchParams.get('port') ?? (parsed.port || '5432')}`;
  } catch {
    // `postgres://user:password@/db?host=/run/postgresql` is libpq's, not a WHATWG URL.
    const socket = /[?&]host=([^&]+)/.exec(url)?.[1];
    return socket === undefined ? 'the server it names' : decoded(socket);
  }
}

/** The password the URL's user part holds, decoded; '' for none. */
export function passwordOf(url: string): string {
  try {
    return decoded(new URL(url).password);
  } catch {
    // Not a WHATWG URL: the text between the user's colon and the @, when there is one.
    return /^[a-z]+:\/\/[^:@/]*:([^@/]*)@/i.exec(url)?.[1] ?? '';
  }
}

/** What stands for a secret that is not shown. */
const HIDDEN = '***';

/**
 * `url` with its password and every parameter naming a password (`password`, `sslpassword`)
 * shown as ***. A URL that cannot be taken apart (libpq's socket form) shows only its place:
 * what cannot be parsed cannot be known to hold no secret.
 */
export function redactedPostgresUrl(url: string): string {
  const scheme = /^[a-z]+:/i.exec(url)?.[0] ?? 'postgres:';
  const placeOnly = `${scheme}//${HIDDEN}@${placeOf(url)} (the rest not shown)`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return placeOnly;
  }
  const secrets = [passwordOf(url)];
  if (parsed.password !== '') parsed.password = HIDDEN;
  for (const [name, value] of [...parsed.searchParams])
    if (/password/i.test(name)) {
      secrets.push(value);
      parsed.searchParams.set(name, HIDDEN);
    }
  const shown = parsed.toString();
  // A secret that is also another part's text (a password equal to the role's name) would be
  // hidden in one place and shown in the other: then only the place is shown.
  const leaks = secrets.some(
    (secret) =>
      secret !== '' && (shown.includes(secret) || shown.includes(encodeURIComponent(secret))),
  );
  return leaks ? placeOnly : shown;
}

/** A %-escape that is not one (`%zz`) is kept as written. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
