/**
 * The layers of docs/architecture.md are enforced by `npm run lint` (eslint.layers.js). Each
 * case lints a real file of src/ as if one import had been added to it, through the project's
 * own ESLint configuration, and expects the rule that forbids it.
 */
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';

// The layer and cycle rules read imports, not types: the project's configuration with its
// type-aware rules off spares building a TypeScript program of the whole project.
const eslint = new ESLint({
  cwd: PROJECT_ROOT,
  overrideConfig: tseslint.configs.disableTypeChecked,
});

async function ruleIdsFor(filePath: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId);
}

describe('the layer rule', () => {
  // Resolving imports reads many files on first use: slow on a shared machine.
  const slow = 120_000;

  it(
    'rejects an adapter importing the CDS layer above it (src/fhir -> src/cds)',
    async () => {
      const code = [
        "import type { HookRequest } from '../cds/request-schema.js';",
        'export type Probe = HookRequest;',
        '',
      ].join('\n');
      expect(await ruleIdsFor('src/fhir/fhir-access.ts', code)).toContain(
        'import-x/no-restricted-paths',
      );
    },
    slow,
  );

  it(
    'rejects config importing the HTTP layer (src/config -> src/http)',
    async () => {
      const code = [
        "import { requireJson } from '../http/require-json.js';",
        'export const probe = requireJson;',
        '',
      ].join('\n');
      expect(await ruleIdsFor('src/config/defaults.ts', code)).toContain(
        'import-x/no-restricted-paths',
      );
    },
    slow,
  );

  it(
    'rejects two folders of one layer importing each other (src/store -> src/fhir)',
    async () => {
      const code = [
        "import { isLoopbackHost } from '../fhir/loopback-host.js';",
        'export const probe = isLoopbackHost;',
        '',
      ].join('\n');
      expect(await ruleIdsFor('src/store/group-commit.ts', code)).toContain(
        'import-x/no-restricted-paths',
      );
    },
    slow,
  );

  it(
    'rejects an import that closes a cycle between files (card-view.ts -> check-wording.ts, which imports card-view.ts)',
    async () => {
      const code = [
        "import { checkWording } from './check-wording.js';",
        'export const probe = checkWording;',
        '',
      ].join('\n');
      expect(await ruleIdsFor('src/cds/cards/card-view.ts', code)).toContain('import-x/no-cycle');
    },
    slow,
  );

  it(
    'rejects the bottom module config/ and auth/ share importing config/ (src/issue-lines.ts -> src/config)',
    async () => {
      const code = [
        "import { parsePositioned } from './config/yaml-position.js';",
        'export const probe = parsePositioned;',
        '',
      ].join('\n');
      expect(await ruleIdsFor('src/issue-lines.ts', code)).toContain(
        'import-x/no-restricted-paths',
      );
    },
    slow,
  );

  it(
    'accepts auth/ importing the bottom module (src/auth -> src/issue-lines.ts)',
    async () => {
      const code = [
        "import { describeIssuesOf } from '../issue-lines.js';",
        'export const probe = describeIssuesOf;',
        '',
      ].join('\n');
      expect(await ruleIdsFor('src/auth/key-url.ts', code)).toEqual([]);
    },
    slow,
  );

  it(
    'accepts a downward import (src/cds -> src/fhir)',
    async () => {
      const code = [
        "import { isLoopbackHost } from '../fhir/loopback-host.js';",
        'export const probe = isLoopbackHost;',
        '',
      ].join('\n');
      expect(await ruleIdsFor('src/cds/zod-issues.ts', code)).toEqual([]);
    },
    slow,
  );
});
