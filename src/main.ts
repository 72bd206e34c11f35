/**
 * `npm start`: the service, configured by the file named in EMD_CDS_CONFIG (built-in
 * defaults without one) and by environment variables. SIGHUP reloads the configuration;
 * SIGTERM finishes in-flight requests, then exits. With WORKERS > 1 this process becomes
 * the cluster's primary and each worker runs the service (src/cluster/cluster.ts). Before anything
 * starts, the deployment checks run once (not again in each worker): with NODE_ENV=production
 * any problem stops the start, one log line each; otherwise they are one warning.
 */
import type { Logger } from 'pino';
import { readIssuersFile } from './auth/auth-settings.js';
import { isClusterWorker, runPrimary } from './cluster/cluster.js';
import { readConfigFile } from './config/config-file.js';
import { DEFAULT_CONFIG } from './config/config-schema.js';
import { prepareDataFolder } from './config/data-folder.js';
import { deploymentProblems } from './config/deployment-checks.js';
import { serviceOptions, type ServiceOptions } from './config/environment.js';
import { rootUserWarning } from './config/root-user.js';
import { createLogger, exitAfterLogs, exitOnCrash } from './logger.js';
import { startService } from './service.js';

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
  const options = serviceOptions(
    configFile ? readConfigFile(configFile) : DEFAULT_CONFIG,
    process.env,
  );
  logger.level = options.logLevel;
  // First: every file the start writes is in it, or is by default.
  prepareDataFolder(options.dataDir);
  if (!isClusterWorker() && !passesDeploymentChecks(options, logger)) {
    exitAfterLogs(logger, 1);
    return;
  }
  if (options.workers > 1 && !isClusterWorker()) {
    await runPrimary(options, logger);
    return;
  }
  const service = await startService(
    {
      ...options,
      sharedState: isClusterWorker(),
      clusterWorker: isClusterWorker(),
      metrics: { ...options.metrics, nodeSum: isClusterWorker() },
    },
    isClusterWorker() ? logger.child({ worker: process.pid }) : logger,
    configFile,
  );
  process.on('SIGHUP', () => {
    service.reload('SIGHUP');
  });
  const stop = () => {
    void service.close().then(() => {
      exitAfterLogs(logger, 0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/**
 * False when the start must stop (production with a problem); logs the problems either way,
 * and warns of a production process running as root, which is not refused.
 */
function passesDeploymentChecks(options: ServiceOptions, log: Logger): boolean {
  const asRoot = rootUserWarning(options.production, process.getuid?.());
  if (asRoot) log.warn(asRoot);
  const issuersFile = options.auth.issuersFile;
  const problems = deploymentProblems(options, issuersFile ? readIssuersFile(issuersFile) : []);
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
