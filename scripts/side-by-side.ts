/**
 * `npm test`'s checks, side by side: runs each argument as a shell command, all at the same
 * time; prints each one's output whole when it ends (so two tools' lines never mix), with
 * its exit status and how long it took; exits with the first non-zero status, after every
 * command has ended (so one run shows every check that fails).
 *
 * Why: ESLint with type information is the longest check and, like `tsc` and Prettier, runs
 * on one core. One after the other they left the second of CI's two cores idle for about
 * two minutes; side by side the type check and Prettier run on it while ESLint runs.
 */
import { spawn } from 'node:child_process';

const commands = process.argv.slice(2);
if (commands.length === 0) {
  console.error('usage: tsx scripts/side-by-side.ts <command> [<command> …]');
  process.exit(2);
}

function run(command: string): Promise<number> {
  const started = performance.now();
  const output: { stream: NodeJS.WriteStream; chunk: Buffer }[] = [];
  const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => output.push({ stream: process.stdout, chunk }));
  child.stderr.on('data', (chunk: Buffer) => output.push({ stream: process.stderr, chunk }));
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      const status = code ?? (signal ? `killed by ${signal}` : 'unknown');
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n> ${command}   (exit ${String(status)}, ${seconds} s)\n`);
      for (const { stream, chunk } of output) stream.write(chunk);
      resolve(code ?? 1);
    });
  });
}

const statuses = await Promise.all(commands.map(run));
process.exitCode = statuses.find((status) => status !== 0) ?? 0;
