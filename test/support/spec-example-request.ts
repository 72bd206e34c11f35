/**
 * CDS Hooks 2.0's patient-view example request (§Calling a CDS Service), typed from the
 * specification: a request every EHR-facing check must accept as it stands.
 */
export const SPEC_EXAMPLE_REQUEST = {
  hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
  fhirServer: 'https://ehr.example.org/fhir',
  hook: 'patient-view',
  fhirAuthorization: {
    access_token: 'some-opaque-fhir-access-token',
    token_type: 'Bearer',
    expires_in: 300,
    scope: 'user/Patient.read user/Observation.read',
    subject: 'cds-service4',
  },
  context: { userId: 'Practitioner/example', patientId: '1288992', encounterId: '89284' },
  prefetch: { patientToGreet: { resourceType: 'Patient', gender: 'male', id: '1288992' } },
};
