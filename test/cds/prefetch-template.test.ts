/**
 * CDS Hooks 2.0 §Prefetch tokens: `{{context.<field>}}` and the user tokens
 * (`{{userPractitionerId}}`, `{{userPractitionerRoleId}}`, `{{userPatientId}}`,
 * `{{userRelatedPersonId}}`), usable in a template of any resource type (issue #14).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { callService } from '../../src/cds/hook-service.js';
import { NO_METRICS } from '../../src/cds/metrics.js';
import { fillTemplate } from '../../src/cds/prefetch-template.js';
import { dataNeedsOf, type ServiceDefinition } from '../../src/cds/service-definition.js';
import { fhirAccessFor } from '../../src/fhir/fhir-access.js';
import { fhirKitRunner } from '../../src/fhir/fhir-kit-runner.js';
import { defaultSettings, readExampleRequest, SCENARIO_NOW } from '../support/app.js';
import { serveExamplePatient, type StubFhirServer } from '../support/stub-fhir-server.js';

describe('fillTemplate', () => {
  const rows: [template: string, userId: string, expected: string | undefined][] = [
    ['{{context.userId}}', 'Practitioner/123', 'Practitioner/123'],
    [
      'PractitionerRole?practitioner={{context.userId}}',
      'Practitioner/123',
      'PractitionerRole?practitioner=Practitioner/123',
    ],
    ['Practitioner/{{userPractitionerId}}', 'Practitioner/123', 'Practitioner/123'],
    ['PractitionerRole/{{userPractitionerRoleId}}', 'PractitionerRole/r-1', 'PractitionerRole/r-1'],
    ['Patient/{{userPatientId}}', 'Patient/p.1', 'Patient/p.1'],
    ['RelatedPerson/{{userRelatedPersonId}}', 'RelatedPerson/rp1', 'RelatedPerson/rp1'],
    // The user is not a Practitioner: the token has no value, so the query is not run.
    ['Practitioner/{{userPractitionerId}}', 'PractitionerRole/r-1', undefined],
  ];
  it.each(rows)('fills %s for user %s as %s', (template, userId, expected) => {
    expect(fillTemplate(template, { userId, patientId: 'p1' })).toBe(expected);
  });

  // H110: `_` and `~` are RFC 3986 §2.3's unreserved characters, the same in a path and a query.
  it('carries a patient id with "_" and "~" as it is, in a read and a search', () => {
    const context = { userId: 'Practitioner/ZY_7', patientId: 'ZY_1~a' };
    expect(fillTemplate('Patient/{{context.patientId}}', context)).toBe('Patient/ZY_1~a');
    expect(fillTemplate('Condition?patient={{context.patientId}}', context)).toBe(
      'Condition?patient=ZY_1~a',
    );
    expect(fillTemplate('Practitioner/{{userPractitionerId}}', context)).toBe('Practitioner/ZY_7');
  });

  it('still percent-encodes what is not a path separator', () => {
    expect(fillTemplate('Condition?code={{context.code}}', { code: 'a b&c=d' })).toBe(
      'Condition?code=a%20b%26c%3Dd',
    );
  });
});

const practitionerService: ServiceDefinition = {
  ...(defaultSettings.services.find((s) => s.id === 'emd-patient-view') as ServiceDefinition),
  prefetch: {
    conditions: 'Condition?patient={{context.patientId}}',
    practitioner: 'Practitioner/{{userPractitionerId}}',
    roles: 'PractitionerRole?practitioner={{userPractitionerId}}',
  },
};

describe('dataNeedsOf', () => {
  it('accepts templates of resource types the rules do not read, as optional data', () => {
    expect(
      dataNeedsOf(practitionerService).map((n) => [
        n.key,
        n.resourceType,
        n.interaction,
        n.isRequired,
      ]),
    ).toEqual([
      ['conditions', 'Condition', 'search', true],
      ['practitioner', 'Practitioner', 'read', false],
      ['roles', 'PractitionerRole', 'search', false],
    ]);
  });

  it('reads a reloaded definition afresh: its needs are worked out once per definition, not once ever', () => {
    const first = dataNeedsOf(practitionerService);
    expect(dataNeedsOf(practitionerService)).toBe(first);
    // A reload loads new definition objects; here the imaging template has moved to a read.
    const reloaded: ServiceDefinition = {
      ...practitionerService,
      prefetch: { conditions: 'Condition?patient={{context.patientId}}', study: 'ImagingStudy/s1' },
    };
    expect(
      dataNeedsOf(reloaded).map((n) => [n.key, n.resourceType, n.interaction, n.isRequired]),
    ).toEqual([
      ['conditions', 'Condition', 'search', true],
      // Rules page §2: the imaging-review rules cannot run without the study under review.
      ['study', 'ImagingStudy', 'read', true],
    ]);
    expect(dataNeedsOf(practitionerService)).toBe(first);
  });

  it('shares its needs between calls only as frozen values', () => {
    const [need] = dataNeedsOf(practitionerService);
    expect(Object.isFrozen(dataNeedsOf(practitionerService))).toBe(true);
    expect(() => {
      (need as { isRequired: boolean }).isRequired = false;
    }).toThrow(TypeError);
  });
});

describe('a service whose prefetch uses user tokens', () => {
  let server: StubFhirServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('reads them from the FHIR server with the user id in the path', async () => {
    server = await serveExamplePatient('emd-and-cns');
    const body = readExampleRequest('emd-and-cns');
    delete body.prefetch;
    const result = await callService(
      'emd-patient-view',
      { ...body, fhirServer: server.url },
      {
        settings: { ...defaultSettings, services: [practitionerService] },
        now: SCENARIO_NOW,
        locale: 'en',
        newUuid: randomUUID,
        fhirAccess: fhirAccessFor({
          allowedServers: [server.url],
          runnerFor: (url, token) => fhirKitRunner(url, token, { timeoutMs: 5000, maxPages: 5 }),
        }),
        metrics: NO_METRICS,
        audit: undefined,
      },
    );
    expect(result.response.cards.map((c) => c.indicator)).toEqual(['critical', 'warning']);
    expect(server.requests.map((r) => r.path.split('&_count')[0]).sort()).toEqual([
      '/fhir/Condition?patient=emd-and-cns',
      '/fhir/Practitioner/example-haematologist',
      '/fhir/PractitionerRole?practitioner=example-haematologist',
    ]);
  });
});
