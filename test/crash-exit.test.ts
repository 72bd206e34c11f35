/**
 * A crash (an uncaught exception, an unhandled rejection) still writes its last log lines and
 * a fatal line, then exits with status 1. The logger writes asynchronously and never flushes
 * synchronously (src/logger.ts, `stdoutLines`), so Node's own handler, which exits at once,
 * lost the lines logged just before the crash and wrote none saying what happened.
 *
 * The built service crashes on cue without a way in the service to make it: a module the test
 * writes is preloaded (NODE_OPTIONS=--import) and crashes the service as soon as its
 * "listening on" line has been handed to the write to stdout (fd 1), before that write ends.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuiltService } from './support/built.js';

/** The exit waits 2 s at most for its lines (docs/deploying.md); a start takes a few seconds. */
const DEADLINE_MS = 30_000;
const INFO = 30;
const FATAL = 60;
/** A token and patient data that must never reach the log (docs/security.md, "Logs"). */
const TOKEN = 'Bearer crash-probe-token';
const PATIENT = 'Probename';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'emd-cds-crash-'));
});

/** A preload module that runs `crash` (JavaScript) once the "listening on" line is being written. */
function preload(crash: string): string {
  const file = join(dir, `crash-${randomBytes(4).toString('hex')}.mjs`);
  writeFileSync(
    file,
    `import fs from 'node:fs';
const write = fs.write;
let armed = true;
fs.write = function (fd, data, ...rest) {
  const result = write.call(this, fd, data, ...rest);
  if (armed && fd === 1 && String(data).includes('listening on')) {
    armed = false;
    queueMicrotask(() => { ${crash} });
  }
  return result;
};
`,
  );
  return file;
}

async function crashRun(crash: string) {
  return runBuiltService(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      EMD_CDS_DATA_DIR: mkdtempSync(join(dir, 'data-')),
      EMD_CDS_AUDIT_SECRET: randomBytes(32).toString('base64'),
      NODE_OPTIONS: `--import=${pathToFileURL(preload(crash)).href}`,
    },
    DEADLINE_MS,
    false,
  );
}

const withSecrets = (message: string) =>
  `Object.assign(new Error(${JSON.stringify(message)}), { headers: { authorization: ${JSON.stringify(TOKEN)} }, resource: { name: ${JSON.stringify(PATIENT)} } })`;

describe('a crash of the running service', () => {
  const cases: [string, string, string][] = [
    ['an uncaught exception', `throw ${withSecrets('crash probe')};`, 'uncaught exception'],
    [
      'an unhandled rejection',
      `void Promise.reject(${withSecrets('rejection probe')});`,
      'unhandled rejection',
    ],
  ];
  for (const [name, crash, origin] of cases)
    it(
      `on ${name}: the line logged before it and a fatal line reach stdout, then status 1`,
      async () => {
        const { code, output, lines } = await crashRun(crash);
        expect(code).toBe(1);
        const before = lines.find((line) => line.msg.includes('listening on'));
        expect(before?.level).toBe(INFO);
        const fatal = lines.filter((line) => line.level === FATAL);
        expect(fatal).toHaveLength(1);
        expect(fatal[0]?.msg).toContain(origin);
        expect(fatal[0]?.msg).toContain('Error: ');
        expect(fatal[0]?.msg).toContain(
          name.includes('exception') ? 'crash probe' : 'rejection probe',
        );
        // The stack's frames say where; the error's other properties stay out of the log.
        expect(fatal[0]?.err?.stack).toMatch(/^at /);
        expect(output).not.toContain('crash-probe-token');
        expect(output).not.toContain(PATIENT);
      },
      DEADLINE_MS + 5_000,
    );

  // Node's JSON.parse quotes the start of the text it refused, which may be a FHIR body.
  for (const text of [PATIENT, `x"${PATIENT}"`])
    it(
      `keeps the text JSON.parse quotes out of the log: ${text}`,
      async () => {
        const { code, output, lines } = await crashRun(`JSON.parse(${JSON.stringify(text)});`);
        expect(code).toBe(1);
        expect(lines.filter((line) => line.level === FATAL)[0]?.msg).toContain('SyntaxError: ');
        expect(output).not.toContain(PATIENT);
      },
      DEADLINE_MS + 5_000,
    );

  it(
    'exits once, with status 1, when it crashes again and again while its lines are written',
    async () => {
      const { code, lines } = await crashRun(
        `setInterval(() => { throw new Error('again probe'); }, 1);`,
      );
      expect(code).toBe(1);
      const fatal = lines.filter((line) => line.level === FATAL);
      expect(fatal.length).toBeGreaterThanOrEqual(1);
      // Not one line a millisecond for the seconds the exit may wait.
      expect(fatal.length).toBeLessThanOrEqual(3);
    },
    DEADLINE_MS + 5_000,
  );
});
