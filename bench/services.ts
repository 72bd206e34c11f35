/**
 * The servers under test, all on 127.0.0.1: the service as `npm start` builds and runs it
 * (startService from dist/, options from serviceOptions over the built-in defaults) in this
 * process, the cluster in processes of its own, and the local FHIR server with the example
 * patients.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pino } from 'pino';
import type * as ConfigSchema from '../src/config/config-schema.js';
import type * as Environment from '../src/config/environment.js';
import type { ServiceOptions } from '../src/config/environment.js';
import { PROJECT_ROOT } from '../src/config/project-paths.js';
import type * as Service from '../src/service.js';
import type { RunningService } from '../src/service.js';
import { npmStartArgs } from '../tools/start-command.js';
import { builtModule } from './built.js';
import { processCpuMs } from './thread-cpu.js';

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
  /** AUTH_ISSUERS_FILE: further trusted issuers (the bench's RS384 key). */
  issuersFile?: string;
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
    ...(args.issuersFile ? { AUTH_ISSUERS_FILE: args.issuersFile } : {}),
  };
  const { DEFAULT_CONFIG } = await builtModule<typeof ConfigSchema>('src/config/config-schema.ts');
  const { serviceOptions } = await builtModule<typeof Environment>('src/config/environment.ts');
  const { startService } = await builtModule<typeof Service>('src/service.ts');
  // Only the variables above: nothing from the caller's environment (a Postgres URL, say) leaks in.
  const options = serviceOptions(DEFAULT_CONFIG, env);
  const service = await startService(options, pino({ level: 'silent' }));
  const actualPort = new URL(service.discoveryUrl).port;
  if (actualPort !== String(port))
    throw new Error(`the service listens on port ${actualPort}, expected ${String(port)}`);
  return { baseUrl, options, service };
}

/** A child process of this benchmark, started and read until it says it is ready. */
interface ReadyProcess {
  /** Its process id, while it runs. */
  pid: number | undefined;
  close: () => Promise<void>;
}

/**
 * Spawns `node <nodeArgs>` in the project with only `env`, reads its stdout line by line
 * until `ready` has seen enough (true), then drains the rest.
 */
async function spawnUntilReady(args: {
  nodeArgs: readonly string[];
  env: NodeJS.ProcessEnv;
  ready: (line: string) => boolean;
  what: string;
}): Promise<ReadyProcess> {
  const child = spawn(process.execPath, args.nodeArgs, {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { PATH: process.env.PATH, ...args.env },
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  await new Promise<void>((resolve, reject) => {
    let pending = '';
    const timer = setTimeout(() => {
      reject(new Error(`${args.what} did not start within 60 s`));
    }, 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      if (lines.some((line) => args.ready(line))) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(() => {
      reject(new Error(`${args.what} exited while starting`));
    });
  });
  // Keep reading so the pipe never fills.
  child.stdout.resume();
  return {
    pid: child.pid,
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface ClusterUnderTest {
  baseUrl: string;
  close: () => Promise<void>;
}

/**
 * The V8 heap flags this benchmark runs with (`npm run bench` gives those of `npm start`,
 * docs/deploying.md "Memory"): the services in this process have them, and the cluster
 * runs npm start's own command line. The FHIR server keeps Node's defaults: it stands for
 * another product.
 */
export const SERVICE_V8_FLAGS: readonly string[] = process.execArgv.filter((flag) =>
  flag.startsWith('--max-semi-space-size='),
);

/**
 * The service in cluster mode as `WORKERS=n npm start` runs it (npm start's command line:
 * the built dist/src/main.js, in processes of its own): authentication off, audit on, and
 * the rate limit counted in the shared SQLite database for every request, as cluster mode
 * does. Its RSS is not in the benchmark's own figure.
 */
export async function startClusterUnderTest(args: {
  dir: string;
  fhirServerUrl: string;
  workers: number;
}): Promise<ClusterUnderTest> {
  const port = await freePort();
  const baseUrl = `http://${HOST}:${String(port)}`;
  const listening = new Set<number>();
  const cluster = await spawnUntilReady({
    what: 'the cluster',
    nodeArgs: npmStartArgs(),
    env: {
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
    ready: (line) => {
      const entry = JSON.parse(line) as { msg?: string; worker?: number };
      if (entry.worker !== undefined && entry.msg?.includes('listening'))
        listening.add(entry.worker);
      return listening.size === args.workers;
    },
  });
  return { baseUrl, close: cluster.close };
}

export interface FhirServerUnderTest {
  url: string;
  patients: number;
  /** The CPU its process has spent so far, every thread, in ms (./thread-cpu.ts). */
  cpuMs: () => number | undefined;
  close: () => Promise<void>;
}

/**
 * The local FHIR server with the example patients, as `npm run fhir-server` runs it, in a
 * process of its own: a real FHIR server is another machine, and in this process its
 * searches would take a third of the service's thread.
 */
export async function startExampleFhirServer(): Promise<FhirServerUnderTest> {
  const port = await freePort();
  let url = '';
  let patients = 0;
  const server = await spawnUntilReady({
    what: 'the FHIR server',
    nodeArgs: [
      '--import',
      'tsx',
      join(PROJECT_ROOT, 'tools', 'fhir-server', 'main.ts'),
      '--port',
      String(port),
      '--host',
      HOST,
    ],
    env: {},
    ready: (line) => {
      const match = /^FHIR R4 test server at (\S+) with (\d+) example patients/.exec(line);
      if (!match) return false;
      url = match[1] ?? '';
      patients = Number(match[2]);
      return true;
    },
  });
  const { pid } = server;
  return {
    url,
    patients,
    cpuMs: () => (pid === undefined ? undefined : processCpuMs(pid)),
    close: server.close,
  };
}
