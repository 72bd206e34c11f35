/**
 * The servers under test, all in this process and all on 127.0.0.1: the service as
 * `npm start` builds it (startService, options from serviceOptions over the built-in
 * defaults), and the local FHIR server with the example patients.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pino } from 'pino';
import { DEFAULT_CONFIG } from '../src/config/config-schema.js';
import { serviceOptions, type ServiceOptions } from '../src/config/environment.js';
import { PATHS, PROJECT_ROOT } from '../src/config/project-paths.js';
import { startService, type RunningService } from '../src/service.js';
import { startFhirServer, type LocalFhirServer } from '../tools/fhir-server/fhir-server.js';
import { loadExamplePatients } from '../tools/fhir-server/load-examples.js';

export const HOST = '127.0.0.1';

/** A port free on 127.0.0.1 right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}

export interface ServiceUnderTest {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  options: ServiceOptions;
  service: RunningService;
}

/**
 * The service in production mode (authentication on, local test issuer only, audit to an
 * SQLite file) or with authentication off. Only what the benchmark needs is set: the rate
 * limit is raised out of the way and logging is silent. The audit store cannot be switched
 * off through startService, so both variants audit.
 */
export async function startServiceUnderTest(args: {
  auth: boolean;
  dir: string;
  fhirServerUrl: string;
}): Promise<ServiceUnderTest> {
  const port = await freePort();
  const baseUrl = `http://${HOST}:${String(port)}`;
  const env: NodeJS.ProcessEnv = {
    PORT: String(port),
    PUBLIC_BASE_URL: baseUrl,
    LOG_LEVEL: 'silent',
    AUTH: args.auth ? 'on' : 'off',
    AUTH_LOCAL_ISSUER: args.auth ? 'on' : 'off',
    AUTH_LOCAL_ISSUER_DIR: join(args.dir, 'local-issuer'),
    RATE_LIMIT_PER_MINUTE: String(1_000_000_000),
    EMD_CDS_SQLITE_FILE: join(args.dir, 'audit.sqlite'),
    EMD_CDS_AUDIT_SECRET: randomBytes(32).toString('base64'),
    FHIR_SERVERS: args.fhirServerUrl,
    HOST,
  };
  // Only the variables above: nothing from the caller's environment (a Postgres URL, say) leaks in.
  const options = serviceOptions(DEFAULT_CONFIG, env);
  const service = await startService(options, pino({ level: 'silent' }));
  const actualPort = new URL(service.discoveryUrl).port;
  if (actualPort !== String(port))
    throw new Error(`the service listens on port ${actualPort}, expected ${String(port)}`);
  return { baseUrl, options, service };
}

export interface ClusterUnderTest {
  baseUrl: string;
  /** Workers listening (their pids). */
  workerPids: number[];
  close(): Promise<void>;
}

/**
 * The service in cluster mode as `WORKERS=2 npm start` runs it (src/main.ts through tsx, in
 * processes of its own): authentication off, audit on, and the rate limit counted in the
 * shared SQLite database for every request, as cluster mode does. Its RSS is not in the
 * benchmark's own figure.
 */
export async function startClusterUnderTest(args: {
  dir: string;
  fhirServerUrl: string;
  workers: number;
}): Promise<ClusterUnderTest> {
  const port = await freePort();
  const baseUrl = `http://${HOST}:${String(port)}`;
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'main.ts')], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      PATH: process.env.PATH,
      WORKERS: String(args.workers),
      PORT: String(port),
      HOST,
      PUBLIC_BASE_URL: baseUrl,
      LOG_LEVEL: 'info',
      AUTH: 'off',
      AUTH_LOCAL_ISSUER: 'off',
      RATE_LIMIT_PER_MINUTE: String(1_000_000_000),
      EMD_CDS_SQLITE_FILE: join(args.dir, 'audit.sqlite'),
      EMD_CDS_AUDIT_SECRET: randomBytes(32).toString('base64'),
      FHIR_SERVERS: args.fhirServerUrl,
    },
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  const workerPids = new Set<number>();
  await new Promise<void>((resolve, reject) => {
    let pending = '';
    const timer = setTimeout(() => {
      reject(new Error('the cluster did not start within 60 s'));
    }, 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const entry = JSON.parse(line) as { msg?: string; worker?: number };
        if (entry.worker !== undefined && entry.msg?.includes('listening'))
          workerPids.add(entry.worker);
      }
      if (workerPids.size === args.workers) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(() => {
      reject(new Error('the cluster exited while starting'));
    });
  });
  // Drain the log so the pipe never fills.
  child.stdout.resume();
  return {
    baseUrl,
    workerPids: [...workerPids],
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface FhirServerUnderTest {
  server: LocalFhirServer;
  patientIds: string[];
}

export async function startExampleFhirServer(): Promise<FhirServerUnderTest> {
  const server = await startFhirServer({ host: HOST });
  const patientIds = await loadExamplePatients(server, PATHS.examples);
  return { server, patientIds };
}
