/**
 * The running configuration as the console shows it (issue #9, "Rules"): read-only, built
 * from the settings snapshot in force: what decides what a card says, and where it came from;
 * and the start-only settings the node runs with (./start-only-view.ts) — never the admin
 * token, the audit secret, keys, or a store URL's password.
 */
import { VALUE_SET_ROLES, type ValueSetRole } from '../rules/value-set-roles.js';
import {
  FINDING_CLASSES,
  RULE_IDS,
  type FindingClass,
  type Indicator,
  type RuleId,
} from '../rules/types.js';
import { RULES_PAGE_LEVELS } from '../rules/rules-page-levels.js';
import { contextLists, type ContextList } from '../rules/text-context.js';
import type { ServiceSettings } from '../cds/service-settings.js';
import type { StartOnlySetting } from './start-only-view.js';

/** Rules page §3.3: the value sets that put a finding in each class (by body site or code). */
const SITE_CLASS_ROLES: Readonly<Record<FindingClass, readonly ValueSetRole[]>> = {
  leptomeningeal: ['siteLeptomeningeal', 'leptomeningealInvolvement'],
  paraskeletal: ['siteBone', 'boneContactQualifier'],
  cns: ['siteCns', 'cnsInvolvement'],
  emd: ['siteSoftTissueOrgan'],
  unclassified: [],
};

export interface ConfigView {
  provenance: { file: string | null; loadedAt: string; configHash: string; serviceVersion: string };
  /**
   * Where the clinical files come from, as the config names them (`valueSets.files`,
   * `wording.dir`, relative to the config file); none and null: only the shipped ones.
   */
  clinicalFiles: { valueSetFiles: string[]; wordingDir: string | null };
  rules: {
    id: RuleId;
    enabled: boolean;
    /** silent: evaluated and audited, never shown (docs/go-live.md). */
    mode: 'live' | 'silent';
    indicator: Indicator;
    indicatorSource: 'config' | 'rules page';
    acknowledgement: string | null;
    suppressAfterOverrideDays: number | null;
    /**
     * Whether a critical card is hidden too, for the days above, after an override
     * (`suppressCritical`); false while the rule suppresses nothing.
     */
    suppressCritical: boolean;
  }[];
  valueSets: {
    role: ValueSetRole;
    url: string;
    name: string;
    codes: { system: string; code: string; display: string | null }[];
  }[];
  siteClasses: { class: FindingClass; valueSetRoles: ValueSetRole[] }[];
  windows: { phaseWindowDays: number; imagingLookbackDays: number };
  textOnlyPatterns: string[];
  /** The cues in force, as the matcher compares them (trimmed, lower case). */
  textOnlyNegation: { before: string[]; after: string[]; pseudo: string[]; scopeEnds: string[] };
  /** The family, history and hedge cues in force, as compared (trimmed, lower case). */
  textOnlyContext: Record<ContextList, string[]>;
  /** H136: a myeloma diagnosis in words, for the explain trace only. */
  textOnlyMyelomaPatterns: string[];
  /** H135: another disease in a coded finding's own text, for the explain trace only. */
  textOnlyOtherDiseasePatterns: string[];
  /**
   * The status words in force, as compared (normalised: case, width, separators), and the
   * abatementString words that say not abated (H96).
   */
  statusWords: { history: string[]; ignored: string[]; notAbated: string[] };
  links: { source: string; trials: string | null; pathway: string | null; timeline: string | null };
  overrideReasons: { system: string; codes: { code: string; display: Record<string, string> }[] };
  locales: { available: string[]; default: string };
  fhir: { allowedServers: string[] };
  /**
   * The start-only keys the file in force changed since the node started (docs/configuring.md,
   * "What needs a restart"): named here, behind the admin credential; the open /readyz gives
   * only how many.
   */
  restartNeededFor: string[];
  /**
   * The settings read only at start, as the node runs them (the environment over the file),
   * each with whether the config file in force says otherwise (`restartNeeded`: in
   * `restartNeededFor`; an environment variable that sets it still wins after the restart);
   * and the issuers the node trusts, by key source. Empty where the app was given none.
   */
  startOnly: {
    settings: (StartOnlySetting & { restartNeeded: boolean })[];
    trustedIssuers: string[];
  };
}

/** The node's start-only settings and trusted issuers, worked out once at start. */
export interface StartOnlyInForce {
  settings: readonly StartOnlySetting[];
  trustedIssuers: readonly string[];
}

export function configView(
  settings: ServiceSettings,
  service: {
    allowedFhirServers: readonly string[];
    restartNeededFor: readonly string[];
    startOnly?: StartOnlyInForce | undefined;
  },
): ConfigView {
  const { rules, cards, source } = settings;
  const locales = Object.keys(settings.wording);
  return {
    provenance: {
      file: source.file ?? null,
      loadedAt: source.loadedAt,
      configHash: settings.configHash,
      serviceVersion: settings.serviceVersion,
    },
    clinicalFiles: {
      valueSetFiles: [...source.valueSetFiles],
      wordingDir: source.wordingDir ?? null,
    },
    rules: RULE_IDS.map((id) => ({
      id,
      enabled: !rules.disabledRules.has(id),
      mode: settings.silentRules.has(id) ? 'silent' : 'live',
      indicator: rules.indicators[id] ?? RULES_PAGE_LEVELS[id],
      indicatorSource: rules.indicators[id] ? 'config' : 'rules page',
      acknowledgement: source.acknowledgements[id] ?? null,
      suppressAfterOverrideDays: settings.suppression[id]?.days ?? null,
      suppressCritical: settings.suppression[id]?.includeCritical ?? false,
    })),
    valueSets: VALUE_SET_ROLES.map((role) => {
      const url = rules.terminology.urlOf(role);
      return {
        role,
        url,
        name: source.valueSetNames[url] ?? url,
        codes: rules.terminology.conceptsOf(role).map((c) => ({
          system: c.system ?? '',
          code: c.code ?? '',
          display: c.display ?? null,
        })),
      };
    }),
    siteClasses: FINDING_CLASSES.map((findingClass) => ({
      class: findingClass,
      valueSetRoles: [...SITE_CLASS_ROLES[findingClass]],
    })),
    windows: {
      phaseWindowDays: rules.phaseWindowDays,
      imagingLookbackDays: rules.imagingLookbackDays,
    },
    textOnlyPatterns: rules.textOnlyPatterns.map((pattern) => pattern.source),
    textOnlyNegation: {
      before: [...rules.textOnlyNegation.before],
      after: [...rules.textOnlyNegation.after],
      pseudo: [...rules.textOnlyNegation.pseudo],
      scopeEnds: [...rules.textOnlyNegation.scopeEnds],
    },
    textOnlyContext: contextLists(rules.textOnlyContext),
    textOnlyMyelomaPatterns: (rules.myelomaTextPatterns ?? []).map((pattern) => pattern.source),
    textOnlyOtherDiseasePatterns: (rules.otherDiseaseTextPatterns ?? []).map(
      (pattern) => pattern.source,
    ),
    statusWords: {
      history: [...rules.statusWords.history],
      ignored: [...rules.statusWords.ignored],
      notAbated: [...rules.statusWords.notAbated],
    },
    links: {
      source: cards.sourceUrl,
      trials: cards.trialsUrl ?? null,
      pathway: cards.pathwayUrl ?? null,
      timeline: cards.timelineUrl ?? null,
    },
    overrideReasons: {
      system: cards.overrideReasonSystem,
      codes: cards.overrideReasonCodes.map((code) => ({
        code,
        display: Object.fromEntries(
          locales.map((locale) => [
            locale,
            settings.wording[locale]?.overrideReasons[code] ?? code,
          ]),
        ),
      })),
    },
    locales: { available: locales, default: settings.defaultLocale },
    fhir: { allowedServers: [...service.allowedFhirServers] },
    restartNeededFor: [...service.restartNeededFor],
    startOnly: {
      settings: (service.startOnly?.settings ?? []).map((setting) => ({
        ...setting,
        restartNeeded: service.restartNeededFor.includes(setting.setting),
      })),
      trustedIssuers: [...(service.startOnly?.trustedIssuers ?? [])],
    },
  };
}
