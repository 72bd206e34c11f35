/**
 * What `npm run soak` drives: one node as `npm start` runs it (its node command, from
 * tools/start-command.ts; a process of its own, audit to SQLite in its data folder), or a
 * fleet of nodes sharing a PostgreSQL schema of their own behind nginx with the shipped
 * deploy/nginx/emd-cds.conf.
 * Authentication is off (the soak needs no token pool of hours of tokens), so the jti replay
 * guard is not soaked; everything after it is. RSS is read per node from /proc (Linux).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { PROJECT_ROOT } from '../src/config/project-paths.js';
import { HOST, freePort } from './services.js';
import { npmStartArgs } from '../tools/start-command.js';

export interface SoakNode {
  name: string;
  url: string;
  pid: number;
  /** Resident set size in bytes now, from /proc/<pid>/status (NaN once the node is gone). */
  rss(): number;
}

export interface SoakTarget {
  /** Where the load goes: the node, or nginx in front of the fleet. */
  url: string;
  nodes: SoakNode[];
  close(): Promise<void>;
}

const READY_DEADLINE_MS = 60_000;

function rssOf(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${String(pid)}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`node ${url} exited:\n${output()}`);
    const ok = await fetch(`${url}/readyz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`node ${url} not ready within 60 s:\n${output()}`);
}

async function startNode(
  name: string,
  env: Record<string, string>,
  dataDir: string,
): Promise<{ node: SoakNode; stop: () => Promise<void> }> {
  const port = await freePort();
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(process.execPath, npmStartArgs(), {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH, ...env, PORT: String(port), HOST, EMD_CDS_DATA_DIR: dataDir },
  });
  let output = '';
  // Only the last few kilobytes: a long soak must not grow this process's own memory.
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8192)));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  const url = `http://${HOST}:${String(port)}`;
  await waitReady(url, child, () => output);
  const pid = child.pid ?? -1;
  return {
    node: { name, url, pid, rss: () => rssOf(pid) },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function commonEnv(fhirServerUrl: string, publicUrl: string): Record<string, string> {
  return {
    PUBLIC_BASE_URL: publicUrl,
    LOG_LEVEL: 'warn',
    AUTH: 'off',
    AUTH_LOCAL_ISSUER: 'off',
    RATE_LIMIT_PER_MINUTE: String(1_000_000_000),
    // The same audit key on every node, as a fleet must have (docs/deploying.md).
    EMD_CDS_AUDIT_SECRET: randomBytes(32).toString('base64'),
    FHIR_SERVERS: fhirServerUrl,
  };
}

export async function startSingleNode(dir: string, fhirServerUrl: string): Promise<SoakTarget> {
  // PUBLIC_BASE_URL is only used for discovery links here; the node's own URL is not known yet.
  const env = commonEnv(fhirServerUrl, `http://${HOST}`);
  const { node, stop } = await startNode('node-1', env, join(dir, 'node-1'));
  return { url: node.url, nodes: [node], close: stop };
}

/** `count` nodes on one fresh schema of `postgresUrl`, nginx in front (EMD_CDS_TEST_NGINX). */
export async function startFleet(args: {
  dir: string;
  fhirServerUrl: string;
  postgresUrl: string;
  count: number;
}): Promise<SoakTarget> {
  const schema = `emd_cds_soak_${String(process.pid)}_${randomBytes(4).toString('hex')}`;
  const asAdmin = async (sql: string) => {
    const client = new pg.Client({ connectionString: args.postgresUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await asAdmin(`CREATE SCHEMA ${schema}`);
  const url = new URL(args.postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const nginxPort = await freePort();
  const env = {
    ...commonEnv(args.fhirServerUrl, `http://${HOST}:${String(nginxPort)}`),
    EMD_CDS_POSTGRES_URL: url.href,
  };
  const started: { node: SoakNode; stop: () => Promise<void> }[] = [];
  for (let i = 1; i <= args.count; i += 1)
    started.push(await startNode(`node-${String(i)}`, env, join(args.dir, `node-${String(i)}`)));
  // Imported here: the test helper warns (or, under CI=true, throws) when nginx is not
  // configured, which a one-node soak must not do.
  const { startNginx } = await import('../test/fleet/nginx.js');
  const nginx = await startNginx(
    nginxPort,
    started.map(({ node }) => Number(new URL(node.url).port)),
  );
  return {
    url: nginx.url,
    nodes: started.map(({ node }) => node),
    close: async () => {
      await nginx.stop();
      await Promise.all(started.map(({ stop }) => stop()));
      await asAdmin(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}
