/**
 * Issue #7's acceptance, on both databases: a card served over HTTP is audited, its
 * feedback round-trips to the statistics, and an override suppresses the next card.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { pseudonymiser } from '../../src/cds/pseudonyms.js';
import { parseConfigText } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { STORE_TARGETS, useFreshStore, warnSkipped } from '../store/targets.js';
import { expectValidHookResponse, readExampleRequest, testApp } from '../support/app.js';

warnSkipped();
const ADMIN = 'admin-token-for-tests-0123456789';
const settings = buildSettings(
  parseConfigText('rules:\n  emd-soft-tissue:\n    suppressAfterOverrideDays: 30\n', 'site.yaml'),
  { file: undefined },
);

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(
    `${target.kind} store${target.skipReason ? ` (${target.skipReason})` : ''}`,
    () => {
      const store = useFreshStore(target);
      const app = () =>
        testApp({
          settings: () => settings,
          audit: { store: store(), pseudonymise: pseudonymiser(randomBytes(32)) },
          adminToken: ADMIN,
        });

      it('round-trips a card to its feedback and the statistics, then suppresses the overridden card', async () => {
        const server = app();
        const body = readExampleRequest('emd-liver-kidney-relapse');
        const served = await request(server).post('/cds-services/emd-patient-view').send(body);
        const [card] = expectValidHookResponse(served.body).cards;
        expect(card?.indicator).toBe('warning');

        const feedback = {
          feedback: [
            {
              card: card?.uuid,
              outcome: 'overridden',
              overrideReason: {
                reason: {
                  system: 'https://fhir.emd-cds.org/CodeSystem/override-reason',
                  code: 'not-relevant-now',
                },
                userComment: 'seen in clinic today',
              },
              outcomeTimestamp: '2026-11-01T00:00:00Z',
            },
          ],
        };
        expect(
          (await request(server).post('/cds-services/emd-patient-view/feedback').send(feedback))
            .body,
        ).toEqual({
          stored: 1,
          duplicates: 0,
          unknownCards: 0,
          otherClient: 0,
          unofferedReasons: 0,
        });

        const stats = await request(server)
          .get('/admin/stats?from=2026-10-01&to=2026-12-01')
          .set('Authorization', `Bearer ${ADMIN}`);
        expect(stats.body).toMatchObject({
          rules: [
            {
              ruleId: 'emd-soft-tissue',
              serviceId: 'emd-patient-view',
              served: 1,
              accepted: 0,
              overridden: 1,
              unanswered: 0,
              overrideReasons: [{ code: 'not-relevant-now', count: 1 }],
            },
          ],
        });

        const again = await request(server).post('/cds-services/emd-patient-view').send(body);
        expect(expectValidHookResponse(again.body).cards).toEqual([]);
      });
    },
  );
}
