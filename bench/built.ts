/**
 * The service's modules as `npm start` runs them: compiled by tsc into dist/ (`npm run bench`
 * builds first), typed from their sources. The benchmark measures these, not the TypeScript
 * sources through tsx: esbuild, which tsx uses, keeps function names by wrapping every
 * function expression in a `__name()` call that defines the function's `name` each time the
 * expression runs, and no deployment runs that code (docs/performance-log.md §21).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../src/config/project-paths.js';

/**
 * The compiled module of `source` (a path from the project root, e.g. `src/service.ts`);
 * `T` is the source module's type: `builtModule<typeof Service>('src/service.ts')` after
 * `import type * as Service from '../src/service.js'`.
 */
export async function builtModule<T>(source: string): Promise<T> {
  const file = join(PROJECT_ROOT, 'dist', source.replace(/\.ts$/, '.js'));
  if (!existsSync(file))
    throw new Error(`${file} is missing: run \`npm run build\` (npm run bench builds first)`);
  return (await import(pathToFileURL(file).href)) as T;
}
