/**
 * The browser apps import no Node built-in. Every `npm start` printed `Module "node:fs" has
 * been externalized for browser compatibility, imported by "…/src/issue-lines.ts"`: the
 * timeline reads a patient as the service does (src/cds/malformed-data.ts), and that pulled in
 * a module that reads files (src/path-text.ts is the split that ended it). Vite replaces such
 * a module with an empty stand-in whose id starts `__vite-browser-external`; the build is
 * checked for one, whatever the import chain. (The warning itself comes from rolldown's own
 * resolver, which does not report through a custom vite logger: the stand-in is the surer
 * sign.)
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';

const CONFIG = fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url));

interface BuildOutput {
  output: { moduleIds?: string[] }[];
}

describe('the web build (npm run build:web)', () => {
  it('bundles no Node module, so it warns of none externalized for the browser', async () => {
    // write: false builds in memory, leaving dist/web (the service's copy) alone.
    const built = (await build({
      configFile: CONFIG,
      logLevel: 'silent',
      build: { write: false },
    })) as BuildOutput | BuildOutput[];
    const moduleIds = (Array.isArray(built) ? built : [built]).flatMap((bundle) =>
      bundle.output.flatMap((chunk) => chunk.moduleIds ?? []),
    );
    // The console, the timeline and its launch page: the bundle was read, not empty.
    expect(moduleIds.some((id) => id.endsWith('web/timeline/main.ts'))).toBe(true);
    expect(moduleIds.filter((id) => id.startsWith('__vite-browser-external'))).toEqual([]);
  }, 120_000);
});
