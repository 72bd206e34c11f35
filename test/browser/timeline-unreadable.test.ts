/**
 * The EMD timeline app in real headless Chromium, for a record the service refuses (H51): a
 * Condition the service cannot read, that may be a finding (rules page §2, H37), makes the
 * service answer 412 (no card), so the timeline draws nothing and names the Condition. The
 * harness is ./timeline-service.ts.
 */
import { describe, expect, it } from 'vitest';
import { browserSkipReason, screenshot } from '../support/browser.js';
import { putTransaction } from '../support/put-transaction.js';
import { callPatientView, useTimelineApp } from './timeline-service.js';

// Several page loads per test: vitest's 5 s default is a hang guard too tight for a browser.
describe.skipIf(browserSkipReason)(
  'EMD timeline app in Chromium: unreadable data',
  { timeout: 60_000 },
  () => {
    const app = useTimelineApp();

    it('draws nothing for a record holding a plasmacytoma Condition the service cannot read, and says why in English and Chinese', async () => {
      const patient = 'malformed-plasmacytoma-condition';
      const subject = { reference: `Patient/${patient}` };
      const icd10 = (code: string) => ({
        coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code }],
      });
      const resources = [
        { resourceType: 'Patient', id: patient, name: [{ family: 'Okafor', given: ['Grace'] }] },
        {
          resourceType: 'Condition',
          id: `${patient}-mm`,
          subject,
          code: icd10('C90.00'),
          onsetDateTime: '2026-03-01',
        },
        // A liver plasmacytoma whose clinicalStatus and verificationStatus are numbers, as a legacy
        // HIS writes its status codes (H113 reads STU3's strings, not a wrong type).
        {
          resourceType: 'Condition',
          id: `${patient}-pc1`,
          subject,
          clinicalStatus: 1,
          verificationStatus: 1,
          code: icd10('C90.20'),
          bodySite: [{ coding: [{ system: 'http://snomed.info/sct', code: '10200004' }] }],
          onsetDateTime: '2026-09-15',
        },
      ];
      await app.loadBundle(putTransaction(resources));
      // The service's own answer for this record: 412, so no card (H37).
      const hook = await callPatientView(app, patient);
      expect(hook.status).toBe(412);

      const en = await app.openPage(app.launchUrl(patient));
      const alert = (await en.page.textContent('[role="alert"]')) ?? '';
      expect(alert).toContain('a Condition the EMD service cannot read');
      expect(alert).toContain('neither the cards nor the timeline can be trusted');
      // Named by Type/id and the fields that are wrong, as the service's shapes name them.
      expect(await en.page.textContent('.unreadable-references li')).toMatch(
        new RegExp(
          `^Condition/${patient}-pc1: fields not in FHIR R4 form: clinicalStatus, verificationStatus$`,
        ),
      );
      expect(await en.page.textContent('.unreadable-field')).toBe('clinicalStatus');
      // Its content is not repeated (its code, its site), and nothing is drawn.
      expect(alert).not.toMatch(/C90\.20|10200004|active|confirmed/);
      expect(await en.page.$$('.time-axis, .body-map, table.findings, .patient')).toHaveLength(0);
      await screenshot(en.page, 'timeline-unreadable-condition-laptop');
      await en.page.close();

      const zh = await app.openPage(app.launchUrl(patient), { locale: 'zh-CN' });
      expect(await zh.page.textContent('[role="alert"] h2')).toContain(
        '记录中有一条 EMD 服务无法读取的病情记录',
      );
      expect(await zh.page.textContent('[role="alert"]')).toContain('该患者的卡片和时间轴均不可信');
      expect(await zh.page.textContent('.unreadable-references li')).toMatch(
        new RegExp(
          `^Condition/${patient}-pc1：不符合 FHIR R4 格式的字段：clinicalStatus、verificationStatus$`,
        ),
      );
      await zh.page.close();
    });
  },
);
