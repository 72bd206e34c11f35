/**
 * helmet's security headers (Content-Security-Policy, Strict-Transport-Security,
 * X-Content-Type-Options …), worked out once. With its default options every answer gets the
 * same headers, so helmet is run once at start against a response that only records them,
 * and each request then sets the recorded values: running helmet's thirteen middlewares on
 * every request cost about 2 % of a typical call's main-thread time (issue #15). The values
 * stay helmet's own; a path that needs another policy (the timeline pages) sets it after.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export function securityHeaders(): RequestHandler {
  const headers: [string, string | number | readonly string[]][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.push([name, value]);
      return recorder;
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  const run = { finished: false };
  helmet()(
    Object.create(null) as IncomingMessage,
    recorder as unknown as ServerResponse,
    (error?: unknown) => {
      if (error instanceof Error) throw error;
      if (error !== undefined) throw new Error('helmet failed');
      run.finished = true;
    },
  );
  // A helmet whose headers depend on the request (a nonce, a per-request policy) would not
  // finish here, or would record the wrong values: refuse to start rather than serve them.
  if (!run.finished || headers.length === 0)
    throw new Error('helmet did not set its headers synchronously; they cannot be reused');
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}
