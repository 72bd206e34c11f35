/**
 * What `npm run sandbox` prints once both servers answer: where they are, and how to point
 * the public CDS Hooks Sandbox at them (docs/getting-started.md §4). The service is named
 * `localhost`, as the JWT `aud` the service expects is built from http://localhost:<port>;
 * the FHIR server by the address it prints itself, 127.0.0.1.
 */
export interface SandboxBannerFacts {
  /** The service's discovery URL, http://localhost:<port>/cds-services. */
  discoveryUrl: string;
  /** The local FHIR server's base URL, http://127.0.0.1:<port>/fhir. */
  fhirUrl: string;
  patients: readonly string[];
}

export function sandboxBanner({ discoveryUrl, fhirUrl, patients }: SandboxBannerFacts): string {
  const sandbox = new URL('https://sandbox.cds-hooks.org/');
  sandbox.searchParams.set('fhirServiceUrl', fhirUrl);
  sandbox.searchParams.set('patientId', 'emd-and-cns');
  return `
FHIR server (${String(patients.length)} example patients): ${fhirUrl}
CDS services (discovery):                 ${discoveryUrl}

Public CDS Hooks Sandbox: open ${sandbox.href}
then add the CDS service ${discoveryUrl} (gear menu → Add CDS Services),
exactly so: no slash at the end (…/cds-services/ makes every call a 404).
Patient ids to try: emd-and-cns, leptomeningeal-with-cns, emd-skin-at-diagnosis, paraskeletal-only (list: fhir-resources/examples/README.md).
The EMD imaging order card: patient emd-and-cns, the "PAMA Imaging" tab, search the orders for 78816 (PET/CT whole body) or 70553 (MRI brain).
`;
}
