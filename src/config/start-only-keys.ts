/**
 * The config file's keys read once, at start (docs/configuring.md, "What needs a restart"):
 * the listening port, authentication, the FHIR client, the store, the timeline's origins. A
 * reload accepts a file that changes one, and the config hash moves with the file, but the
 * node keeps running with the value it started with; the reload says which keys those are.
 * A cluster worker started later takes them from the primary (src/cluster/), not the file.
 */
import { hashOf } from './config-hash.js';
import type { Config } from './config-schema.js';

/** The sections read at start; the docs' "restart needed" rows. */
const START_ONLY_SECTIONS = ['service', 'fhir', 'auth', 'store', 'timeline'] as const;

/** Keys of those sections that a reload does apply (the docs' "on reload" `service` row). */
const RELOADED = new Set(['service.defaultLocale']);

/** The sections of a configuration that are read at start. */
export type StartOnlyPart = Pick<Config, (typeof START_ONLY_SECTIONS)[number]>;

export function startOnlyPart(config: Config): StartOnlyPart {
  const { service, fhir, auth, store, timeline } = config;
  return { service, fhir, auth, store, timeline };
}

/**
 * Each start-only key in effect (`service.port`, defaults included) with a fingerprint of its
 * value rather than the value: `store.postgresUrl` may hold a password, and these are kept
 * beside the settings for as long as the node runs.
 */
export function startOnlyFingerprints(config: Config): Readonly<Record<string, string>> {
  return Object.fromEntries(
    START_ONLY_SECTIONS.flatMap((section) =>
      Object.entries(config[section])
        .filter(([key, value]) => value !== undefined && !RELOADED.has(`${section}.${key}`))
        .map(([key, value]) => [`${section}.${key}`, hashOf(value)]),
    ),
  );
}

/**
 * The start-only keys whose value differs between the two (one set, the other not counts),
 * in the file's section order: a file that writes out a default changes nothing.
 */
export function changedStartOnlyKeys(
  atStart: Readonly<Record<string, string>>,
  now: Readonly<Record<string, string>>,
): string[] {
  const keys = [...new Set([...Object.keys(atStart), ...Object.keys(now)])];
  return keys.filter((key) => atStart[key] !== now[key]);
}
