/** What a configuration weakens, said at every start and reload (issue: critical rules off are logged). */
import { RULES_PAGE_LEVELS } from '../rules/rules-page-levels.js';
import type { Terminology } from '../rules/terminology.js';
import { VALUE_SET_ROLES, type ValueSetRole } from '../rules/value-set-roles.js';
import type { RuleId } from '../rules/types.js';
import type { ServiceSettings } from '../cds/service-settings.js';
import { problemLine } from '../issue-lines.js';
import type { Config } from './config-schema.js';
import { DEFAULTS } from './defaults.js';
import { drugWordWarnings } from './drug-word-warnings.js';
import { readSiteText } from './data-files.js';
import { narrowingWarning } from './text-only-coverage.js';
import { parsePositioned, positionOf, type PositionedText } from './yaml-position.js';

/** A warning said at a setting of the config file: `file:line:col message`, or the message. */
export type SettingPlace = (path: readonly string[], message: string) => string;

const nowhere: SettingPlace = (_path, message) => message;

export function configWarnings(config: Config, at: SettingPlace = nowhere): string[] {
  const warnings: string[] = [];
  for (const [id, rule] of Object.entries(config.rules) as [
    RuleId,
    NonNullable<Config['rules'][RuleId]>,
  ][]) {
    const say = (key: string, message: string) => at(['rules', id, key], message);
    const ack = rule.acknowledgement ? ` (acknowledged: "${rule.acknowledgement}")` : '';
    if (!rule.enabled) {
      warnings.push(say('enabled', `rule ${id} is switched off by configuration${ack}`));
      // docs/go-live.md: "`mode: silent` needs the rule switched on"; a rule switched off is
      // not evaluated, so a silent trial written this way records nothing.
      if (rule.mode === 'silent')
        warnings.push(
          say(
            'mode',
            `rule ${id} is set to mode: silent but switched off (enabled: false): it is not evaluated and nothing is audited; a silent trial needs the rule switched on`,
          ),
        );
      continue;
    }
    if (rule.mode === 'silent')
      warnings.push(
        say('mode', `rule ${id} is silent by configuration: audited, never shown${ack}`),
      );
    if (rule.indicator && rule.indicator !== RULES_PAGE_LEVELS[id])
      warnings.push(
        say('indicator', `rule ${id} is set to ${rule.indicator} by configuration${ack}`),
      );
    if (rule.suppressCritical)
      warnings.push(
        say(
          'suppressCritical',
          rule.suppressAfterOverrideDays > 0
            ? `rule ${id} may suppress its critical cards for ${String(rule.suppressAfterOverrideDays)} days after an override (suppressCritical)${ack}`
            : `rule ${id} has suppressCritical set, with no effect while suppressAfterOverrideDays is 0${ack}`,
        ),
      );
  }
  return [...warnings, ...thresholdWarnings(config, at), ...pagePromiseWarnings(config, at)];
}

/**
 * Settings that load and still leave out what the rules page says every card has: shipped
 * text-only patterns left out with an acknowledgement (§6, H124), and no trial link (§1:
 * "the trial link is part of every EMD/CNS card").
 */
function pagePromiseWarnings(config: Config, at: SettingPlace): string[] {
  const warnings: string[] = [];
  const narrowing = narrowingWarning(config.textOnlyPatterns);
  if (narrowing) {
    const ack = config.rules['emd-unclassified']?.acknowledgement;
    warnings.push(at(['textOnlyPatterns'], `${narrowing} (acknowledged: "${ack ?? ''}")`));
  }
  if (config.links.trials === null)
    warnings.push(
      at(
        ['links', 'trials'],
        'links.trials is null: no EMD or CNS card carries the clinical-trial link, which the rules page makes part of every one (§1: prospective data from clearly defined EMD are needed)',
      ),
    );
  return warnings;
}

/**
 * A day threshold other than the rules page's (§3.2, §3.4): a site may choose it, and the
 * choice changes what clinicians see, so it is said at every start as the other weakenings
 * are; a typo (3650 for 365) is found here before a patient's card shows it.
 */
function thresholdWarnings(config: Config, at: SettingPlace): string[] {
  const warnings: string[] = [];
  const window = config.phase.windowDays;
  const page = DEFAULTS.phaseWindowDays;
  if (window !== page)
    warnings.push(
      at(
        ['phase', 'windowDays'],
        `phase.windowDays is ${String(window)} days, the rules page's is ${String(page)} (§3.2): ${
          window > page
            ? 'findings that long after the myeloma onset are read as at diagnosis, and cards show the sites typical at diagnosis'
            : 'findings that near the myeloma onset may be read as of unknown phase, and cards show both site lists'
        }`,
      ),
    );
  const lookback = config.imaging.lookbackDays;
  const pageLookback = DEFAULTS.imagingLookbackDays;
  if (lookback !== pageLookback)
    warnings.push(
      at(
        ['imaging', 'lookbackDays'],
        `imaging.lookbackDays is ${String(lookback)} days, the rules page's is ${String(pageLookback)} (§3.4): ${
          lookback > pageLookback
            ? 'imaging that old counts as recent, and the cards suggest no new PET/CT or MRI'
            : 'imaging that recent does not count, and the cards suggest a PET/CT or MRI again'
        }`,
      ),
    );
  return warnings;
}

/**
 * Roles the shipped value sets leave empty on purpose (docs/configuring.md §2 b and §3): the
 * site adds its own concepts, and until then the service works without them (order texts
 * without a code, classes from body sites only). Warning about them at every start would
 * teach people to ignore the warnings.
 */
const EMPTY_BY_DEFAULT: ReadonlySet<ValueSetRole> = new Set([
  'cnsInvolvement',
  'leptomeningealInvolvement',
  'boneContactQualifier',
  'orderMriSpine',
  'orderCsfCytology',
  'orderCsfFlowCytometry',
]);

/**
 * One warning per role the rules need whose value set holds no concept: docs/configuring.md
 * §4 counts pointing a role at an empty value set among the changes that weaken the service
 * silently. (An empty `multipleMyeloma` is refused at load instead: ./value-set-checks.ts.)
 */
export function emptyRoleWarnings(
  terminology: Terminology,
  at: SettingPlace = nowhere,
  config?: Config,
): string[] {
  return VALUE_SET_ROLES.filter(
    (role) => !EMPTY_BY_DEFAULT.has(role) && terminology.conceptsOf(role).length === 0,
  ).map((role) =>
    // At the role's line when the config file sets it; a shipped role's has none to point at.
    (config?.valueSets.roles[role] === undefined ? nowhere : at)(
      ['valueSets', 'roles', role],
      `value set role ${role} (${terminology.urlOf(role)}) holds no concept: the rules that need it never match it`,
    ),
  );
}

/**
 * Every warning a loaded configuration gives, in the order they are said: what the file
 * weakens, then the roles whose value set holds no concept, then the site's value-set files
 * that no role uses or that hold no concept, then the codes in the value sets of two finding
 * classes, then the code systems used for myeloma and for no plasmacytoma. `emd-cds validate`
 * prints them; the service logs them at every start and reload.
 */
export function settingsWarnings(
  config: Config,
  settings: Pick<ServiceSettings, 'rules' | 'source'> & Partial<Pick<ServiceSettings, 'wording'>>,
): string[] {
  const { terminology } = settings.rules;
  const at = settingPlace(settings.source.file);
  return [
    ...configWarnings(config, at),
    ...emptyRoleWarnings(terminology, at, config),
    ...settings.source.valueSetWarnings,
    ...drugWordWarnings(settings.wording ?? {}),
  ];
}

/** Warnings at their line of the config file, parsed again only when there is one to say. */
function settingPlace(file: string | undefined): SettingPlace {
  if (file === undefined) return nowhere;
  let source: PositionedText | undefined;
  return (path, message) => {
    try {
      source ??= parsePositioned(readSiteText(file), file).source;
    } catch {
      // Changed or gone since it was loaded (a reload races an edit): said without a line.
      return message;
    }
    return problemLine(file, positionOf(source, path), message);
  };
}
