/**
 * `npm start`: the service, configured by the file named in EMD_CDS_CONFIG (built-in
 * defaults without one) and by environment variables. SIGHUP reloads the configuration;
 * SIGTERM finishes in-flight requests, then exits. With WORKERS > 1 this process becomes
 * the cluster's primary and each worker runs the service (src/cluster/cluster.ts). Before anything
 * starts, the deployment checks run once (not again in each worker): with NODE_ENV=production
 * any problem stops the start, one log line each; otherwise they are one warning. Each worker
 * runs the start-only settings the primary checked, and what the files they name held then
 * (src/cluster/worker-start-settings.ts).
 */
import cluster from 'node:cluster';
import type { Logger } from 'pino';
import { readIssuersFile } from './auth/auth-settings.js';
import type { TrustedIssuer } from './auth/trusted-issuers.js';
import {
  askStartSettings,
  startSettingsOf,
  workerOptions,
} from './cluster/worker-start-settings.js';
import { readConfigFile } from './config/config-file.js';
import { DEFAULT_CONFIG, type Config } from './config/config-schema.js';
import { prepareDataFolder } from './config/data-folder.js';
import { deploymentProblems, deploymentWarnings } from './config/deployment-checks.js';
import { serviceOptions, type ServiceOptions } from './config/environment.js';
import { rootUserWarning } from './config/root-user.js';
import { readStartFiles } from './config/start-files.js';
import { createLogger, exitAfterLogs, exitOnCrash } from './logger.js';
import type * as ServiceModule from './service.js';

/**
 * The service's and the cluster's modules (express, the stores, the rules, the FHIR client)
 * are loaded once the deployment checks have passed: a start that is refused says why after
 * loading only what the checks read, in about half the time.
 */
const startService = async (...args: Parameters<typeof ServiceModule.startService>) =>
  (await import('./service.js')).startService(...args);

// The level from the environment is applied once it has been checked (a bad value is reported, not thrown).
const logger = createLogger(process.env, process.stdout.isTTY);
// Before anything can crash: the lines logged just before a crash are still written.
exitOnCrash(logger);

try {
  await run();
} catch (error) {
  logger.fatal(error instanceof Error ? error.message : String(error));
  exitAfterLogs(logger, 1);
}

async function run(): Promise<void> {
  const configFile = process.env.EMD_CDS_CONFIG;
  const config = configFile ? readConfigFile(configFile) : DEFAULT_CONFIG;
  if (cluster.isWorker) {
    await runWorker(config, configFile);
    return;
  }
  const options = serviceOptions(config, process.env);
  logger.level = options.logLevel;
  // First: every file the start writes is in it, or is by default.
  prepareDataFolder(options.dataDir);
  const issuersFile = options.auth.issuersFile;
  const fileIssuers = issuersFile ? readIssuersFile(issuersFile) : [];
  if (!passesDeploymentChecks(options, fileIssuers, logger)) {
    exitAfterLogs(logger, 1);
    return;
  }
  if (options.workers > 1) {
    // Read once for the node: each worker is sent them (src/cluster/worker-start-settings.ts).
    const files = await readStartFiles(options);
    const { runPrimary } = await import('./cluster/cluster.js');
    await runPrimary(options, startSettingsOf(config, options, fileIssuers, files), logger);
    return;
  }
  // The issuers as checked above: the file is not read again between the check and its use.
  const checked = { ...options, auth: { ...options.auth, fileIssuers } };
  serveUntilSignalled(await startService(checked, logger, configFile), options.shutdownDrainMs);
}

/**
 * A cluster worker: the start-only settings are the ones the primary read and checked (the
 * file may have changed since: a worker is also started again after one dies); the clinical
 * part of `fileConfig` is the file as it is now, as a reload would read it.
 */
async function runWorker(fileConfig: Config, configFile: string | undefined): Promise<void> {
  const { options, startOnlyAtStart, files } = workerOptions(
    fileConfig,
    await askStartSettings(),
    process.env,
  );
  logger.level = options.logLevel;
  prepareDataFolder(options.dataDir);
  const service = await startService(
    {
      ...options,
      sharedState: true,
      clusterWorker: true,
      metrics: { ...options.metrics, nodeSum: true },
    },
    logger.child({ worker: process.pid }),
    configFile,
    { startOnlyAtStart, files },
  );
  serveUntilSignalled(service, options.shutdownDrainMs);
}

/** SIGHUP reloads the configuration; SIGTERM and SIGINT finish in-flight requests, then exit. */
function serveUntilSignalled(service: ServiceModule.RunningService, drainMs: number): void {
  process.on('SIGHUP', () => {
    service.reload('SIGHUP');
  });
  // Said in the log at the signal and at the end, so that an operator sees a node drain and
  // stop (probe 13: a node stopped by SIGTERM wrote nothing of it).
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second signal (an impatient operator, a supervisor resending) changes nothing.
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, stoppingMessage(drainMs));
    void service.close().then(() => {
      logger.info({ signal }, 'stopped');
      exitAfterLogs(logger, 0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Until here a signal ends the process at once (Node's default): a start is never waited on.
  logger.debug('signals handled: SIGHUP reloads the configuration, SIGTERM and SIGINT stop');
}

/**
 * What the stop does first. With SHUTDOWN_DRAIN_MS the listener stays open that long and new
 * calls are still served (a balancer learns from /readyz first): "no new calls" there was
 * untrue for the whole drain, while the balancer still sent calls (session 44).
 */
function stoppingMessage(drainMs: number): string {
  if (drainMs === 0) return 'stopping: no new calls, finishing the calls in flight';
  return (
    `stopping: /readyz answers 503 for ${String(drainMs)} ms, calls still served meanwhile; ` +
    'then no new calls, finishing the calls in flight'
  );
}

/**
 * False when the start must stop (production with a problem); logs the problems either way,
 * and warns of what a production start does not refuse (running as root, a loopback URL).
 */
function passesDeploymentChecks(
  options: ServiceOptions,
  fileIssuers: readonly TrustedIssuer[],
  log: Logger,
): boolean {
  const asRoot = rootUserWarning(options.production, process.getuid?.());
  if (asRoot) log.warn(asRoot);
  for (const { setting, problem } of deploymentWarnings(options))
    log.warn({ setting }, `${setting}: ${problem}`);
  const problems = deploymentProblems(options, fileIssuers);
  if (problems.length === 0) return true;
  if (options.production) {
    for (const { setting, problem } of problems) log.fatal({ setting }, `${setting}: ${problem}`);
    log.fatal(
      `NODE_ENV=production: refusing to start with ${String(problems.length)} unsafe setting(s) (docs/security.md, "Deployment checklist")`,
    );
    return false;
  }
  log.warn(
    { settings: problems.map((p) => p.setting) },
    [
      'not fit for production (NODE_ENV=production would refuse to start; docs/security.md, "Deployment checklist"):',
      ...problems.map(({ setting, problem }) => `  - ${setting}: ${problem}`),
    ].join('\n'),
  );
  return true;
}
