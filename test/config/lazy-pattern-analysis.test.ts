/**
 * scslre (with refa) checks configured text patterns for super-linear matching (issue #19), and
 * takes about 120 ms of CPU to load: it is loaded only when a config sets `textOnlyPatterns`, not
 * at every start of the service, the CLI or a test file (docs/performance-log.md §29). Run in a
 * child process, whose module cache nothing else has touched.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Which of scslre and refa a fresh process has loaded after `body` (TypeScript, via tsx). */
function loadedAfter(body: string): string[] {
  const script = `
    import { createRequire } from 'node:module';
    ${body}
    const cache = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify(['scslre', 'refa'].filter((name) =>
      cache.some((path) => path.includes(\`/node_modules/\${name}/\`)))));
  `;
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      cwd: process.cwd(),
      encoding: 'utf8',
    },
  );
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? 'null') as string[];
}

describe('the pattern analysis', () => {
  it('is not loaded by building the default settings', () => {
    expect(
      loadedAfter(`
        const { loadDefaultSettings } = await import('./src/config/load-settings.ts');
        loadDefaultSettings();
      `),
    ).toEqual([]);
  });

  it('is loaded, and refuses a quadratic pattern, when a config sets textOnlyPatterns', () => {
    expect(
      loadedAfter(`
        const { superLinearReason } = await import('./src/config/linear-pattern.ts');
        if (!superLinearReason('\\\\s+plasmacytoma')) throw new Error('not refused');
      `),
    ).toEqual(['scslre', 'refa']);
  });
});
