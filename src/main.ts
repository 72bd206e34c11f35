/**
 * Composition root: load the settings, build the app, listen. Everything configurable comes
 * in here and goes down as arguments; nothing below reads the environment.
 */
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { loadDefaultSettings } from './config/load-settings.js';
import { fhirAccessFor } from './fhir/fhir-access.js';
import { fhirKitRunner } from './fhir/fhir-kit-runner.js';
import { createApp } from './http/app.js';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });

try {
  const settings = loadDefaultSettings();
  const port = Number(process.env.PORT ?? 3000);
  const app = createApp({
    settings: () => settings,
    logger,
    clock: () => new Date(),
    newUuid: randomUUID,
    fhirAccess: fhirAccessFor({
      allowedServers: listFromEnv('FHIR_SERVERS', ''),
      runnerFor: (server, token) =>
        fhirKitRunner(server, token, {
          timeoutMs: Number(process.env.FHIR_TIMEOUT_MS ?? 400),
          maxPages: Number(process.env.FHIR_MAX_PAGES ?? 10),
        }),
    }),
    corsOrigins: listFromEnv('CORS_ORIGINS', 'https://sandbox.cds-hooks.org'),
    bodyLimit: '5mb',
  });
  const server = app.listen(port, () => {
    logger.info(
      { port, configHash: settings.configHash },
      `EMD CDS Hooks service listening on http://localhost:${String(port)}/cds-services`,
    );
  });
  const stop = () => {
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  logger.fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

/** A comma-separated environment variable as a list. */
function listFromEnv(name: string, fallback: string): string[] {
  return (process.env[name] ?? fallback)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
