/** The service definitions discovery serves (cds-hooks/services/), checked at load. */
import {
  dataNeedsOf,
  serviceDefinitionSchema,
  type ServiceDefinition,
} from '../cds/service-definition.js';
import { ConfigError } from './config-error.js';
import { jsonFilesIn, parseWith, readJson } from './data-files.js';
import { PATHS } from './project-paths.js';

/**
 * Every service definition, each with a unique id and prefetch templates the service can
 * run: a template it cannot run is found at load, not per call.
 */
export function loadServices(): ServiceDefinition[] {
  const services = jsonFilesIn(PATHS.services).map((file) =>
    parseWith(serviceDefinitionSchema, readJson(file), file),
  );
  checkUniqueIds(services);
  for (const service of services) {
    try {
      dataNeedsOf(service);
    } catch (error) {
      throw new ConfigError(`${PATHS.services}: ${(error as Error).message}`, { cause: error });
    }
  }
  return services;
}

/**
 * CDS Hooks 2.0 allows one id on several entries (one per hook), but the CDS Hooks Sandbox
 * keeps services by id, so one entry hid the other (issue #14): every id is unique here.
 */
function checkUniqueIds(services: readonly { id: string; hook: string }[]): void {
  const seen = new Map<string, string>();
  for (const { id, hook } of services) {
    const other = seen.get(id);
    if (other !== undefined)
      throw new ConfigError(
        `${PATHS.services}: service id "${id}" is used for both ${other} and ${hook}; give each entry an id of its own`,
      );
    seen.set(id, hook);
  }
}
