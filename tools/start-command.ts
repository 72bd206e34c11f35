/**
 * `npm start`'s node command line, read from package.json: the node flags (the young
 * generation's size, docs/deploying.md "Memory") and the entry, made absolute. The fleet
 * tests and `npm run soak` start nodes with it, so what they measure is what a deployment runs.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { PROJECT_ROOT } from '../src/config/project-paths.js';

export function npmStartArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string | undefined>;
  };
  const [command, ...args] = (scripts.start ?? '').trim().split(/\s+/);
  if (command !== 'node') throw new Error(`package.json "start" runs ${String(command)}, not node`);
  return args.map((arg) =>
    arg.startsWith('-') || isAbsolute(arg) ? arg : join(PROJECT_ROOT, arg),
  );
}
