/**
 * The discovery document (CDS Hooks 2.0 §Discovery): the service definitions from
 * cds-hooks/services/, each with an `extension` saying what this site switched on, so an
 * EHR team can see it without asking for the config file (issue #14, "site tunables in
 * discovery").
 */
import { RULES_PAGE_LEVELS } from '../rules/rules-page-levels.js';
import type { ServiceSettings } from './service-settings.js';
import { RULES_BY_HOOK } from '../rules/evaluate.js';
import type { Indicator, RuleId } from '../rules/types.js';
import { HOOKS, isSupportedHook } from './hooks.js';
import type { ServiceDefinition } from './service-definition.js';

/** Reverse-domain keys, like the card extension's (src/cds/cards/build-card.ts). */
export const DISCOVERY_EXTENSION = {
  configHash: 'org.emd-cds.config-hash',
  serviceVersion: 'org.emd-cds.service-version',
  rules: 'org.emd-cds.rules',
} as const;

/** One rule the service runs, as this site configured it. */
export interface DiscoveredRule {
  /** The rule id cards carry in `org.emd-cds.rule-id` (not a service id). */
  id: RuleId;
  enabled: boolean;
  /** The level its card fires at here, before lowering (rules page §6 still holds). */
  indicator: Indicator;
  /** The rules page's level, so a changed one is visible at a glance. */
  rulesPageIndicator: Indicator;
  /**
   * Days an overridden card stays hidden for the patient, from the client that overrode it
   * (H75); 0 = never suppressed.
   */
  suppressAfterOverrideDays: number;
  /** Whether a critical card is hidden too for those days (`suppressCritical`). */
  suppressCritical: boolean;
}

export type DiscoveryEntry = ServiceDefinition & { extension: Record<string, unknown> };

export function discoveryDocument(settings: ServiceSettings): { services: DiscoveryEntry[] } {
  return {
    services: settings.services.map((service) => ({
      ...service,
      extension: {
        [DISCOVERY_EXTENSION.configHash]: settings.configHash,
        [DISCOVERY_EXTENSION.serviceVersion]: settings.serviceVersion,
        [DISCOVERY_EXTENSION.rules]: rulesOf(service, settings),
      },
    })),
  };
}

function rulesOf(service: ServiceDefinition, settings: ServiceSettings): DiscoveredRule[] {
  if (!isSupportedHook(service.hook)) return [];
  return RULES_BY_HOOK[HOOKS[service.hook].kind].map(({ id }) => ({
    id,
    enabled: !settings.rules.disabledRules.has(id),
    indicator: settings.rules.indicators[id] ?? RULES_PAGE_LEVELS[id],
    rulesPageIndicator: RULES_PAGE_LEVELS[id],
    suppressAfterOverrideDays: settings.suppression[id]?.days ?? 0,
    suppressCritical: settings.suppression[id]?.includeCritical ?? false,
  }));
}
