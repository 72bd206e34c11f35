/** The example requests under cds-hooks/examples/ are generated from the bundles, not hand-copied. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPatientViewRequest } from '../scripts/example-requests.js';
import { PATHS, PROJECT_ROOT } from '../src/config/project-paths.js';
import { hookRequestSchema, patientViewContextSchema } from '../src/cds/request-schema.js';

const names = readdirSync(PATHS.examples).filter((n) => n.endsWith('.json'));

describe('cds-hooks/examples/patient-view', () => {
  it.each(names)(
    '%s is up to date with its bundle (run `npm run examples` after editing a bundle)',
    (name) => {
      const bundle = JSON.parse(readFileSync(join(PATHS.examples, name), 'utf8')) as fhir4.Bundle;
      const written = JSON.parse(
        readFileSync(join(PROJECT_ROOT, 'cds-hooks', 'examples', 'patient-view', name), 'utf8'),
      ) as unknown;
      expect(written).toEqual(buildPatientViewRequest(bundle));
      const parsed = hookRequestSchema.parse(written);
      expect(patientViewContextSchema.parse(parsed.context).patientId).toBe(bundle.id);
    },
  );
});
