/** The Conditions search the FHIR tests read with: the patient-view service's own need. */
import type { DataNeed } from '../../src/cds/service-definition.js';

export const conditionSearch: DataNeed = {
  key: 'conditions',
  template: 'Condition?patient={{context.patientId}}',
  resourceType: 'Condition',
  interaction: 'search',
  isRequired: true,
  gap: undefined,
};
