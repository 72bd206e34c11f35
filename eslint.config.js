// @ts-check
import js from '@eslint/js';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';
import { layersConfig } from './eslint.layers.js';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      // The two programs named, not `projectService`: the same type information, and a whole
      // `eslint .` took 101 s of CPU against 123 s through the project service (2026-12-07).
      // A file in neither tsconfig is an error here, not linted without types.
      parserOptions: {
        project: ['./tsconfig.json', './web/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      // `const { omitted: _omitted, ...rest } = x` is how a copy without a field is written.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only (house style).' },
      ],
    },
  },
  {
    // One request must never stall the service (issue #19): a pattern whose cost grows faster
    // than its input, run on request data, lets one call block the event loop for everyone.
    // Both rules report where a backtracking or a retried start position makes matching
    // super-linear; ReDoS of configured text patterns is checked at config load instead.
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  {
    // Clinical logic stays pure so the console can run it in a browser: no HTTP, no FHIR
    // client, no Node built-ins, no environment, no clock (house style, "The shape of the code").
    files: ['src/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'Rules are pure: no Node built-ins.' },
            {
              group: ['express', 'fhir-kit-client', 'pino', 'mustache', 'yaml'],
              message: 'Rules never see HTTP, FHIR clients, logging or templates.',
            },
            { group: ['../*'], message: 'Rules import only from src/rules/.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Rules never read the environment.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: '"now" is an argument of the rules.' },
      ],
    },
  },
  ...layersConfig,
  {
    // Tool config files must default-export their configuration; so must a vitest globalSetup file.
    files: ['eslint.config.js', 'vitest.config.ts', 'web/vite.config.ts', 'test/global-setup.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
