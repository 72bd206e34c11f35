/**
 * CDS Hooks 2.0 §Card: `summary` is a "One-sentence, <140-character summary"; rules page §4:
 * "under 140 characters (as CDS Hooks requires), checked after the template is filled, in
 * every locale". Checked here on real cards: patients typed by hand (./summary-patients.ts)
 * and the shipped example requests, sent to the app over HTTP in English and Simplified
 * Chinese, covering every card of rules page §4 with its longest inputs.
 *
 * Counting: CDS Hooks counts characters. JavaScript's `length` counts UTF-16 code units: a
 * CJK character of the Basic Multilingual Plane (all the wording's) is one unit, one
 * character; a character beyond it (an emoji, CJK extension B) is two units. So `length` is
 * never below the character count, and `length < 140` is the stricter reading: it also holds
 * for a checker that counts code points (Inferno flags `length >= 140`, cds-hooks.md).
 *
 * The service cuts a summary that would be too long to 138 characters and "…" (a last guard in
 * src/cds/cards/build-card.ts), so the length alone could never fail here. A cut summary is not
 * the sentence the wording wrote, and rules page §4 wants the filled template itself under 140:
 * no shipped summary ends in "…", so a summary that does was cut, and fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// Rules page §4's card table, as the decision table types it: each is reached in each locale.
import { RULE_IDS } from '../clinical/table-rows.js';
import { listeningTestApp } from '../support/app.js';
import { MYELOMAS, prefetchOf, SHAPES, STATUSES, studies } from './summary-patients.js';

const LOCALES = ['en', 'zh-CN'] as const;
type Locale = (typeof LOCALES)[number];
/** The card extension naming its rule (docs/integrating.md, "Card extensions"). */
const RULE_ID_KEY = 'org.emd-cds.rule-id';

const app = listeningTestApp();
const seen: Record<Locale, Set<unknown>> = { en: new Set(), 'zh-CN': new Set() };

/**
 * The last test checks what the others saw; run alone (`-t`), or after one of them failed, it
 * has nothing to check and is skipped. `sending` counts the tests that post patients, and
 * `finished` those that passed.
 */
let sending = 0;
let finished = 0;
function itSending(name: string, body: () => Promise<void>): void {
  sending += 1;
  it(name, async () => {
    await body();
    finished += 1;
  });
}

interface Card {
  summary: string;
  extension?: Record<string, unknown>;
}

/** Posts the request in `locale`, and checks every card's summary. */
async function expectShortSummaries(
  service: string,
  body: Record<string, unknown>,
  locale: Locale,
): Promise<void> {
  const response = await fetch(`${app.base()}/cds-services/${service}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': locale },
    body: JSON.stringify(body),
  });
  expect(response.status, service).toBe(200);
  expect(response.headers.get('content-language')).toBe(locale);
  const { cards } = (await response.json()) as { cards: Card[] };
  for (const card of cards) {
    seen[locale].add(card.extension?.[RULE_ID_KEY]);
    expect(card.summary.length, card.summary).toBeLessThan(140);
    expect(card.summary.endsWith('…'), `cut: ${card.summary}`).toBe(false);
  }
}

const context = (patientId: string) => ({
  userId: 'Practitioner/example-haematologist',
  patientId,
});
const hookInstance = () => crypto.randomUUID();

describe('summaries of patient-view cards, for every status, phase and set of findings', () => {
  for (const [shapeName, shape] of Object.entries(SHAPES))
    for (const [statusName, status] of Object.entries(STATUSES))
      itSending(`${shapeName}; findings ${statusName}`, async () => {
        for (const [i, myeloma] of Object.values(MYELOMAS).entries()) {
          const id = `p${String(i)}`;
          const prefetch = prefetchOf(id, shape, status, myeloma);
          const body = {
            hook: 'patient-view',
            hookInstance: hookInstance(),
            context: context(id),
            prefetch,
          };
          for (const locale of LOCALES)
            await expectShortSummaries('emd-patient-view', body, locale);
        }
      });
});

describe('summaries of imaging-review and order cards', () => {
  const [shapeName = '', shape = []] = Object.entries(SHAPES)[0] ?? [];
  for (const [statusName, status] of Object.entries(STATUSES))
    itSending(`${shapeName}; findings ${statusName}`, async () => {
      for (const [i, myeloma] of Object.values(MYELOMAS).entries()) {
        const id = `p${String(i)}`;
        const prefetch = prefetchOf(id, shape, status, myeloma);
        for (const study of Object.values(studies(id))) {
          const body = {
            hook: 'org.emd-cds.imagingstudy-review',
            hookInstance: hookInstance(),
            context: { ...context(id), imagingStudyId: study.id },
            prefetch: { ...prefetch, study },
          };
          for (const locale of LOCALES)
            await expectShortSummaries('emd-imaging-review', body, locale);
        }
        // A draft whole-body CT (LOINC 46305-9, imaging-whole-body value set).
        const draft: fhir4.ServiceRequest = {
          resourceType: 'ServiceRequest',
          id: `${id}-draft-ct`,
          status: 'draft',
          intent: 'order',
          subject: { reference: `Patient/${id}` },
          code: {
            coding: [{ system: 'http://loinc.org', code: '46305-9' }],
            text: 'CT whole body',
          },
        };
        const { imagingReports: _reports, ...orderPrefetch } = prefetch;
        for (const hook of ['order-select', 'order-sign'] as const) {
          const body = {
            hook,
            hookInstance: hookInstance(),
            context: {
              ...context(id),
              ...(hook === 'order-select'
                ? { selections: [`ServiceRequest/${draft.id ?? ''}`] }
                : {}),
              draftOrders: {
                resourceType: 'Bundle',
                type: 'collection',
                entry: [{ resource: draft }],
              },
            },
            prefetch: orderPrefetch,
          };
          for (const locale of LOCALES)
            await expectShortSummaries(`emd-imaging-${hook}`, body, locale);
        }
      }
    });
});

describe('summaries of the cards of the shipped example requests (cds-hooks/examples)', () => {
  const services: Record<string, string> = {
    'patient-view': 'emd-patient-view',
    'imagingstudy-review': 'emd-imaging-review',
    'order-select': 'emd-imaging-order-select',
    'order-sign': 'emd-imaging-order-sign',
  };
  const root = join(import.meta.dirname, '..', '..', 'cds-hooks', 'examples');
  for (const [folder, service] of Object.entries(services))
    itSending(`are under 140 characters for every ${folder} example`, async () => {
      for (const file of readdirSync(join(root, folder))) {
        const body = JSON.parse(readFileSync(join(root, folder, file), 'utf8')) as Record<
          string,
          unknown
        >;
        for (const locale of LOCALES) await expectShortSummaries(service, body, locale);
      }
    });
});

describe('the patients above', () => {
  it('raise every card of rules page §4, in both locales', (context) => {
    if (finished < sending) context.skip('the tests above did not all run and pass');
    for (const locale of LOCALES)
      expect([...seen[locale]].sort(), locale).toEqual([...RULE_IDS].sort());
  });
});
