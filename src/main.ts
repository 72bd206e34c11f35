/**
 * `npm start`: the service, configured by the file named in EMD_CDS_CONFIG (built-in
 * defaults without one) and by environment variables. SIGHUP reloads the configuration;
 * SIGTERM finishes in-flight requests, then exits. With WORKERS > 1 this process becomes
 * the cluster's primary and each worker runs the service (src/cluster.ts).
 */
import { pino } from 'pino';
import { isClusterWorker, runPrimary } from './cluster.js';
import { readConfigFile } from './config/config-file.js';
import { DEFAULT_CONFIG } from './config/config-schema.js';
import { serviceOptions } from './config/environment.js';
import { startService } from './service.js';

// The level from the environment is applied once it has been checked (a bad value is reported, not thrown).
const logger = pino({ level: 'info' });

try {
  const configFile = process.env.EMD_CDS_CONFIG;
  const options = serviceOptions(
    configFile ? readConfigFile(configFile) : DEFAULT_CONFIG,
    process.env,
  );
  logger.level = options.logLevel;
  if (options.workers > 1 && !isClusterWorker()) {
    await runPrimary(options, logger);
  } else {
    const service = await startService(
      { ...options, sharedState: isClusterWorker() },
      isClusterWorker() ? logger.child({ worker: process.pid }) : logger,
      configFile,
    );
    process.on('SIGHUP', () => {
      service.reload('SIGHUP');
    });
    const stop = () => {
      void service.close().then(() => process.exit(0));
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  }
} catch (error) {
  logger.fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
