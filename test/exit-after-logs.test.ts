/**
 * `exitAfterLogs` (src/logger.ts) ends a process that still has a listener open once its log
 * lines are written: at once when nothing is left to write, after the last line when a burst
 * is still being written. It waited for sonic-boom's 'drain' only, which a stream with nothing
 * to write never emits, so every shutdown (SIGTERM, the cluster's primary) took the full
 * EXIT_LOG_WAIT_MS.
 *
 * No timing threshold: the child passes a wait far longer than the test's deadline, so it
 * exits within the deadline only by the path that does not wait. The child is the built
 * logger (test/global-setup.ts builds it) in a script the test writes, logging JSON to a pipe.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config/project-paths.js';
import { jsonLogLines } from './support/logs.js';

/** A child exits within a second; 30 s is for a loaded machine. */
const DEADLINE_MS = 30_000;
/** The child's wait for its lines: far beyond the deadline, so waiting it out fails the test. */
const CHILD_WAIT_MS = 10 * 60_000;
/** Not a code anything else here exits with: the exit is exitAfterLogs's own. */
const EXIT_CODE = 3;
/** Lines of about 1 KB: 2 MB, far beyond a pipe's buffer (64 KB on Linux), still being written. */
const BURST_LINES = 2_000;

/** When the child calls exitAfterLogs, its server listening on a port. */
type When =
  /** Before logging anything. */
  | 'nothing-logged'
  /** Once its one line is written: sonic-boom has said 'drain', and will not again. */
  | 'line-written'
  /** Right after logging BURST_LINES lines, most of them not yet written. */
  | 'burst-pending';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'emd-cds-exit-after-logs-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function childScript(when: When): string {
  const logger = pathToFileURL(join(PROJECT_ROOT, 'dist', 'src', 'logger.js')).href;
  const file = join(dir, `${when}.mjs`);
  writeFileSync(
    file,
    `import { createServer } from 'node:net';
import { createRequire } from 'node:module';
const { createLogger, exitAfterLogs } = await import(${JSON.stringify(logger)});
// The project's pino, as the built logger loads it: its stream symbol finds the destination.
const { symbols } = createRequire(${JSON.stringify(join(PROJECT_ROOT, 'package.json'))})('pino');
const logger = createLogger({}, false);
const exit = () => exitAfterLogs(logger, ${String(EXIT_CODE)}, ${String(CHILD_WAIT_MS)});
createServer().listen(0, '127.0.0.1', () => {
  switch (${JSON.stringify(when)}) {
    case 'nothing-logged':
      exit();
      break;
    case 'line-written':
      logger[symbols.streamSym].once('drain', () => setImmediate(exit));
      logger.info({ seq: 1 }, 'probe line');
      break;
    case 'burst-pending':
      for (let seq = 1; seq <= ${String(BURST_LINES)}; seq += 1)
        logger.info({ seq, pad: 'x'.repeat(1000) }, 'probe line');
      exit();
      break;
  }
});
`,
  );
  return file;
}

/** Runs the child; rejects if it is still running at the deadline (then it is killed). */
function runChild(when: When): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [childScript(when)], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${when}: still running after ${String(DEADLINE_MS)} ms:\n${stderr}`));
    }, DEADLINE_MS);
    // 'close', not 'exit': after it, all the child wrote to its stdout has been read.
    child.once('close', (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The `seq` of each probe line on stdout, in order. */
function probeSeqs(stdout: string): number[] {
  return jsonLogLines<{ seq?: number; msg: string }>(stdout)
    .filter((line) => line.msg === 'probe line')
    .map((line) => line.seq ?? 0);
}

describe('exitAfterLogs with a server still listening', () => {
  const cases: [string, When, number][] = [
    ['exits when nothing was logged', 'nothing-logged', 0],
    ['exits once its line is written, with no drain to come', 'line-written', 1],
    ['exits once a pending burst is written, every line of it', 'burst-pending', BURST_LINES],
  ];
  it.each(cases)(
    '%s',
    async (_name, when, lines) => {
      const { code, stdout, stderr } = await runChild(when);
      expect(stderr).toBe('');
      expect(code).toBe(EXIT_CODE);
      expect(probeSeqs(stdout)).toEqual(Array.from({ length: lines }, (_, i) => i + 1));
    },
    DEADLINE_MS + 5_000,
  );
});
