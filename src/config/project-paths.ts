/** Where the project's data folders are, whether running from src/ (tsx) or dist/src/ (node). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'fhir-resources')))
      return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(
        `cannot find the project root (package.json beside fhir-resources/) above ${start}`,
      );
    dir = parent;
  }
}

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

export const PATHS = {
  valueSets: join(PROJECT_ROOT, 'fhir-resources', 'value-sets'),
  codeSystems: join(PROJECT_ROOT, 'fhir-resources', 'code-systems.json'),
  examples: join(PROJECT_ROOT, 'fhir-resources', 'examples'),
  services: join(PROJECT_ROOT, 'cds-hooks', 'services'),
  wording: join(PROJECT_ROOT, 'config', 'wording'),
  packageJson: join(PROJECT_ROOT, 'package.json'),
  /** The built browser apps (`npm run build:web`): console and timeline. */
  web: join(PROJECT_ROOT, 'dist', 'web'),
} as const;
