/**
 * Every lane's labels laid out in rows (web/timeline/label-rows.ts `layOutLane`), as the
 * imaging lane's were: three findings of one class two days apart once wrote their sites over
 * each other, their labels alternating above and below the mark by index (H50's residual
 * risk); and labels too wide for the room beside their marks kept inside the drawing, moved or
 * shortened. The patient is test/support/timeline-findings.ts. Every row, side, x and height
 * below is worked out by hand from the rules (first row at least 6 units clear of every label
 * before it; a row past the second adds 17 units; 0.7 em a Latin character and 1 em an
 * ideograph at 14 units; labels between 130 and 796), not taken from the code.
 */
import { describe, expect, it } from 'vitest';
import { timelineSettingsDocument } from '../../src/http/timeline-app.js';
import { buildPatientRecord, flattenResources } from '../../src/rules/patient-record.js';
import { AXIS, fitLaneName, timeScale } from '../../web/timeline/axis-layout.js';
import { placeEvents, placeFindings } from '../../web/timeline/finding-lane.js';
import { layOutLane, layOutMarks, sideOf } from '../../web/timeline/label-rows.js';
import { fitText } from '../../web/timeline/label-text.js';
import { labelsFor } from '../../web/timeline/labels.js';
import { buildTimelineModel } from '../../web/timeline/timeline-model.js';
import { compileTimelineSettings } from '../../web/timeline/timeline-settings.js';
import { defaultSettings } from '../support/app.js';
import { FINDINGS_PATIENT, findingsDaysApartBundle } from '../support/timeline-findings.js';

const served = compileTimelineSettings(
  JSON.parse(JSON.stringify(timelineSettingsDocument(defaultSettings))),
);
const model = buildTimelineModel(
  buildPatientRecord(FINDINGS_PATIENT, flattenResources([findingsDaysApartBundle()])),
  served.rules,
);

describe('a lane’s labels in rows', () => {
  it('puts three labels of marks 2 days apart on a one-year axis in three rows, the lane 17 units taller', () => {
    // A year's axis: 640 units over 365 + 2 × 30 days of padding, so 2 days ≈ 3 units.
    // 'Liver structure' 15 × 9.8 = 147, 'Kidney structure' 156.8, 'Skin structure' 137.2, all
    // rightward (x < 130 + 0.66 × 640 = 552.4), each written from x + 12: 412–559, 415–571.8,
    // 418–555.2.
    expect(
      layOutLane(
        [
          { x: 400, width: 147, gap: 12 },
          { x: 403, width: 156.8, gap: 12 },
          { x: 406, width: 137.2, gap: 12 },
        ],
        AXIS,
      ),
    ).toEqual({
      placed: [
        { row: 0, leftward: false, textX: 412, anchor: 'start', moved: false },
        { row: 1, leftward: false, textX: 415, anchor: 'start', moved: false },
        { row: 2, leftward: false, textX: 418, anchor: 'start', moved: false },
      ],
      extra: 17,
    });
  });

  it('writes a label on the other side of its mark when it would run off the drawing, else on the roomier side', () => {
    // 500 + 12 + 350 = 862 > 800; 500 − 12 − 350 = 138 ≥ 130: leftward.
    expect(sideOf({ x: 500, width: 350, gap: 12 }, AXIS)).toBe(true);
    // 300 + 12 + 400 = 712 ≤ 800: rightward, as before.
    expect(sideOf({ x: 300, width: 400, gap: 12 }, AXIS)).toBe(false);
    // Right third, 600 − 12 − 100 = 488 ≥ 130: leftward, as before.
    expect(sideOf({ x: 600, width: 100, gap: 12 }, AXIS)).toBe(true);
    // Fits neither side (88 < 130, 912 > 800): 370 units on the left, 300 on the right.
    expect(sideOf({ x: 500, width: 400, gap: 12 }, AXIS)).toBe(true);
    expect(sideOf({ x: 420, width: 400, gap: 12 }, AXIS)).toBe(false);
  });
});

describe('labels that would run off the drawing', () => {
  // Labels may go from 130 (the lanes' names are left of it) to 796 (4 inside the edge): 666.
  const ideographs = (n: number) => '软'.repeat(n);

  it('ends a label at the right edge when it fits on neither side of its mark, and starts one where the marks do', () => {
    // 44 ideographs, 616, at x 222: 222 − 12 − 616 < 130 and 222 + 12 + 616 = 850 > 796; more
    // room on the right (578 against 92), so rightward, ending at 796 (180–796). 47 em, 658, at
    // x 703: 33–691 leftward, the roomier side, so it starts at 130 instead (130–788), and it
    // meets the first: row 1. Both are moved from beside their marks (they then get a leader).
    expect(
      layOutLane(
        [
          { x: 222, width: 616, gap: 12 },
          { x: 703, width: 658, gap: 12 },
        ],
        AXIS,
      ),
    ).toEqual({
      placed: [
        { row: 0, leftward: false, textX: 796, anchor: 'end', moved: true },
        { row: 1, leftward: true, textX: 130, anchor: 'start', moved: true },
      ],
      extra: 0,
    });
  });

  it('gives a label moved from its mark the row nearest it, so its leader line crosses no other label', () => {
    // In date order: 'x 395' 407–557 and 'x 400' 412–562, rightward, beside their marks. The
    // third, 660 wide at x 410: 410 − 12 − 660 < 130 and 410 + 12 + 660 = 1082 > 796; more room
    // on the right (390 against 280), so rightward, ending at 796: 136–796, moved. Placed first,
    // it takes row 0 (above the marks: its leader runs down to its mark through no row); the
    // other two follow in rows 1 and 2, the lane 17 taller. In date order it would have taken
    // row 2, its leader at 410 crossing row 1's 407–557.
    expect(
      layOutLane(
        [
          { x: 395, width: 150, gap: 12 },
          { x: 400, width: 150, gap: 12 },
          { x: 410, width: 660, gap: 12 },
        ],
        AXIS,
      ),
    ).toEqual({
      placed: [
        { row: 1, leftward: false, textX: 407, anchor: 'start', moved: false },
        { row: 2, leftward: false, textX: 412, anchor: 'start', moved: false },
        { row: 0, leftward: false, textX: 796, anchor: 'end', moved: true },
      ],
      extra: 17,
    });
  });

  it('shortens a label wider than the room with an ellipsis, counted a full em, after no space', () => {
    expect(fitText('CT abdomen', 666)).toEqual({
      text: 'CT abdomen',
      width: expect.closeTo(94.78) as number,
    });
    // 14 for the ellipsis and 14 an ideograph: 46 of 52 fit in 666 (14 + 46 × 14 = 658).
    expect(fitText(ideographs(52), 666)).toEqual({ text: `${ideographs(46)}…`, width: 658 });
    // 9.1 a middle character (L v e s u c), 5.88 a narrow one (i r t and the space): "Liver
    // struc" is 84 after the ellipsis's 14, "Liver str" 65.8, "Liver " 44.94, its space dropped.
    expect(fitText('Liver structure, Kidney structure', 100)).toEqual({
      text: 'Liver struc…',
      width: expect.closeTo(98) as number,
    });
    expect(fitText('Liver structure, Kidney structure', 80).text).toBe('Liver str…');
    expect(fitText('Liver structure, Kidney structure', 60)).toEqual({
      text: 'Liver…',
      width: expect.closeTo(58.94) as number,
    });
  });

  it('writes a shortened label where its shortened width fits, keeping the whole text', () => {
    // 52 ideographs at x 703 become 46 and the ellipsis, 658 wide: as the second label above.
    expect(layOutMarks([{ x: 703 }], () => ({ text: ideographs(52), gap: 12 }), AXIS)).toEqual({
      placed: [
        {
          x: 703,
          row: 0,
          leftward: true,
          textX: 130,
          anchor: 'start',
          moved: true,
          text: `${ideographs(46)}…`,
          whole: ideographs(52),
        },
      ],
      extra: 0,
    });
  });
});

describe('the findings and myeloma events of a patient, laid out', () => {
  const scale = timeScale(model.range ?? { start: 0, end: 0 }, AXIS.left, AXIS.right);
  for (const locale of ['en', 'zh-CN'] as const) {
    const labels = labelsFor(locale, served);

    it(`gives three plasmacytomas of one class 2 days apart three rows, written leftward (${locale})`, () => {
      // Axis 10 Jan–16 Sep 2026 (249 days) + 30 days each side: 2 days ≈ 4.1 units; 12 Sep is
      // at 130 + 275/309 × 640 ≈ 699.6, in the right third. Widths: 147, 156.8, 137.2 (en);
      // 肝 14, 肾 14, 皮肤 28 (zh-CN): each meets the one before it, and the third both.
      const lanes = placeFindings(model.findings, (iso) => scale.x(iso), labels);
      expect([...lanes.keys()]).toEqual(['emd']);
      const emd = lanes.get('emd');
      expect(emd?.placed.map((p) => [p.finding.id.split('-').at(-1), p.row, p.leftward])).toEqual([
        ['liver', 0, true],
        ['kidney', 1, true],
        ['skin', 2, true],
      ]);
      expect(emd?.extra).toBe(17);
    });

    it(`gives the diagnosis and the relapse recorded 4 days later two rows, the lane no taller (${locale})`, () => {
      // 10 Jan at 130 + 30/309 × 640 ≈ 192.1, 14 Jan ≈ 200.4, both rightward: 'myeloma
      // diagnosed' (166.6) from 198.1 meets 'relapse recorded' from 206.4; 骨髓瘤确诊 (70) from
      // 198.1 to 268.1 meets 记录复发 from 206.4.
      const events = placeEvents(model.myelomaEvents, (iso) => scale.x(iso), labels);
      expect(events.placed.map((p) => [p.event.kind, p.row, p.leftward])).toEqual([
        ['diagnosis', 0, false],
        ['relapse', 1, false],
      ]);
      expect(events.extra).toBe(0);
    });
  }
});

describe('lane names', () => {
  // Room: from 8 to 2 short of the earliest mark's edge: 130 + 640 / 22 − 10 − 2 − 8 = 139.09.
  // Bold counts: narrow 0.5 em, middle 0.74, capitals 0.88, the rest 1.11, ideographs 1.
  it('writes the shipped names whole, in English and Chinese', () => {
    // leptomeningeal: l t i l 4 × 7, e p o e n n g e a 9 × 10.36, m 15.54: 136.78 ≤ 139.09.
    // The class labels' short names (before any parenthesis) and the two fixed lanes.
    const shipped = [
      ...['Myeloma', 'Imaging', 'leptomeningeal', 'paraskeletal', 'CNS', 'true EMD'],
      ...[
        'not classified',
        '骨髓瘤',
        '影像检查',
        '软脑膜',
        '骨旁',
        '中枢神经系统',
        '真正的 EMD',
        '未分类',
      ],
    ];
    for (const name of shipped)
      expect(fitLaneName(name), name).toEqual({ text: name, whole: undefined });
  });

  it('shortens a site’s long class name to its room, keeping the whole name', () => {
    // The ellipsis 14, then P a 10.36, r 7, a s k e 10.36, l 7, e 10.36, t 7, a 10.36, l 7,
    // the space 7: 131.88; the next p would make 142.24. The space before the ellipsis goes.
    expect(fitLaneName('Paraskeletal plasmacytoma')).toEqual({
      text: 'Paraskeletal…',
      whole: 'Paraskeletal plasmacytoma',
    });
    // 14 + 8 × 14 = 126; a ninth ideograph would make 140.
    expect(fitLaneName('真性髓外病变软组织肿块')).toEqual({
      text: '真性髓外病变软组…',
      whole: '真性髓外病变软组织肿块',
    });
  });
});
