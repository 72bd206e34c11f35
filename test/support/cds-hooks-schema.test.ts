/**
 * The test oracle for responses (./cds-hooks-schema.ts) accepts what the CDS Hooks 2.0 text
 * allows and refuses each thing it forbids (../shared/spec/cds-hooks.md §1.1, §1.6).
 */
import { describe, expect, it } from 'vitest';
import { cdsHookResponse } from './cds-hooks-schema.js';

const card = {
  uuid: '6f1c2b4e-8a3d-4c5e-9f70-1a2b3c4d5e6f',
  summary: 'Extramedullary disease',
  indicator: 'warning',
  source: { label: 'Review', url: 'https://doi.org/10.1038/s41408-022-00643-3' },
};
const suggestion = {
  label: 'Order PET/CT',
  uuid: '0d9e8f7a-6b5c-4d3e-8f10-2a3b4c5d6e7f',
  actions: [
    { type: 'create', description: 'PET/CT', resource: { resourceType: 'ServiceRequest' } },
  ],
};
const accepts = (body: unknown) => cdsHookResponse.safeParse(body).success;

describe('the CDS Hooks response schema written from the spec', () => {
  it('accepts no guidance, a minimal card and every optional part used as the spec says', () => {
    expect(accepts({ cards: [] })).toBe(true);
    expect(accepts({ cards: [card] })).toBe(true);
    const full = {
      ...card,
      summary: 'x'.repeat(139),
      detail: '**bold**',
      indicator: 'critical',
      source: {
        ...card.source,
        icon: 'https://example.org/i.png',
        topic: { code: 'a', system: 'b' },
      },
      suggestions: [{ ...suggestion, isRecommended: true }, { label: 'Other' }],
      selectionBehavior: 'at-most-one',
      overrideReasons: [{ code: 'x', system: 'https://example.org/r', display: 'Not relevant' }],
      links: [
        { label: 'Trials', url: 'https://clinicaltrials.gov', type: 'absolute' },
        { label: 'App', url: 'https://app.example.org/launch', type: 'smart', appContext: 'p=1' },
      ],
      extension: { 'org.example.anything': { nested: [1, 2] } },
    };
    expect(accepts({ cards: [full] })).toBe(true);
  });

  const refused: [string, unknown][] = [
    ['a summary of 140 characters ("<140-character")', { ...card, summary: 'x'.repeat(140) }],
    ['an empty summary (§1.1: no empty strings)', { ...card, summary: '' }],
    ['an indicator from before 1.0', { ...card, indicator: 'hard-stop' }],
    ['a source without label', { ...card, source: { url: 'https://example.org' } }],
    ['suggestions without selectionBehavior (cds-resp-6)', { ...card, suggestions: [suggestion] }],
    ['selectionBehavior without suggestions', { ...card, selectionBehavior: 'any' }],
    [
      'two recommended suggestions with at-most-one (cds-resp-1)',
      {
        ...card,
        selectionBehavior: 'at-most-one',
        suggestions: [
          { ...suggestion, isRecommended: true },
          { label: 'b', isRecommended: true },
        ],
      },
    ],
    [
      'an unknown selectionBehavior',
      { ...card, suggestions: [suggestion], selectionBehavior: 'all' },
    ],
    ['an empty suggestions array (§1.1)', { ...card, suggestions: [], selectionBehavior: 'any' }],
    [
      'an action of unknown type',
      {
        ...card,
        selectionBehavior: 'any',
        suggestions: [{ label: 'a', actions: [{ type: 'read', description: 'x' }] }],
      },
    ],
    [
      'a delete action without resourceId (cds-resp-2)',
      {
        ...card,
        selectionBehavior: 'any',
        suggestions: [{ label: 'a', actions: [{ type: 'delete', description: 'x' }] }],
      },
    ],
    [
      'a create action without resource',
      {
        ...card,
        selectionBehavior: 'any',
        suggestions: [{ label: 'a', actions: [{ type: 'create', description: 'x' }] }],
      },
    ],
    [
      'an override reason without display (cds-resp-4)',
      { ...card, overrideReasons: [{ code: 'x', system: 'https://example.org/r' }] },
    ],
    [
      'appContext on an absolute link (cds-resp-3)',
      {
        ...card,
        links: [{ label: 'a', url: 'https://a.example', type: 'absolute', appContext: 'x' }],
      },
    ],
    [
      'a link of unknown type',
      { ...card, links: [{ label: 'a', url: 'https://a.example', type: 'web' }] },
    ],
    ['a relative link url', { ...card, links: [{ label: 'a', url: '/x', type: 'absolute' }] }],
    ['an unknown card property outside extension', { ...card, rule: 'emd-cns' }],
    ['an extension that is not an object (§1.1)', { ...card, extension: ['x'] }],
    ['a null detail (§1.1: omit, never null)', { ...card, detail: null }],
  ];
  for (const [name, bad] of refused) {
    it(`refuses ${name}`, () => {
      expect(accepts({ cards: [bad] })).toBe(false);
    });
  }

  it('refuses a body without cards and empty systemActions', () => {
    expect(accepts({})).toBe(false);
    expect(accepts({ cards: [], systemActions: [] })).toBe(false);
  });
});
