/**
 * What the time axis says of what it cannot place (H72). A finding whose onset cannot be dated
 * (H53: an onset given as text) still raises its card, dated "date unknown"; a study the record
 * gives no `started` is shown nowhere but the axis. The axis left both off silently, and when
 * nothing at all was dated it said "No plasmacytoma … finding on the record" beside a findings
 * table listing one. Resources typed by hand; the words expected are the English dictionary's
 * and the card wording's (config/wording/en.yaml `classLabels`).
 */
import { describe, expect, it } from 'vitest';
import { timelineSettingsDocument } from '../../src/http/timeline-app.js';
import { labelsFor } from '../../web/timeline/labels.js';
import { timeAxis } from '../../web/timeline/time-axis.js';
import { buildTimelineModel } from '../../web/timeline/timeline-model.js';
import { compileTimelineSettings } from '../../web/timeline/timeline-settings.js';
import { defaultSettings } from '../support/app.js';
import { templateText } from '../support/template-text.js';
import { imagingStudy, myeloma, plasmacytoma, recordOf, SITE, sct } from '../rules/fixtures.js';

const served = compileTimelineSettings(
  JSON.parse(JSON.stringify(timelineSettingsDocument(defaultSettings))),
);
const en = labelsFor('en', served);
const zh = labelsFor('zh-CN', served);
const axisText = (resources: fhir4.Resource[], labels = en) =>
  templateText(timeAxis(buildTimelineModel(recordOf(resources), served.rules), labels));

const NO_FINDING = 'No (non-refuted) plasmacytoma or CNS / leptomeningeal finding on the record.';
const UNDATED = 'Not on the time axis, as the record gives them no date: ';
const LIVER_UNDATED = 'true EMD (soft tissue / organ): Liver structure, date unknown, active';
const undatedLiver = plasmacytoma('pc', [SITE.liver], { extra: { onsetString: 'spring 2019' } });

describe('the time axis, when the record gives no date', () => {
  it('names an undated finding rather than saying there is none, when nothing is dated', () => {
    const text = axisText([myeloma('mm', { extra: { onsetString: '2019' } }), undatedLiver]);
    expect(text).not.toContain(NO_FINDING);
    expect(text).toContain(`${UNDATED}${LIVER_UNDATED}`);
  });

  it('names each finding and study it leaves off beside the ones it draws', () => {
    const text = axisText([
      myeloma('mm', { onset: '2026-06-01' }),
      undatedLiver,
      imagingStudy('pet1', { procedure: [sct('443271005')] }),
    ]);
    expect(text).toContain('<svg');
    expect(text).toContain(`${UNDATED}${LIVER_UNDATED}; PET/CT FDG whole body`);
  });

  it('says so in Simplified Chinese, the names set apart by a full-width semicolon', () => {
    const text = axisText(
      [myeloma('mm', { onset: '2026-06-01' }), undatedLiver, imagingStudy('pet1', {})],
      zh,
    );
    expect(text).toContain('记录中没有日期，未显示在时间轴上：');
    expect(text).toMatch(/日期不详，活动；/);
  });

  it('still says there is no finding when the record holds none', () => {
    expect(axisText([myeloma('mm', { extra: { onsetString: '2019' } })])).toContain(NO_FINDING);
    expect(axisText([myeloma('mm', { onset: '2026-06-01' })])).not.toContain(UNDATED);
  });
});
