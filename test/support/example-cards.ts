/**
 * Every example request under cds-hooks/examples/ (one folder a hook), played over HTTP
 * against the real app in English and in Simplified Chinese, for tests that hold every card
 * the service shows to a claim of the rules page.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { readExampleRequest } from './app.js';

/** A card as a clinician reads it. */
export interface ExampleCard {
  summary: string;
  detail?: string;
  suggestions?: { label: string }[];
  links?: { label: string }[];
  extension?: Record<string, unknown>;
}

/** The example folders and the service each is posted to (cds-hooks/services/). */
const SERVICE_OF_FOLDER = {
  'patient-view': 'emd-patient-view',
  'imagingstudy-review': 'emd-imaging-review',
  'order-select': 'emd-imaging-order-select',
  'order-sign': 'emd-imaging-order-sign',
} as const;

export interface ExampleRequest {
  /** "patient-view/cns-parenchymal" */
  name: string;
  service: string;
  body: Record<string, unknown>;
}

export function exampleRequests(): ExampleRequest[] {
  return Object.entries(SERVICE_OF_FOLDER).flatMap(([folder, service]) =>
    readdirSync(join(PROJECT_ROOT, 'cds-hooks', 'examples', folder))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => {
        const file = f.replace(/\.json$/, '');
        return { name: `${folder}/${file}`, service, body: readExampleRequest(file, folder) };
      }),
  );
}

export async function postExample(
  app: Express,
  example: ExampleRequest,
  locale: 'en' | 'zh-CN',
): Promise<ExampleCard[]> {
  const response = await request(app)
    .post(`/cds-services/${example.service}`)
    .set('accept-language', locale)
    .send(example.body);
  expect(response.status, example.name).toBe(200);
  return (response.body as { cards: ExampleCard[] }).cards;
}

/** Summary, detail, suggestion labels and link labels: every text the service fills in. */
export const textOf = (card: ExampleCard): string =>
  [
    card.summary,
    card.detail ?? '',
    ...(card.suggestions ?? []).map((s) => s.label),
    ...(card.links ?? []).map((l) => l.label),
  ].join('\n');

export const ruleOf = (card: ExampleCard): string =>
  String(card.extension?.[CARD_EXTENSION.ruleId]);

export const phaseOf = (card: ExampleCard): unknown => card.extension?.[CARD_EXTENSION.phase];
