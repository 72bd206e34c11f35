/** The service's configuration as one immutable snapshot; a reload builds a new one. */
import type { CardSettings } from './cards/build-card.js';
import type { Wording } from './cards/wording.js';
import type { ServiceDefinition } from './service-definition.js';
import type { SuppressionSetting } from './suppression.js';
import type { ClassificationSource } from '../rules/rule-settings.js';
import type { RuleId, RuleSettings } from '../rules/types.js';

export interface ServiceSettings {
  rules: RuleSettings;
  /** The data `rules` was compiled from; the timeline app compiles it again in the browser. */
  classification: ClassificationSource;
  cards: CardSettings;
  /** Card wording by locale (e.g. `en`). */
  wording: Readonly<Record<string, Wording>>;
  defaultLocale: string;
  services: readonly ServiceDefinition[];
  serviceVersion: string;
  /** Rules whose overridden cards are not shown again for a while (issue #7). */
  suppression: Readonly<Partial<Record<RuleId, SuppressionSetting>>>;
  /**
   * Rules in silent mode (issue #17, docs/go-live.md): evaluated and their cards audited,
   * marked silent, never returned. The rules themselves do not know: `src/rules` stays pure.
   */
  silentRules: ReadonlySet<RuleId>;
  /** Short hash of everything that decides what a card says; carried on every card. */
  configHash: string;
  /** Where these settings came from and what only the config file records, for the console. */
  source: SettingsSource;
}

export interface SettingsSource {
  /** The config file, or undefined for the built-in defaults. */
  file: string | undefined;
  /** When this snapshot was built (start or reload), ISO 8601 UTC. */
  loadedAt: string;
  /** Why a critical rule was switched off or lowered, as the config file records it. */
  acknowledgements: Readonly<Partial<Record<RuleId, string>>>;
  /** Each loaded ValueSet's name (or title), by canonical URL. */
  valueSetNames: Readonly<Record<string, string>>;
  /**
   * What the site's own value-set files do that is likely a mistake (a file no role uses, a
   * file that holds no concept), found at load, where the files are known; said with the
   * other warnings (src/config/config-warnings.ts).
   */
  valueSetWarnings: readonly string[];
  /**
   * The keys read only at start (`service.port`), each with a fingerprint of its value: a
   * reload compares them with the start's to say which need a restart
   * (src/config/start-only-keys.ts).
   */
  startOnly: Readonly<Record<string, string>>;
  /** `valueSets.files` as the config writes them (relative to its file). */
  valueSetFiles: readonly string[];
  /** `wording.dir` as the config writes it; undefined for the shipped wording. */
  wordingDir: string | undefined;
  /**
   * What `validate` warns of this configuration (src/config/config-warnings.ts), as the
   * service logged it when it put these settings in force; undefined where it was not worked
   * out (a test's settings, a dry run's own). GET /admin/config shows them.
   */
  warnings?: readonly string[];
}
