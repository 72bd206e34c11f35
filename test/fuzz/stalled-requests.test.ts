/**
 * Requests that once stalled the service, replayed on every run (issue #19). The fuzz
 * harness saves any request it had to give up on in test/fuzz/regressions/stalled/; the
 * first one here is the case that started the issue, rebuilt rather than stored (200 KB).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { expectSoundAnswer, FuzzServer, issuesOf } from './harness.js';
import { REGRESSIONS_DIR } from './remembered-property.js';

const server = new FuzzServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

interface StalledRequest {
  path: string;
  body: string;
}

/** Issue #19: a patient-view request whose Condition has a 200,000-character subject.reference. */
function longSubjectReference(): StalledRequest {
  const file = join(PROJECT_ROOT, 'cds-hooks', 'examples', 'patient-view', 'emd-and-cns.json');
  const body = JSON.parse(readFileSync(file, 'utf8')) as {
    prefetch: { conditions: { entry: { resource: { subject: { reference: string } } }[] } };
  };
  const first = body.prefetch.conditions.entry[0];
  if (first) first.resource.subject.reference = `Patient/${'a'.repeat(200_000)}`;
  return { path: '/cds-services/emd-patient-view', body: JSON.stringify(body) };
}

const stalledDir = join(REGRESSIONS_DIR, 'stalled');
const saved: [string, StalledRequest][] = existsSync(stalledDir)
  ? readdirSync(stalledDir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => [
        name,
        JSON.parse(readFileSync(join(stalledDir, name), 'utf8')) as StalledRequest,
      ])
  : [];

describe('a request that once stalled the service', () => {
  it('the 200 KB subject.reference of issue #19 is refused at once: prefetch invalid, no fhirServer, 412', async () => {
    // A reference past 4 KB makes its Condition invalid, so the conditions prefetch counts as
    // missing (CDS Hooks 2.0 §Prefetch) and, with no fhirServer to read from, the call gets 412.
    const stalled = longSubjectReference();
    const answer = await server.post(stalled.path, stalled.body);
    expectSoundAnswer(answer, stalled.body);
    expect(answer.status).toBe(412);
    expect(issuesOf(answer).flatMap((issue) => issue.expression ?? [])).toContain(
      'prefetch.conditions',
    );
  });

  // One test per request the fuzz harness saved in test/fuzz/regressions/stalled/ (none yet).
  for (const [name, stalled] of saved) {
    it(`${name} is answered soundly`, async () => {
      // FuzzServer.post fails as "the service stalled" when no answer comes in time.
      const answer = await server.post(stalled.path, stalled.body);
      expect(answer.status, name).toBeLessThan(500);
      expectSoundAnswer(answer, stalled.body);
    });
  }
});
