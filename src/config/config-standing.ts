/**
 * What GET /admin/config tells beside the configuration in force (./config-view.ts): whether
 * the file on disk was refused, and why (./reload-refusal.ts), and what `validate` warns of the
 * configuration in force. An analyst reads them in the console; the service log, which says
 * the same, is for whoever runs the host.
 */
import type { ServiceSettings } from '../cds/service-settings.js';
import type { ConfigView } from './config-view.js';
import type { ReloadRefusal } from './reload-refusal.js';

/** The most warnings told: a site's own value sets may give one a file. */
export const MAX_CONFIG_WARNINGS = 50;

export interface ConfigStanding {
  /** The last reload refused, if none has succeeded since: the file on disk is not in force. */
  reloadRefused: ReloadRefusal | null;
  /** What `validate` warns of the configuration in force, the first MAX_CONFIG_WARNINGS. */
  warnings: string[];
  /** How many warnings were left off beyond those. */
  moreWarnings: number;
}

/** GET /admin/config's answer. */
export type ConfigAnswer = ConfigView & ConfigStanding;

export function configStanding(
  settings: ServiceSettings,
  refusal: ReloadRefusal | undefined,
): ConfigStanding {
  const warnings = settings.source.warnings ?? [];
  return {
    reloadRefused: refusal ?? null,
    warnings: warnings.slice(0, MAX_CONFIG_WARNINGS),
    moreWarnings: Math.max(0, warnings.length - MAX_CONFIG_WARNINGS),
  };
}
