/**
 * The EMD timeline app's smart link (issue #9) on cards: on exactly the EMD and CNS cards,
 * configurable, and absent when configured null. Every example request of every hook.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { DEFAULT_CONFIG, configSchema } from '../../src/config/config-schema.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import type { ServiceSettings } from '../../src/cds/service-settings.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';

const SERVICE_BY_HOOK_FOLDER: Record<string, string> = {
  'patient-view': 'emd-patient-view',
  'imagingstudy-review': 'emd-imaging-review',
  'order-select': 'emd-imaging-order-select',
  'order-sign': 'emd-imaging-order-sign',
};

/** The rules page's EMD and CNS cards: they rest on an emd, cns or leptomeningeal finding. */
const TIMELINE_RULES = [
  'emd-leptomeningeal',
  'emd-cns',
  'emd-soft-tissue',
  'emd-cns-imaging-review',
  'emd-imaging-order',
];

async function everyExampleCard(
  settings: ServiceSettings,
  locale = 'en',
): Promise<{ example: string; card: Card }[]> {
  const app = testApp({ settings: () => settings });
  const out: { example: string; card: Card }[] = [];
  for (const [folder, service] of Object.entries(SERVICE_BY_HOOK_FOLDER)) {
    const dir = join(PROJECT_ROOT, 'cds-hooks', 'examples', folder);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const name = file.replace(/\.json$/, '');
      const response = await request(app)
        .post(`/cds-services/${service}`)
        .set('Accept-Language', locale)
        .send(readExampleRequest(name, folder));
      expect(response.status, `${folder}/${name}`).toBe(200);
      for (const card of expectValidHookResponse(response.body).cards)
        out.push({ example: `${folder}/${name}`, card });
    }
  }
  return out;
}

const smartLinks = (card: Card) => (card.links ?? []).filter((l) => l.type === 'smart');
const ruleOf = (card: Card) => card.extension?.[CARD_EXTENSION.ruleId] as string;

describe('the timeline smart link', () => {
  it('is on exactly the EMD and CNS cards, pointing at the service’s own launch page by default', async () => {
    const settings = buildSettings(DEFAULT_CONFIG, {
      file: undefined,
      publicBaseUrl: 'https://emd-cds.hospital.example.org',
    });
    const cards = await everyExampleCard(settings);
    const withLink = new Set<string>();
    const withoutLink = new Set<string>();
    for (const { example, card } of cards) {
      const links = smartLinks(card);
      if (TIMELINE_RULES.includes(ruleOf(card))) {
        expect(links, `${example} ${ruleOf(card)}`).toEqual([
          {
            label: 'EMD timeline: findings by site and class',
            url: 'https://emd-cds.hospital.example.org/timeline/launch.html',
            type: 'smart',
          },
        ]);
        withLink.add(ruleOf(card));
      } else {
        expect(links, `${example} ${ruleOf(card)}`).toEqual([]);
        withoutLink.add(ruleOf(card));
      }
    }
    // The examples exercise every rule on both sides, so the test cannot pass vacuously.
    expect([...withLink].sort()).toEqual([...TIMELINE_RULES].sort());
    expect([...withoutLink].sort()).toEqual([
      'emd-imaging-review',
      'emd-paraskeletal',
      'emd-unclassified',
    ]);
    // emd-reported-not-listed fires on no example (fhir-resources/examples/README.md); its
    // card is built by the same code, outside TIMELINE_RULES.
  });

  it('uses links.timeline when configured, labelled in Chinese for Chinese requests', async () => {
    const config = configSchema.parse({
      links: { timeline: 'https://apps.hospital.example.org/emd-timeline/launch.html' },
    });
    const cards = await everyExampleCard(buildSettings(config, { file: undefined }), 'zh-CN');
    const links = cards.flatMap(({ card }) => smartLinks(card));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links)
      expect(link).toEqual({
        label: '髓外疾病时间轴：按部位和分类显示的发现',
        url: 'https://apps.hospital.example.org/emd-timeline/launch.html',
        type: 'smart',
      });
  });

  it('is absent from every card when links.timeline is null, leaving the other links', async () => {
    const config = configSchema.parse({ links: { timeline: null } });
    const cards = await everyExampleCard(buildSettings(config, { file: undefined }));
    expect(cards.some(({ card }) => ruleOf(card) === 'emd-soft-tissue')).toBe(true);
    for (const { card } of cards) {
      expect(smartLinks(card)).toEqual([]);
      if (TIMELINE_RULES.includes(ruleOf(card)))
        expect(card.links?.map((l) => l.type)).toEqual(['absolute']);
    }
  });

  // docs/configuring.md §1: `validate` prints, from the files alone, the hash /readyz shows; the
  // default link follows PUBLIC_BASE_URL, which validate does not read, so the hash leaves it out.
  it('keeps the config hash when the public URL moves the default link, and changes it when the file sets one', () => {
    const at = (publicBaseUrl: string, config = DEFAULT_CONFIG) =>
      buildSettings(config, { file: undefined, publicBaseUrl }).configHash;
    expect(at('https://a.example.org')).toBe(at('https://b.example.org'));
    expect(at('https://a.example.org')).toBe(
      buildSettings(DEFAULT_CONFIG, { file: undefined }).configHash,
    );
    const configured = configSchema.parse({
      links: { timeline: 'https://apps.hospital.example.org/emd-timeline/launch.html' },
    });
    expect(at('https://a.example.org', configured)).not.toBe(at('https://a.example.org'));
  });
});
