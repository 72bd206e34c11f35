/** A transaction Bundle that PUTs each resource under its own Type/id (for the local FHIR server). */
export function putTransaction(
  resources: readonly { resourceType: string; id?: string }[],
): fhir4.Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((resource) => ({
      resource: resource as fhir4.FhirResource,
      request: { method: 'PUT', url: `${resource.resourceType}/${resource.id ?? ''}` },
    })),
  };
}
