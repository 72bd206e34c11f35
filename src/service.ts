/**
 * Composition root: load the settings, build the app with its adapters, listen. Everything
 * configurable comes in as options and goes down as arguments; nothing below reads the
 * environment.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { ServiceOptions } from './config/environment.js';
import { loadDefaultSettings } from './config/load-settings.js';
import { fhirAccessFor } from './fhir/fhir-access.js';
import { fhirKitRunner } from './fhir/fhir-kit-runner.js';
import { createApp } from './http/app.js';

export interface RunningService {
  /** The discovery URL, e.g. http://localhost:3000/cds-services */
  discoveryUrl: string;
  close(): Promise<void>;
}

export async function startService(
  options: ServiceOptions,
  logger: Logger,
): Promise<RunningService> {
  const settings = loadDefaultSettings();
  const app = createApp({
    settings: () => settings,
    logger,
    clock: () => new Date(),
    newUuid: randomUUID,
    fhirAccess: fhirAccessFor({
      allowedServers: options.allowedFhirServers,
      runnerFor: (server, token) =>
        fhirKitRunner(server, token, {
          timeoutMs: options.fhirTimeoutMs,
          maxPages: options.fhirMaxPages,
        }),
    }),
    corsOrigins: options.corsOrigins,
    bodyLimit: options.bodyLimit,
  });
  const server = app.listen(options.port);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const discoveryUrl = `http://localhost:${String(port)}/cds-services`;
  logger.info(
    { port, configHash: settings.configHash },
    `EMD CDS Hooks service listening on ${discoveryUrl}`,
  );
  return {
    discoveryUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
