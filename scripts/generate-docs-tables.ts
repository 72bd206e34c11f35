/**
 * `npm run docs-tables`: rewrites the tables in docs/ that are generated from the code
 * (scripts/docs-tables/render.ts). The tests fail when a committed table is out of date.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config/project-paths.js';
import { generatedPages, renderPage } from './docs-tables/render.js';
import { parseScriptArgs } from '../tools/script-args.js';

parseScriptArgs('npm run docs-tables (rewrites the generated tables in docs/)', { options: {} });

for (const page of generatedPages()) {
  writeFileSync(join(PROJECT_ROOT, page), await renderPage(page));
  console.log(`wrote ${page}`);
}
