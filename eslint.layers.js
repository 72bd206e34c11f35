// @ts-check
// The layers of src/ (docs/architecture.md), held by lint rather than by memory (issue #18).
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';

/**
 * From the top down. A file may import its own folder and the layers below its own, never a
 * layer above nor another folder of its own layer: so no two folders can import each other,
 * directly or around a loop. The first layer, the composition roots, may import anything.
 */
export const LAYERS = [
  [
    'src/main.ts',
    'src/cluster',
    'src/service.ts',
    'src/service-store.ts',
    'src/service-app-deps.ts',
    'src/service-shutdown.ts',
    'src/warm-up.ts',
    'src/logger.ts',
    'src/crash-for-log.ts',
    'src/cli',
  ],
  ['src/http', 'src/backtest'],
  ['src/config'],
  ['src/cds'],
  ['src/auth'],
  ['src/fhir', 'src/store'],
  // How config/ and auth/ both read a file a site writes (its encoding, its repeated keys),
  // saying each problem as issue-lines.ts writes it.
  ['src/site-text.ts', 'src/repeated-keys.ts'],
  // issue-lines.ts: how config/ and auth/ both write a problem, so at the bottom (it imports
  // nothing of src/); path-text.ts, the place in a problem, apart for the browser apps;
  // log-text.ts, how http/ and auth/ both cut outside text for a log line.
  ['src/rules', 'src/errors.ts', 'src/issue-lines.ts', 'src/path-text.ts', 'src/log-text.ts'],
  // json-syntax-offset.ts: where a text stops being JSON, for issue-lines.ts.
  ['src/json-syntax-offset.ts'],
];

/** One zone per folder below the roots: everything at or above its layer, itself excepted. */
function layerZones() {
  return LAYERS.slice(1).flatMap((layer, index) => {
    const aboveOrBeside = LAYERS.slice(0, index + 2).flat();
    return layer.map((target) => ({
      target,
      from: aboveOrBeside.filter((place) => place !== target),
      message: `${target} sits below this in the layers (docs/architecture.md): move the shared type or constant down to the side that owns it.`,
    }));
  });
}

export const layersConfig = [
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // `./x.js` in an import names `x.ts` (NodeNext); this resolver maps it as tsc does.
      'import-x/resolver-next': [createTypeScriptImportResolver()],
      // Without these, no-cycle does not open .ts files and so never sees a cycle.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { basePath: import.meta.dirname, zones: layerZones() },
      ],
      // Cycles between files of one folder; the zones above already forbid them between folders.
      // Type-only imports are not counted (import-x's default): they vanish at run time.
      'import-x/no-cycle': 'error',
    },
  },
];
