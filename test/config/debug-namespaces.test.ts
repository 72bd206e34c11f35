/**
 * DEBUG read as the `debug` package documents it (its README, "Wildcards"): names split by
 * commas or spaces, `*` a wildcard, `-name` excluded whatever else matches.
 */
import { describe, expect, it } from 'vitest';
import { isDebugEnabled } from '../../src/config/debug-namespaces.js';

const INFO = 'fhir-kit-client:info';

describe('DEBUG namespaces', () => {
  const cases: [string | undefined, boolean][] = [
    [undefined, false],
    ['', false],
    ['*', true],
    ['fhir-kit-client:*', true],
    ['fhir-kit-client:info', true],
    ['fhir-kit-client:error', false],
    ['fhir*', true],
    ['*:info', true],
    ['f*k*t:i*o', true],
    ['express:*', false],
    ['express:*,fhir-kit-client:*', true],
    ['express:* fhir-kit-client:*', true],
    ['*,-fhir-kit-client:*', false],
    ['-fhir-kit-client:*,*', false],
    ['*,-fhir-kit-client:error', true],
    ['fhir-kit-client', false],
    ['fhir-kit-client:info:extra', false],
    ['*info*extra', false],
  ];
  for (const [setting, enabled] of cases)
    it(`${JSON.stringify(setting)} ${enabled ? 'switches on' : 'leaves off'} ${INFO}`, () => {
      expect(isDebugEnabled(setting, INFO)).toBe(enabled);
    });
});
