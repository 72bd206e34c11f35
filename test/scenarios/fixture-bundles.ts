/**
 * Playing the Bundles of one folder of test/fixtures/ as the scenario tests do: from the
 * transaction Bundle itself (`urn:uuid` references) through the rules, and over HTTP from the
 * patient-view request built from it (a prefetch with `Type/id` references), as
 * ./patient-view.test.ts plays the example patients. The expected cards stay in each test,
 * typed from the rules page; this only reads and plays.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildExampleRequests } from '../../scripts/example-requests.js';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { evaluateBundle } from '../../src/cds/dry-run.js';
import { renderExplain } from '../../src/cli/render-cards.js';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { evaluate } from '../../src/rules/evaluate.js';
import { buildPatientRecord, flattenResources } from '../../src/rules/patient-record.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { defaultSettings, expectValidHookResponse, SCENARIO_NOW, testApp } from '../support/app.js';

export interface FixtureBundles {
  /** The Bundle test/fixtures/<folder>/<name>.json; its name is also the patient's id. */
  read: (name: string) => fhir4.Bundle;
  /** Each rule the Bundle fires on patient-view, as "rule-id indicator", sorted. */
  firedFromBundle: (name: string) => string[];
  /**
   * The cards the service answers to the Bundle's patient-view request (checked against the CDS
   * Hooks schema), in the service's default language or in `locale` (Accept-Language).
   */
  cardsOverHttp: (name: string, locale?: string) => Promise<Card[]>;
  /** The explain trace of the Bundle's patient-view dry run, in English, as the CLI prints it. */
  explain: (name: string) => Promise<string>;
}

/** One scenario row: a Bundle of the folder and the cards the rules page gives it. */
export interface ScenarioRow {
  /** file name under test/fixtures/<folder>/, without .json; also the patient id */
  bundle: string;
  /** why, citing the rules page */
  why: string;
  /** expected cards, in any order: "rule id indicator" */
  cards: readonly string[];
}

/**
 * The two plays every row gets: from its transaction Bundle through the rules, and over HTTP
 * from its prefetch request, both against the cards the row types.
 */
export function playScenarioRows(rows: readonly ScenarioRow[], bundles: FixtureBundles): void {
  describe.each(rows)('$bundle', (row) => {
    it(`evaluated from its transaction Bundle: ${row.why}`, () => {
      expect(bundles.firedFromBundle(row.bundle)).toEqual([...row.cards].sort());
    });

    it('gives the same cards over HTTP from its prefetch request', async () => {
      expect(cardSummary(await bundles.cardsOverHttp(row.bundle))).toEqual([...row.cards].sort());
    });
  });
}

/** `settings`: a site's configuration to play them under; the built-in one by default. */
export function fixtureBundles(folder: string, settings = defaultSettings): FixtureBundles {
  const read = (name: string): fhir4.Bundle => {
    const file = join(PROJECT_ROOT, 'test', 'fixtures', folder, `${name}.json`);
    return JSON.parse(readFileSync(file, 'utf8')) as fhir4.Bundle;
  };
  return {
    read,
    firedFromBundle: (name) => {
      const { outcomes } = evaluate({
        record: buildPatientRecord(name, flattenResources([read(name)])),
        settings: settings.rules,
        context: { kind: 'patient-view', patientId: name },
        now: SCENARIO_NOW,
      });
      return outcomes
        .filter((o) => o.fired)
        .map((o) => `${o.ruleId} ${o.indicator ?? ''}`)
        .sort();
    },
    cardsOverHttp: async (name, locale) => {
      const patientView = buildExampleRequests(read(name)).find(
        (file) => file.path === `patient-view/${name}.json`,
      )?.request;
      const app = settings === defaultSettings ? testApp() : testApp({ settings: () => settings });
      const call = request(app).post('/cds-services/emd-patient-view');
      const response = await (locale ? call.set('Accept-Language', locale) : call).send(
        patientView,
      );
      expect(response.status).toBe(200);
      return expectValidHookResponse(response.body).cards;
    },
    explain: async (name) =>
      renderExplain(
        await evaluateBundle(read(name), settings, {
          hook: 'patient-view',
          patientId: undefined,
          studyId: undefined,
          locale: 'en',
          now: SCENARIO_NOW,
        }),
      ),
  };
}

/** The rule a card is for (its extension). */
export const ruleOf = (card: Card): string => String(card.extension?.[CARD_EXTENSION.ruleId]);

/** Each card as "rule-id indicator", sorted: the form the scenario rows type. */
export const cardSummary = (cards: readonly Card[]): string[] =>
  cards.map((card) => `${ruleOf(card)} ${card.indicator}`).sort();

/** The references a card's evidence extension names. */
export const evidenceOf = (card: Card | undefined): string[] =>
  (card?.extension?.[CARD_EXTENSION.evidence] as string[] | undefined) ?? [];
