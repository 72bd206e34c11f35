/**
 * The timeline's launch page reads its `patient` parameter as the patient to read on an open
 * FHIR server (web/timeline/launch.ts). The service reads that id as it reads every id a hook
 * names (docs/clinical-safety.md H110: FHIR R4 §2.24.0.1's characters, `_` and `~`, 1 to 256):
 * one it would refuse in `context.patientId` is a 400 OperationOutcome naming `patient`, which
 * never repeats the id. A launch without `patient` (an EHR's SMART launch) is served as before.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { firstIssue } from '../support/console-app.js';

const webRoot = mkdtempSync(join(tmpdir(), 'emd-cds-timeline-launch-'));
mkdirSync(join(webRoot, 'timeline'));
writeFileSync(join(webRoot, 'timeline', 'launch.html'), '<!doctype html><title>launch</title>');
const app = testApp({ webRoot });

const ISS = 'iss=http%3A%2F%2Flocalhost%3A8080%2Ffhir&launch=l1';
const launch = (patient: string) =>
  request(app).get(`/timeline/launch.html?${ISS}&patient=${encodeURIComponent(patient)}`);

describe('GET /timeline/launch.html?patient=…', () => {
  afterAll(() => {
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('answers 400 naming patient for an id the hook would refuse, never repeating it', async () => {
    const ids = [
      ' ',
      'p1 x',
      'MRN/4711',
      'p?x',
      'p#x',
      'p%2Fx',
      'p&_id=x',
      '患者1',
      'x'.repeat(257),
    ];
    for (const id of ids) {
      const response = await launch(id);
      const issue = firstIssue(response.body);
      expect([id, response.status, issue.expression]).toEqual([id, 400, ['patient']]);
      expect(issue.diagnostics).toMatch(/^patient: must be an id: /);
      expect(JSON.stringify(response.body)).not.toMatch(/MRN|4711|患者|_id/);
    }
  });

  it('serves the page for an id the hook reads, an empty one and none', async () => {
    for (const query of [
      `${ISS}&patient=ZY_2026_001`,
      `${ISS}&patient=p1.a-b~c`,
      `${ISS}&patient=`,
      ISS,
    ])
      expect([query, (await request(app).get(`/timeline/launch.html?${query}`)).status]).toEqual([
        query,
        200,
      ]);
  });
});
