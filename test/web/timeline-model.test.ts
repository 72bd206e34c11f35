/**
 * The timeline app's pure parts (web/timeline/), in Node: the record → timeline model with the
 * service's src/rules/ code, site → body region, the axis layout, the FHIR queries and the
 * language choice. Example patients from fhir-resources/examples/; expectations from the
 * bundles and the rules page §3.3.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { buildPatientRecord, flattenResources } from '../../src/rules/patient-record.js';
import type { ValueSetRole } from '../../src/rules/value-set-roles.js';
import { lanesOf, timeScale } from '../../web/timeline/axis-layout.js';
import { BODY_REGIONS, placeMarks, regionOf } from '../../web/timeline/body-regions.js';
import { timelineQueries } from '../../web/timeline/fhir-queries.js';
import { pickLocale } from '../../web/timeline/i18n.js';
import { shortName } from '../../web/timeline/labels.js';
import { buildTimelineModel } from '../../web/timeline/timeline-model.js';
import { defaultSettings, readExampleBundle } from '../support/app.js';

const modelOf = (patientId: string) =>
  buildTimelineModel(
    buildPatientRecord(patientId, flattenResources([readExampleBundle(patientId)])),
    defaultSettings.rules,
  );

describe('the timeline model', () => {
  it('gives leptomeningeal-with-cns its two findings by class and site, the MRI that found them, and the myeloma events', () => {
    const model = modelOf('leptomeningeal-with-cns');
    expect(model.patientName).toBe('Daniel Cohen');
    expect(model.phase).toBe('relapsed');
    expect(
      model.findings.map((f) => [f.findingClass, f.sites.map((s) => [s.label, s.region])]),
    ).toEqual([
      [
        'leptomeningeal',
        [
          ['Meninges structure', 'meninges'],
          ['Cerebrospinal fluid', 'cranialCsf'],
        ],
      ],
      ['cns', [['Brain structure', 'brain']]],
    ]);
    expect(model.studies).toEqual([
      {
        reference: 'ImagingStudy/leptomeningeal-with-cns-mr1',
        label: 'MRI brain with and without gadolinium',
        date: '2026-10-05T13:15:00Z',
        findingIds: [
          'Condition/leptomeningeal-with-cns-pc1',
          'Condition/leptomeningeal-with-cns-pc2',
        ],
      },
    ]);
    // clinicalStatus relapse: diagnosed at onset, the relapse dated by its recordedDate.
    expect(model.myelomaEvents.map((e) => [e.kind, e.date])).toEqual([
      ['diagnosis', '2025-02-12'],
      ['relapse', '2025-02-19'],
    ]);
    expect(model.range).toEqual({
      start: Date.parse('2025-02-12'),
      end: Date.parse('2026-10-05T13:15:00Z'),
    });
  });

  it('leaves out refuted and entered-in-error findings but keeps their imaging', () => {
    for (const patient of ['refuted-plasmacytoma', 'entered-in-error-cns']) {
      const model = modelOf(patient);
      expect(model.findings, patient).toEqual([]);
      expect(model.studies, patient).toHaveLength(1);
    }
  });

  it('marks history, uncertain and text-only findings as such', () => {
    expect(
      modelOf('mixed-history-and-active').findings.map((f) => [f.findingClass, f.status]),
    ).toEqual([
      ['emd', 'history'],
      ['paraskeletal', 'active'],
    ]);
    expect(modelOf('unconfirmed-leptomeningeal').findings.map((f) => f.isUncertain)).toEqual([
      true,
    ]);
    const [textOnly] = modelOf('text-only-plasmacytoma').findings;
    expect(textOnly).toMatchObject({
      findingClass: undefined,
      isTextOnly: true,
      date: '2026-09-10',
      sites: [{ label: 'Liver structure', region: undefined }],
    });
  });

  it('keeps a paraskeletal lesion paraskeletal even with a dural site (rules page §3.3 order)', () => {
    const [finding] = modelOf('paraskeletal-epidural-extension').findings;
    expect(finding?.findingClass).toBe('paraskeletal');
    expect(finding?.sites.map((s) => s.region)).toEqual(['thoracicSpine', 'dura']);
  });
});

describe('site → body region', () => {
  it('places every site code of the shipped site value sets on the map', () => {
    const roles: ValueSetRole[] = [
      'siteSoftTissueOrgan',
      'siteCns',
      'siteLeptomeningeal',
      'siteBone',
    ];
    const { terminology } = defaultSettings.rules;
    for (const role of roles) {
      const concepts = terminology.conceptsOf(role);
      expect(concepts.length, role).toBeGreaterThan(0);
      for (const concept of concepts)
        expect(
          regionOf(terminology.keyOf(concept) ?? ''),
          `${role} ${concept.code ?? ''}`,
        ).toBeDefined();
    }
  });

  it('has no place for a site it does not know, so the app lists it beside the map', () => {
    for (const key of ['http://snomed.info/sct|00000000', 'left 6th rib', ''])
      expect(regionOf(key)).toBeUndefined();
  });

  it('spreads marks sharing a region so none hides another', () => {
    const placed = placeMarks([
      { item: 'a', region: 'liver' },
      { item: 'b', region: 'liver' },
      { item: 'c', region: 'brain' },
    ]);
    expect(placed.map((p) => [p.item, p.x, p.y])).toEqual([
      ['a', BODY_REGIONS.liver.x - 6, BODY_REGIONS.liver.y],
      ['b', BODY_REGIONS.liver.x + 6, BODY_REGIONS.liver.y],
      ['c', BODY_REGIONS.brain.x, BODY_REGIONS.brain.y],
    ]);
  });
});

describe('the time axis layout', () => {
  it('has a lane for myeloma, one per class present in precedence order, then imaging', () => {
    expect(lanesOf(modelOf('emd-and-cns'))).toEqual([
      { kind: 'myeloma' },
      { kind: 'finding', mark: 'cns' },
      { kind: 'finding', mark: 'emd' },
      { kind: 'imaging' },
    ]);
    expect(lanesOf(modelOf('text-only-plasmacytoma'))[1]).toEqual({
      kind: 'finding',
      mark: 'textOnly',
    });
  });

  it('puts every date of the range inside the axis, in order, with month ticks', () => {
    const range = { start: Date.parse('2025-01-08'), end: Date.parse('2026-07-22') };
    const scale = timeScale(range, 100, 700);
    const [first, last] = [scale.x('2025-01-08'), scale.x('2026-07-22')];
    expect(first).toBeGreaterThan(100);
    expect(last).toBeLessThan(700);
    expect(first).toBeLessThan(last ?? 0);
    expect(scale.x(undefined)).toBeUndefined();
    expect(scale.x('not a date')).toBeUndefined();
    expect(scale.ticks.length).toBeGreaterThan(3);
    for (const tick of scale.ticks) expect(new Date(tick).getUTCDate()).toBe(1);
    expect([...scale.ticks].sort((a, b) => a - b)).toEqual(scale.ticks);
  });

  it('keeps month ticks far enough apart that their dates never overlap', () => {
    // A date label at 14px is under 120 units wide and centred on its tick (time-axis.ts).
    for (let months = 0; months <= 48; months += 1) {
      for (const day of ['2025-01-01', '2025-01-17', '2025-02-28']) {
        const start = Date.parse(day);
        const end = start + months * 30.44 * 86_400_000;
        const scale = timeScale({ start, end }, 130, 770);
        const xs = scale.ticks.map((tick) => scale.x(new Date(tick).toISOString()) ?? Number.NaN);
        expect(xs.length, `${String(months)} months from ${day}`).toBeGreaterThanOrEqual(
          months >= 6 ? 2 : 1,
        );
        for (let i = 1; i < xs.length; i += 1)
          expect(
            (xs[i] ?? 0) - (xs[i - 1] ?? 0),
            `${String(months)} months from ${day}`,
          ).toBeGreaterThanOrEqual(120);
      }
    }
  });

  it('gives a single date a range of its own', () => {
    const at = Date.parse('2026-03-01');
    const scale = timeScale({ start: at, end: at }, 0, 100);
    expect(scale.x('2026-03-01')).toBeCloseTo(50);
  });
});

describe('the FHIR queries', () => {
  it('are the emd-patient-view prefetch templates, so the app reads what the service judged', () => {
    const service = JSON.parse(
      readFileSync(join(PROJECT_ROOT, 'cds-hooks', 'services', 'emd-patient-view.json'), 'utf8'),
    ) as { prefetch: Record<string, string> };
    const filled = Object.fromEntries(
      Object.entries(service.prefetch).map(([key, template]) => [
        key,
        template.replace('{{context.patientId}}', 'p-1'),
      ]),
    );
    const queries: Record<string, string> = { ...timelineQueries('p-1') };
    expect(
      Object.fromEntries(
        Object.entries(queries).map(([key, query]) => [key, decodeURIComponent(query)]),
      ),
    ).toEqual(filled);
    // RFC 3986 §3.4: nothing a query may not hold raw (a `|` is refused by Tomcat-based servers).
    for (const query of Object.values(queries))
      expect(query).toMatch(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/);
    expect(queries.imagingReports).toBe(
      'DiagnosticReport?patient=p-1&category=http://terminology.hl7.org/CodeSystem/v2-0074%7CRAD,http://loinc.org%7CLP29684-5',
    );
  });
});

describe('the language', () => {
  it('is Simplified Chinese for any Chinese preference and English otherwise', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-Hans', 'zh-SG']) expect(pickLocale([tag])).toBe('zh-CN');
    for (const preferences of [['en-GB'], ['fr-FR'], [], ['de', 'zh-CN']])
      expect(pickLocale(preferences), preferences.join()).toBe(
        preferences.includes('zh-CN') ? 'zh-CN' : 'en',
      );
    expect(pickLocale(['en-US', 'zh-CN'])).toBe('en');
  });

  it('shortens class names for lane labels in both languages', () => {
    expect(shortName('CNS (parenchymal or dural)')).toBe('CNS');
    expect(shortName('中枢神经系统（CNS，脑/脊髓实质或硬膜）')).toBe('中枢神经系统');
    expect(shortName('leptomeningeal')).toBe('leptomeningeal');
  });
});
