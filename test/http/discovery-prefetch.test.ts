/**
 * The prefetch templates discovery advertises, against CDS Hooks 2.0 §Prefetch Template
 * (../shared/spec/cds-hooks.md §1.4), read from GET /cds-services and checked with rules typed
 * here from the spec, not from src/:
 *
 * - "Prefetch tokens MUST be delimited by {{ and }}, and MUST contain only the qualified path
 *   to a hook context field or one of the following user identifiers: userPractitionerId,
 *   userPractitionerRoleId, userPatientId, or userRelatedPersonId"; "Individual hooks specify
 *   which of their context fields can be used as prefetch tokens"; "Only root-level fields
 *   with a primitive value within the context object are eligible".
 * - "valid prefetch templates MUST only make use of": instance-level read, type-level search,
 *   resource references, token parameters with equality and optionally `:in`, date
 *   parameters with the prefixes eq, lt, gt, ge, le, `_count` and `_sort`.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { cdsDiscovery } from '../support/cds-hooks-schema.js';
import { testApp } from '../support/app.js';

/**
 * The context fields each hook marks "Prefetch Token: Yes": the CDS Hooks Library tables
 * (../shared/spec/cds-hooks.md §2.1) and our own hook's definition
 * (cds-hooks/hooks/org.emd-cds.imagingstudy-review.md, its Context table).
 */
const TOKEN_FIELDS: Record<string, string[]> = {
  'patient-view': ['userId', 'patientId', 'encounterId'],
  'order-select': ['userId', 'patientId', 'encounterId'],
  'order-sign': ['userId', 'patientId', 'encounterId'],
  'org.emd-cds.imagingstudy-review': [
    'userId',
    'patientId',
    'imagingStudyId',
    'diagnosticReportId',
    'encounterId',
  ],
};
const USER_TOKENS = [
  'userPractitionerId',
  'userPractitionerRoleId',
  'userPatientId',
  'userRelatedPersonId',
];
/** A FHIR resource type name, then a read (`/{id}`) or a type-level search (`?…`). */
const READ = /^[A-Z][A-Za-z]+\/\{\{[^}]+\}\}$/;
const SEARCH = /^[A-Z][A-Za-z]+\?[^?]+$/;
/** Search parameter names: `_count`, `_sort`, or a name whose only modifier is `:in`. */
const PARAMETER = /^(?:_count|_sort|[a-z][a-z0-9-]*(?::in)?)$/;
/** Date prefixes FHIR has that the 2.0 subset leaves out, before a date value. */
const OTHER_DATE_PREFIX = /^(?:ne|sa|eb|ap)\d/;

async function advertisedTemplates(): Promise<[hook: string, key: string, template: string][]> {
  const response = await request(testApp()).get('/cds-services');
  expect(response.status).toBe(200);
  return cdsDiscovery
    .parse(response.body)
    .services.flatMap((service) =>
      Object.entries(service.prefetch ?? {}).map(([key, template]): [string, string, string] => [
        service.hook,
        key,
        template,
      ]),
    );
}

describe('discovery prefetch templates (CDS Hooks 2.0 §Prefetch Template)', () => {
  it('advertises at least one template for every hook it serves', async () => {
    const hooks = new Set((await advertisedTemplates()).map(([hook]) => hook));
    expect([...hooks].sort()).toEqual(Object.keys(TOKEN_FIELDS).sort());
  });

  it("uses only tokens the hook allows: a root-level prefetch-token field, or a user's id", async () => {
    for (const [hook, key, template] of await advertisedTemplates()) {
      const where = `${hook} prefetch.${key}: ${template}`;
      const tokens = [...template.matchAll(/\{\{([^{}]*)\}\}/g)].map((match) => match[1]);
      expect(tokens.length, where).toBeGreaterThan(0);
      const allowed = [...(TOKEN_FIELDS[hook] ?? []).map((f) => `context.${f}`), ...USER_TOKENS];
      for (const token of tokens) expect(allowed, where).toContain(token);
      // Nothing token-like left outside a well-formed pair.
      expect(template.replace(/\{\{[^{}]*\}\}/g, ''), where).not.toMatch(/[{}]/);
    }
  });

  it('is an instance read or a type-level search with only the 2.0 parameters', async () => {
    for (const [hook, key, template] of await advertisedTemplates()) {
      const where = `${hook} prefetch.${key}: ${template}`;
      expect(READ.test(template) || SEARCH.test(template), where).toBe(true);
      if (!SEARCH.test(template)) continue;
      for (const pair of (template.split('?')[1] ?? '').split('&')) {
        const [name = '', value = ''] = pair.split('=');
        expect(name, where).toMatch(PARAMETER);
        for (const item of value.split(',')) expect(item, where).not.toMatch(OTHER_DATE_PREFIX);
      }
    }
  });
});
