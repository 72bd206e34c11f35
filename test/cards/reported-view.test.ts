/**
 * A reported finding in the card's words (src/cds/cards/reported-view.ts, H59): the finding once,
 * with the reports that show it, each named once as the clinician reads it; a detail template
 * written before `reports` still names a report (its first). Expected text typed by hand.
 */
import Mustache from 'mustache';
import { describe, expect, it } from 'vitest';
import { reportedView } from '../../src/cds/cards/reported-view.js';
import { localNames } from '../../src/rules/local-names.js';
import type { FindingReport, ReportedFinding } from '../../src/rules/rule-outcome.js';
import { defaultSettings } from '../support/app.js';

const { rules, cards, wording } = defaultSettings;
const en = wording.en;
const zh = wording['zh-CN'];
if (!en || !zh) throw new Error('the shipped wording has en and zh-CN');

const liverPlasmacytoma = (reports: FindingReport[]): ReportedFinding => ({
  reports,
  code: {
    coding: [
      {
        system: 'http://hl7.org/fhir/sid/icd-10-cm',
        code: 'C90.20',
        display: 'Extramedullary plasmacytoma',
      },
    ],
  },
  sites: [
    {
      coding: [{ system: 'http://snomed.info/sct', code: '10200004', display: 'Liver structure' }],
    },
  ],
});
const report = (id: string, label: string | undefined, date: string | undefined) => ({
  reference: `DiagnosticReport/${id}`,
  label,
  date,
});
const viewIn = (locale: 'en' | 'zh-CN', finding: ReportedFinding) =>
  reportedView(
    finding,
    locale === 'en' ? en : zh,
    localNames(cards.conceptLabels, rules.terminology, locale),
  );

describe('a reported finding in the card’s words', () => {
  it('names a preliminary and a final report that read the same once', () => {
    const view = viewIn(
      'en',
      liverPlasmacytoma([
        report('prelim', 'PET/CT report', '2026-10-12T09:30:00Z'),
        report('final', 'PET/CT report', '2026-10-12T09:30:00Z'),
      ]),
    );
    expect(view).toEqual({
      finding: 'Extramedullary plasmacytoma',
      sites: 'Liver structure',
      hasSites: true,
      reports: [{ label: 'PET/CT report', date: '2026-10-12' }],
      label: 'PET/CT report',
      date: '2026-10-12',
      refutedOnly: false,
      citedNotAsFinding: false,
      citingNames: '',
    });
  });

  it('names reports that read differently each, in record order, an unnamed one in its language', () => {
    const finding = liverPlasmacytoma([
      report('ct', 'CT abdomen report', '2026-10-05'),
      report('pet', undefined, '2026-10-12'),
      report('undated', 'CT abdomen report', undefined),
    ]);
    expect(viewIn('en', finding).reports).toEqual([
      { label: 'CT abdomen report', date: '2026-10-05' },
      { label: 'imaging report', date: '2026-10-12' },
      { label: 'CT abdomen report', date: undefined },
    ]);
    expect(viewIn('zh-CN', finding).reports[1]).toEqual({
      label: '影像学报告',
      date: '2026-10-12',
    });
    expect(viewIn('zh-CN', finding).sites).toBe('肝');
  });

  it('still gives a detail written before `reports` a report to name: the first', () => {
    // The shipped English line of emd-reported-not-listed before H59.
    const before =
      '{{#reported}}\n- {{label}}{{#date}} ({{date}}){{/date}}: {{finding}}{{#hasSites}}, {{sites}}{{/hasSites}}\n{{/reported}}\n';
    const view = viewIn(
      'en',
      liverPlasmacytoma([
        report('ct', 'CT abdomen report', '2026-10-05'),
        report('pet', 'PET/CT report', '2026-10-12'),
      ]),
    );
    expect(Mustache.render(before, { reported: [view] }, {}, { escape: String })).toBe(
      '- CT abdomen report (2026-10-05): Extramedullary plasmacytoma, Liver structure\n',
    );
  });
});
