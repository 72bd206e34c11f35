/**
 * The cards the service would build for a record, without HTTP: the rules, then the card
 * builder, as src/cds/hook-service.ts runs them, with a fixed card uuid. For the card tests,
 * whose expected text is typed from the wording files: wording regression tests, which guard
 * the wording against unintended change, not the rules page's clinical claims (those:
 * test/cards/example-cards-claims.test.ts).
 */
import { expect } from 'vitest';
import { buildCards, CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import type { ServiceSettings } from '../../src/cds/service-settings.js';
import { loadDefaultSettings } from '../../src/config/load-settings.js';
import { evaluate } from '../../src/rules/evaluate.js';
import type { DataGap } from '../../src/rules/patient-record.js';
import type { HookContext, RuleId } from '../../src/rules/types.js';
import { NOW, PATIENT_ID, recordOf } from '../rules/fixtures.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';

const DEFAULT_SETTINGS = loadDefaultSettings();

export interface CardsForOptions {
  /** Default: the built-in configuration. */
  settings?: ServiceSettings;
  /** Default: en. */
  locale?: string;
  /** Default: patient-view of the fixtures' patient. */
  context?: HookContext;
  gaps?: DataGap[];
}

export function cardsFor(resources: fhir4.Resource[], options: CardsForOptions = {}): Card[] {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const locale = options.locale ?? 'en';
  const evaluation = evaluate({
    record: recordOf(resources, new Set(options.gaps ?? [])),
    settings: settings.rules,
    context: options.context ?? { kind: 'patient-view', patientId: PATIENT_ID },
    now: NOW,
  });
  const wording = settings.wording[locale];
  if (!wording) expect.fail(`no wording for ${locale}`);
  return buildCards(evaluation.outcomes, evaluation.facts, {
    wording,
    terminology: settings.rules.terminology,
    patientId: PATIENT_ID,
    settings: settings.cards,
    lookbackDays: settings.rules.imagingLookbackDays,
    serviceVersion: 'test',
    configHash: 'test',
    newUuid: () => '00000000-0000-4000-8000-000000000000',
  });
}

/** The card of one rule among those `cardsFor` builds, if it fired. */
export function cardOfRule(
  resources: fhir4.Resource[],
  ruleId: RuleId,
  options: CardsForOptions = {},
): Card | undefined {
  return cardsFor(resources, options).find(
    (card) => card.extension?.[CARD_EXTENSION.ruleId] === ruleId,
  );
}
