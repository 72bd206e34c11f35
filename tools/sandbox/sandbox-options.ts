/**
 * What `npm run sandbox` changes in the service's start-up options, and what it says about
 * them. A pure function of the environment and the two servers' addresses, so that the tests
 * check the very settings the command runs with (test/tools/sandbox-options.test.ts).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CDS_HOOKS_SANDBOX_ORIGIN,
  serviceOptions,
  type ServiceOptions,
} from '../../src/config/environment.js';
import { readConfigFile } from '../../src/config/config-file.js';
import { deploymentProblems } from '../../src/config/deployment-checks.js';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { isLoopbackHost } from '../../src/fhir/loopback-host.js';

/**
 * The sandbox's own config file: the built-in defaults plus an overlay of the CPT codes the
 * public Sandbox's PAMA screen orders with (./value-sets/). Never a production file.
 */
export const SANDBOX_CONFIG_FILE = join(PROJECT_ROOT, 'tools', 'sandbox', 'emd-cds.sandbox.yaml');

/** Loopback only, unless told otherwise: the service trusts tokens anyone can mint. */
export const SANDBOX_DEFAULT_HOST = '127.0.0.1';

/**
 * Why the sandbox must not start here, or undefined. It trusts tokens signed with the public
 * CDS Hooks Sandbox's published key and starts the service without the deployment checks, so a
 * production environment (`NODE_ENV=production`, as a deployment sets it) is refused at once:
 * in it the same settings stop `npm start` (docs/security.md §9).
 */
export function sandboxRefusal(env: NodeJS.ProcessEnv): string | undefined {
  if (env.NODE_ENV !== 'production') return undefined;
  return "npm run sandbox refuses to start with NODE_ENV=production: it trusts tokens signed with the public CDS Hooks Sandbox's published key, so anyone could call it. Use npm start with the deployment settings of docs/deploying.md, or unset NODE_ENV to try the service locally.";
}

/**
 * The command line of `npm run sandbox`: `--port` (or PORT, default 3000), `--fhir-port`
 * (default 8080) and `--host` (or HOST, default 127.0.0.1).
 */
export function sandboxArguments(
  args: string[],
  env: NodeJS.ProcessEnv,
): { port: number; fhirPort: number; host: string } {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: env.PORT ?? '3000' },
      'fhir-port': { type: 'string', default: '8080' },
      // Wider than loopback only when asked: the warning at start says what that exposes.
      host: { type: 'string', default: env.HOST ?? SANDBOX_DEFAULT_HOST },
    },
  });
  return {
    port: Number(values.port),
    fhirPort: Number(values['fhir-port']),
    host: values.host,
  };
}

export interface SandboxSetup {
  options: ServiceOptions;
  configFile: string;
  /** One warning for the start: what the sandbox trusts and sets, and why it is local only. */
  warning: string;
}

export interface SandboxAddresses {
  port: number;
  /** Where the service listens: SANDBOX_DEFAULT_HOST unless `--host` (or HOST) says otherwise. */
  host: string;
  /** The local FHIR server's base URL, as it prints it (http://127.0.0.1:<port>/fhir). */
  fhirUrl: string;
}

/** The service's options in sandbox mode, over those `env` gives `npm start`. */
export function sandboxSetup(env: NodeJS.ProcessEnv, at: SandboxAddresses): SandboxSetup {
  const defaults = serviceOptions(readConfigFile(SANDBOX_CONFIG_FILE), {
    ...env,
    PORT: String(at.port),
  });
  const fhir = new URL(at.fhirUrl);
  // The Sandbox sends the fhirServer URL as you typed it: both loopback spellings are allowed.
  const fhirServers = union(defaults.allowedFhirServers, [
    at.fhirUrl,
    `${fhir.protocol}//localhost:${fhir.port}${fhir.pathname}`,
  ]);
  const corsOrigins = union(defaults.corsOrigins, [
    CDS_HOOKS_SANDBOX_ORIGIN,
    `http://localhost:${String(at.port)}`,
  ]);
  const options: ServiceOptions = {
    ...defaults,
    host: at.host,
    corsOrigins,
    allowedFhirServers: fhirServers,
    // The public Sandbox signs its calls with a published key: trusted here, for testing only.
    auth: {
      ...defaults.auth,
      cdsHooksSandbox: { ...defaults.auth.cdsHooksSandbox, enabled: true },
    },
  };
  return { options, configFile: SANDBOX_CONFIG_FILE, warning: sandboxWarning(options, env) };
}

function sandboxWarning(options: ServiceOptions, env: NodeJS.ProcessEnv): string {
  const problems = deploymentProblems(options, []);
  const added = (variable: 'FHIR_SERVERS' | 'CORS_ORIGINS', values: readonly string[]) =>
    `${variable} ${env[variable] ? `(yours, plus the sandbox's)` : '(set by the sandbox)'}: ${values.join(', ')}`;
  return [
    `npm run sandbox is for local testing only, never with real patient data: it trusts JWTs signed as the public CDS Hooks Sandbox (${CDS_HOOKS_SANDBOX_ORIGIN}), whose private key is published, so anyone can mint a token this service accepts.`,
    `It listens on ${String(options.host)} ${options.host !== undefined && isLoopbackHost(options.host) ? '(this machine only; --host 0.0.0.0 opens it to the network, and with it every setting below)' : '(NOT loopback: reachable from the network, with every setting below)'}.`,
    added('FHIR_SERVERS', options.allowedFhirServers),
    added('CORS_ORIGINS', options.corsOrigins),
    'Not fit for production:',
    ...problems.map(({ setting, problem }) => `  - ${setting}: ${problem}`),
  ].join('\n');
}

function union(first: readonly string[], second: readonly string[]): string[] {
  return [...new Set([...first, ...second])];
}
