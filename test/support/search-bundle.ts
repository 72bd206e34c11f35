/**
 * A search answer as prefetch carries it (CDS Hooks 2.0 §Prefetch: a FHIR searchset Bundle),
 * each resource under a relative `Type/id` fullUrl, for requests typed by hand in the tests.
 */
export function searchBundle(resources: readonly fhir4.Resource[]): fhir4.Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    entry: resources.map((resource) => ({
      fullUrl: `${resource.resourceType}/${resource.id ?? ''}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}
