/**
 * nginx for the fleet test: Debian's nginx (`.ci/run` installs it and passes its path in
 * EMD_CDS_TEST_NGINX), run as the test's own process on loopback ports, with a
 * configuration derived from the shipped deploy/nginx/emd-cds.conf: its `# emd-cds:node`
 * lines become the test's nodes, its `# emd-cds:tls` lines a plain loopback listener.
 * Without the variable the fleet test is skipped with the reason printed; under CI=true a
 * missing nginx is an error (CI never skips it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';

const binary = process.env.EMD_CDS_TEST_NGINX;

export const nginxSkipReason: string | undefined = binary
  ? undefined
  : 'fleet tests skipped: EMD_CDS_TEST_NGINX is not set (apt-get install nginx-light; .ci/run sets it to /usr/sbin/nginx)';

if (nginxSkipReason) {
  if (process.env.CI === 'true') throw new Error(`CI must run the fleet tests: ${nginxSkipReason}`);
  console.warn(nginxSkipReason);
}

export const SHIPPED_CONFIG = join(PROJECT_ROOT, 'deploy', 'nginx', 'emd-cds.conf');

/** The shipped server configuration with the test's nodes and a loopback listener. */
export function fleetServerConfig(listenPort: number, nodePorts: readonly number[]): string {
  const lines = readFileSync(SHIPPED_CONFIG, 'utf8').split('\n');
  const out: string[] = [];
  let nodesWritten = false;
  let listenWritten = false;
  // A marker counts on a directive line only (the file's header comment names them too).
  const marked = (line: string, marker: string) =>
    !line.trimStart().startsWith('#') && line.includes(`# emd-cds:${marker}`);
  for (const line of lines) {
    if (marked(line, 'node')) {
      // The shipped server line, with its health-check settings, pointed at each test node.
      if (!nodesWritten)
        for (const port of nodePorts)
          out.push(line.replace(/server \S+/, `server 127.0.0.1:${String(port)}`));
      nodesWritten = true;
    } else if (marked(line, 'tls')) {
      if (!listenWritten) out.push(`    listen 127.0.0.1:${String(listenPort)};`);
      listenWritten = true;
    } else out.push(line);
  }
  if (!nodesWritten || !listenWritten)
    throw new Error(`${SHIPPED_CONFIG}: the # emd-cds:node and # emd-cds:tls markers are gone`);
  return out.join('\n');
}

export interface RunningNginx {
  url: string;
  /** nginx's error log so far (for a failing test's message). */
  errors(): string;
  stop(): Promise<void>;
}

/**
 * Starts nginx in the foreground (its own process, stopped by `stop`), all its files in a
 * folder of its own. Its workers drop root's rights, so that folder is world-readable and
 * its temp folder world-writable (a test folder on loopback, removed by `stop`).
 */
export async function startNginx(
  listenPort: number,
  nodePorts: readonly number[],
): Promise<RunningNginx> {
  if (!binary) throw new Error(nginxSkipReason);
  const dir = mkdtempSync(join(tmpdir(), 'emd-cds-nginx-'));
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'logs'));
  mkdirSync(join(dir, 'tmp'));
  chmodSync(join(dir, 'tmp'), 0o777);
  writeFileSync(join(dir, 'emd-cds.conf'), fleetServerConfig(listenPort, nodePorts));
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'logs', 'error.log')} warn;`,
      'events { worker_connections 256; }',
      'http {',
      `  access_log ${join(dir, 'logs', 'access.log')};`,
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (kind) => `  ${kind}_temp_path ${join(dir, 'tmp', kind)};`,
      ),
      `  include ${join(dir, 'emd-cds.conf')};`,
      '}',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(binary, ['-p', dir, '-c', join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${String(listenPort)}`;
  for (let i = 0; i < 100; i += 1) {
    if (child.exitCode !== null) throw new Error(`nginx exited:\n${stderr}`);
    const up = await fetch(`${url}/healthz`).then(
      () => true,
      () => false,
    );
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    errors: () => readFileSync(join(dir, 'logs', 'error.log'), 'utf8'),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
