/**
 * What the composition root (./service.ts) gives `createApp`: the adapters built from the parts
 * it has opened (FHIR access over the pooled connections, the JWT verifier with its replay
 * guard, the health report) and the options that go down as they are. Apart from service.ts
 * so that it reads as the order in which the parts open and close.
 */
import type { Logger } from 'pino';
import type { AuthSettings } from './auth/trusted-issuers.js';
import type { JwksFetcher } from './auth/jwks-fetch.js';
import { createJwtVerifier } from './auth/jwt-verifier.js';
import { InMemoryReplayCache, SharedReplayCache } from './auth/replay-cache.js';
import { newCardUuid } from './cds/card-uuid.js';
import { pseudonymiser } from './cds/pseudonyms.js';
import { headcountOfNode } from './cluster/cluster-headcount.js';
import { metricsCredential } from './config/deployment-checks.js';
import type { ServiceOptions } from './config/environment.js';
import type { SettingsStore } from './config/settings-store.js';
import { describeIssuer, startOnlyInForce } from './config/start-only-view.js';
import { fhirAccessFor } from './fhir/fhir-access.js';
import type { FhirConnections } from './fhir/fhir-connections.js';
import { fhirKitRunner } from './fhir/fhir-kit-runner.js';
import type { AppDeps } from './http/app.js';
import type { AuthDeps } from './http/auth-middleware.js';
import type { MetricsListener } from './http/metrics-listener.js';
import type { PrometheusMetrics } from './http/prometheus-metrics.js';
import type { openServiceStore } from './service-store.js';
import { fleetView } from './store/fleet-view.js';

/** What ./service.ts has opened by the time it builds the app. */
export interface OpenedParts {
  options: ServiceOptions;
  logger: Logger;
  settingsStore: SettingsStore;
  auth: AuthSettings;
  keyFetcher: JwksFetcher;
  metrics: PrometheusMetrics;
  /** The metrics' own listener (METRICS_PORT), if any: then the service's port has none. */
  metricsListener: MetricsListener | undefined;
  store: Awaited<ReturnType<typeof openServiceStore>>;
  fhirConnections: FhirConnections;
  isShuttingDown: () => boolean;
}

export function appDependencies(parts: OpenedParts): AppDeps {
  const { options, settingsStore, store } = parts;
  return {
    settings: () => settingsStore.current(),
    logger: parts.logger,
    clock: () => new Date(),
    newUuid: newCardUuid,
    fhirAccess: fhirAccessFor({
      allowedServers: options.allowedFhirServers,
      runnerFor: fhirRunners(options, parts.fhirConnections, parts.logger),
    }),
    corsOrigins: options.corsOrigins,
    bodyLimit: options.bodyLimit,
    auth: callerAuth(parts),
    openDiscovery: !options.auth.discovery,
    rateLimitPerMinute: options.rateLimitPerMinute,
    sharedState: store.sharedState
      ? { state: store.sharedState, circuit: store.circuit }
      : undefined,
    health: nodeHealth(parts),
    isShuttingDown: parts.isShuttingDown,
    fleet: async () => fleetView(await store.registry.nodes(), new Date()),
    metrics: parts.metrics,
    publicMetrics: parts.metricsListener ? false : { credential: metricsCredential(options) },
    audit: {
      store: store.auditStore,
      pseudonymise: pseudonymiser(store.auditKey),
      calls: store.hookCalls,
    },
    adminToken: options.adminToken,
    fhirServers: options.allowedFhirServers,
    timeline: options.timeline,
    webRoot: options.webRoot,
    startOnly: {
      settings: startOnlyInForce(options),
      trustedIssuers: parts.auth.issuers.map(describeIssuer),
    },
  };
}

/**
 * One fhir-kit-client runner per hook call, over the server's pooled connections; a `next`
 * link it refuses is a warn line of the service's log.
 */
function fhirRunners(
  options: ServiceOptions,
  connections: FhirConnections,
  logger: Logger,
): Parameters<typeof fhirAccessFor>[0]['runnerFor'] {
  return (server, token) =>
    fhirKitRunner(
      server,
      token,
      {
        timeoutMs: options.fhirTimeoutMs,
        maxPages: options.fhirMaxPages,
        pageSize: options.fhirPageSize,
      },
      connections.dispatcherFor(server),
      logger,
    );
}

/**
 * The JWT check of callers when authentication is on; its `jti` replay guard goes through the
 * shared state when there is one, so that a token is spent once across the node's workers.
 */
function callerAuth({ auth, keyFetcher, store, options }: OpenedParts): AuthDeps | undefined {
  if (!auth.enabled) return undefined;
  const replay = store.sharedState
    ? new SharedReplayCache(store.sharedState, store.circuit)
    : new InMemoryReplayCache();
  return {
    verify: createJwtVerifier(auth, replay, () => new Date(), keyFetcher.fetch),
    publicBaseUrl: options.publicBaseUrl,
  };
}

/** What /readyz and the console report of this node. */
function nodeHealth({ options, settingsStore, store }: OpenedParts): AppDeps['health'] {
  // What the primary last told of the node's workers; a single process has no count.
  const headcount = options.clusterWorker ? headcountOfNode() : () => undefined;
  return () => ({
    audit: store.auditStore.health(),
    sharedStateDown: store.circuit.isDown(),
    configReloadRefusedAt: settingsStore.refusedReloadAt(),
    configReloadRefusal: settingsStore.refusedReload(),
    restartNeededFor: settingsStore.restartNeededFor(),
    workers: headcount(),
  });
}
