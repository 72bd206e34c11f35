/**
 * Serves the built browser apps (web/, built into dist/web by `npm run build:web`): the
 * console at /console/ and the timeline at /timeline/, with their hashed assets at /assets/.
 * The pages hold no data; everything they show comes from the APIs behind its credential.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import type { Logger } from 'pino';

const APPS = ['console', 'timeline'] as const;

/** The page each app is opened at: a card's smart link names the timeline's launch page. */
const ENTRY_PAGES = { console: 'index.html', timeline: 'launch.html' } as const;

/**
 * The apps whose build is missing under `webRoot`, as `/console/`, `/timeline/launch.html`: the
 * service logs them at start, since a request for them is otherwise only a 404. `npm start`
 * and `npm run sandbox` build them first; `npm run dev` and an embedding process may not.
 */
function missingWebApps(webRoot: string): string[] {
  return APPS.filter((name) => !existsSync(join(webRoot, name, ENTRY_PAGES[name]))).map((name) =>
    name === 'console' ? '/console/' : `/${name}/${ENTRY_PAGES[name]}`,
  );
}

/** Cards link to the timeline: without its build each link is a 404, said here once. */
export function warnOfMissingWebApps(webRoot: string, logger: Logger): void {
  const missing = missingWebApps(webRoot);
  if (missing.length === 0) return;
  logger.warn(
    { missing, webRoot },
    `the web apps are not built, so ${missing.join(' and ')} will answer 404 (cards' smart links open the timeline): run \`npm run build\` (npm start and npm run sandbox build them first)`,
  );
}

export function serveWebApps(app: Express, webRoot: string): void {
  // Hashed file names: safe to cache for a year. Pages: always revalidated.
  app.use(
    '/assets',
    express.static(join(webRoot, 'assets'), { immutable: true, maxAge: '365d', index: false }),
  );
  for (const name of APPS) {
    const dir = join(webRoot, name);
    // Express routing is not strict: `/${name}` also matches `/${name}/`, so only the bare
    // path is redirected (redirecting both loops forever).
    app.get(`/${name}`, (req, res, next) => {
      if (req.path !== `/${name}`) {
        next();
        return;
      }
      const query = req.originalUrl.slice(req.path.length);
      res.redirect(301, `/${name}/${query}`);
    });
    app.use(`/${name}`, express.static(dir, { maxAge: 0, redirect: false }));
    app.get(`/${name}/`, (_req, res) => {
      // Only reached when the build is missing: say how to make it.
      res
        .status(404)
        .type('text/plain')
        .send(
          existsSync(dir)
            ? `${name}: not found\n`
            : `${name} is not built: run \`npm run build\` (npm start does it)\n`,
        );
    });
  }
}
