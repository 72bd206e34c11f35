/**
 * A data file without positions (a service definition, JSON) reports its problems as every
 * configuration problem is written (docs/configuring.md §1), `file path: message`, one line
 * each, unknown keys named: not zod's multi-line layout.
 */
import { describe, expect, it } from 'vitest';
import { serviceDefinitionSchema } from '../../src/cds/service-definition.js';
import { parseWith } from '../../src/config/data-files.js';

describe('a service definition that does not fit its schema', () => {
  it('names each problem on a line of its own, after the file', () => {
    const definition = {
      hook: 'patient-view',
      id: 7,
      title: 'EMD',
      description: 'Extramedullary disease',
      prefetchh: {},
    };
    expect(() => parseWith(serviceDefinitionSchema, definition, 'services/emd.json')).toThrow(
      [
        'services/emd.json id: Invalid input: expected string, received number',
        'services/emd.json prefetchh: Unrecognized key: "prefetchh"',
      ].join('\n'),
    );
  });
});
