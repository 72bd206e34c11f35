/**
 * Composition root: load the settings, build the app with its adapters, listen, and shut
 * down gracefully. Everything configurable comes in as options and goes down as arguments;
 * nothing below reads the environment.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { buildAuthSettings } from './auth/auth-settings.js';
import { jwksFetcher } from './auth/jwks-fetch.js';
import type { ServiceSettings } from './cds/service-settings.js';
import { nodeMetricsOfWorker } from './cluster/cluster-metrics.js';
import type { ServiceOptions } from './config/environment.js';
import { readConfigFile } from './config/config-file.js';
import { DEFAULT_CONFIG } from './config/config-schema.js';
import { settingsWarnings } from './config/config-warnings.js';
import { metricsCredential } from './config/deployment-checks.js';
import { buildSettings } from './config/load-settings.js';
import { SettingsStore } from './config/settings-store.js';
import { auditKeyOf, readStartFiles, type StartFiles } from './config/start-files.js';
import { fhirConnectionPool } from './fhir/fhir-connections.js';
import { createApp } from './http/app.js';
import { listenMetrics, type MetricsListener } from './http/metrics-listener.js';
import { nodeMetricsHandler } from './http/node-metrics-handler.js';
import { createPrometheusMetrics, type PrometheusMetrics } from './http/prometheus-metrics.js';
import { warnOfMissingWebApps } from './http/web-apps.js';
import { appDependencies } from './service-app-deps.js';
import { openServiceStore } from './service-store.js';
import {
  closeNewestFirst,
  closingConnections,
  stopListening,
  type Closer,
} from './service-shutdown.js';
import { nodeIdOf, startHeartbeat } from './store/fleet-membership.js';
import { warmUpService } from './warm-up.js';

export interface RunningService {
  /** The discovery URL, e.g. http://localhost:3000/cds-services */
  discoveryUrl: string;
  /** Where GET /metrics answers: the service's port, or its own listener (METRICS_PORT). */
  metricsUrl: string;
  /** Reloads the configuration (SIGHUP); false when the new one was refused. */
  reload(reason: string): boolean;
  /**
   * Stops taking connections and resolves once in-flight requests have finished. A second
   * call (SIGINT and SIGTERM both reach a worker) gets the first one's promise.
   */
  close(): Promise<void>;
}

/** Longest a client may take to send a request; slow-loris protection. */
const REQUEST_TIMEOUT_MS = 15_000;
/**
 * How often Node looks for requests over that time. Its default, 30 s, let a slow client hold
 * a connection for up to 45 s where 15 were meant; one pass a second costs next to nothing.
 */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;
export { SHUTDOWN_GRACE_MS } from './service-shutdown.js';

/**
 * What a cluster worker runs with that its primary read and checked (src/cluster/), not this
 * process: the fingerprints of the start-only keys the node started with, so that /readyz
 * compares the file with what runs, and what the files those settings name held then.
 */
export interface FromPrimary {
  startOnlyAtStart: Readonly<Record<string, string>>;
  files: StartFiles;
}

/**
 * Starts the service. With `configFile`, the clinical settings (rules, value sets, wording,
 * links, windows) come from it and reload when it changes; the listening port, public URL,
 * authentication and FHIR allowlist are read once (a restart applies them), into `options`,
 * and so are the files they name (CAs, keys), unless `fromPrimary` gives the node's reading.
 */
export async function startService(
  options: ServiceOptions,
  logger: Logger,
  configFile?: string,
  fromPrimary?: FromPrimary,
): Promise<RunningService> {
  const opened: Closer[] = [];
  const startOnlyAtStart = fromPrimary?.startOnlyAtStart;
  try {
    return await openAndListen(
      options,
      logger,
      { configFile, startOnlyAtStart, files: fromPrimary?.files },
      opened,
    );
  } catch (error) {
    // A start that fails half-way (the port taken, the database refusing) closes what it had
    // opened, as a shutdown does, so an embedding process (a test, a supervisor) is left clean.
    await closeNewestFirst(opened, logger);
    throw error;
  }
}

async function openAndListen(
  options: ServiceOptions,
  logger: Logger,
  config: SettingsSource,
  opened: Closer[],
): Promise<RunningService> {
  const settingsStore = openSettings(options, logger, config, opened);
  const settings = settingsStore.current();
  // Read once for the node (src/config/start-files.ts); the extra CAs serve the FHIR servers
  // and the issuers' key URLs alike (src/fhir/extra-cas.ts).
  const files = config.files ?? (await readStartFiles(options));
  const { extraCas } = files;
  const auth = await buildAuthSettings(options, files);
  // The key servers' connections, kept by an agent of its own when extraCas are set: closed
  // at shutdown as the FHIR servers' are.
  const keyFetcher = jwksFetcher(extraCas);
  opened.push(() => keyFetcher.close());
  const metrics = serviceMetrics(options, settings, logger);
  const store = await openStore(options, auditKeyOf(files), { logger, metrics }, opened);
  const metricsListener = await openMetricsListener(options, metrics, opened);
  const fhirConnections = fhirConnectionPool({
    keepAliveMs: options.fhirKeepAliveMs,
    extraCas,
  });
  opened.push(() => fhirConnections.close());
  // Before listening, so the first hook call finds warm code and open connections.
  await warmUpService({
    settings,
    fhirServers: options.allowedFhirServers,
    connections: fhirConnections,
    timeoutMs: options.fhirTimeoutMs,
    logger,
  });

  let shuttingDown = false;
  const app = createApp(
    appDependencies({
      options,
      logger,
      settingsStore,
      auth,
      keyFetcher,
      metrics,
      metricsListener,
      store,
      fhirConnections,
      isShuttingDown: () => shuttingDown,
    }),
  );
  // A cluster's primary says it once for the node (src/cluster/cluster.ts), not each worker.
  if (!options.clusterWorker) warnOfMissingWebApps(options.webRoot, logger);
  const connections = closingConnections(app);
  const server = await listen(connections.listener, options, opened);
  const { port } = server.address() as AddressInfo;
  const membership = await startHeartbeat(
    store.registry,
    { nodeId: nodeIdOf(options.dataDir), host: hostname(), port, version: settings.serviceVersion },
    () => settingsStore.current().configHash,
    logger,
  );
  opened.push(() => membership.leave());
  const discoveryUrl = `http://localhost:${String(port)}/cds-services`;
  const metricsUrl = metricsListener?.url ?? `http://localhost:${String(port)}/metrics`;
  logger.info(
    { port, configHash: settings.configHash, publicBaseUrl: options.publicBaseUrl, metricsUrl },
    `EMD CDS Hooks service listening on ${discoveryUrl}`,
  );

  const close = async () => {
    shuttingDown = true;
    connections.closeAfterAnswers();
    // /readyz now answers 503; a balancer that probes it stops sending before the
    // listener closes (SHUTDOWN_DRAIN_MS; calls arriving meanwhile are still served).
    if (options.shutdownDrainMs > 0)
      await new Promise((resolve) => setTimeout(resolve, options.shutdownDrainMs));
    await closeNewestFirst(opened, logger);
  };
  let closing: Promise<void> | undefined;
  return {
    discoveryUrl,
    metricsUrl,
    reload: (reason) => settingsStore.reload(reason),
    // Each part is closed once: a second pool.end() or server.close() only fails.
    close: () => (closing ??= close()),
  };
}

interface SettingsSource {
  configFile: string | undefined;
  startOnlyAtStart: Readonly<Record<string, string>> | undefined;
  files: StartFiles | undefined;
}

/** The clinical settings, from the config file (watched, reloaded) or the built-in ones. */
function openSettings(
  options: ServiceOptions,
  logger: Logger,
  { configFile, startOnlyAtStart }: SettingsSource,
  opened: Closer[],
): SettingsStore {
  const settingsStore = new SettingsStore(
    () => {
      const config = configFile ? readConfigFile(configFile) : DEFAULT_CONFIG;
      const settings = buildSettings(config, {
        file: configFile,
        publicBaseUrl: options.publicBaseUrl,
      });
      const warnings = settingsWarnings(config, settings);
      for (const warning of warnings) logger.warn(warning);
      // Kept with the settings, for the console: an analyst does not read the log.
      return { ...settings, source: { ...settings.source, warnings } };
    },
    logger,
    startOnlyAtStart,
  );
  opened.push(() => {
    settingsStore.close();
  });
  if (configFile) settingsStore.watchFile(configFile);
  return settingsStore;
}

/**
 * This process's metrics. A cluster worker counts its own calls; a scrape, whichever worker
 * takes it, answers the node's sum (src/cluster/cluster-metrics.ts).
 */
function serviceMetrics(
  options: ServiceOptions,
  settings: ServiceSettings,
  logger: Logger,
): PrometheusMetrics {
  const ownMetrics = createPrometheusMetrics({
    serviceIds: settings.services.map((service) => service.id),
  });
  return options.metrics.nodeSum
    ? {
        ...ownMetrics,
        handler: nodeMetricsHandler(nodeMetricsOfWorker(ownMetrics.registry), logger),
      }
    : ownMetrics;
}

/** The store and its jobs (./service-store.ts), closed together at shutdown. */
async function openStore(
  options: ServiceOptions,
  auditKey: Buffer,
  { logger, metrics }: { logger: Logger; metrics: PrometheusMetrics },
  opened: Closer[],
) {
  const store = await openServiceStore(options, auditKey, logger, metrics);
  const { registry, auditStore, sharedState, hookCalls, stopTimers } = store;
  opened.push(() => {
    stopTimers();
    return Promise.all([
      registry.close(),
      hookCalls.close().then(() => auditStore.close()),
      sharedState?.close(),
    ]);
  });
  return store;
}

/** The metrics' own listener when METRICS_PORT is set; otherwise none. */
async function openMetricsListener(
  options: ServiceOptions,
  metrics: PrometheusMetrics,
  opened: Closer[],
): Promise<MetricsListener | undefined> {
  if (options.metrics.port === undefined) return undefined;
  const listener = await listenMetrics({
    port: options.metrics.port,
    host: options.metrics.host,
    handler: metrics.handler,
    credential: metricsCredential(options),
  });
  opened.push(() => listener.close());
  return listener;
}

/** The HTTP server, listening once this resolves; it stops listening at shutdown. */
async function listen(
  listener: RequestListener,
  options: ServiceOptions,
  opened: Closer[],
): Promise<Server> {
  // The checking interval is an option of the server's construction: app.listen() cannot set it.
  const server = createServer(
    {
      requestTimeout: REQUEST_TIMEOUT_MS,
      headersTimeout: REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    listener,
  );
  if (options.host) server.listen(options.port, options.host);
  else server.listen(options.port);
  opened.push(() => stopListening(server));
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return server;
}
