/**
 * What the time axis says in words beside, or instead of, its drawing: that the record holds no
 * finding, and which findings and studies it cannot place because the record gives them no
 * readable date. Such an item was left off the axis silently, and when nothing at all was dated
 * the axis said "no finding on the record" beside a table listing one (H72): an undated study
 * is shown nowhere else, and the cards still list an undated finding (H53).
 */
import { fhirTimeMs } from '../../src/rules/time.js';
import { findingName } from './finding-lane.js';
import { studyLabelText } from './imaging-lane.js';
import type { Labels } from './labels.js';
import type { TimelineModel } from './timeline-model.js';

export interface AxisNotes {
  /** The record holds no finding at all (not merely none with a date). */
  noFindings: boolean;
  /** The findings, then the studies, the axis cannot place, each by its full name. */
  undated: readonly string[];
}

const isUndated = (date: string | undefined) => !date || Number.isNaN(fhirTimeMs(date));

export function axisNotes(model: TimelineModel, labels: Labels): AxisNotes {
  return {
    noFindings: model.findings.length === 0,
    undated: [
      ...model.findings.filter((f) => isUndated(f.date)).map((f) => findingName(f, labels)),
      ...model.studies.filter((s) => isUndated(s.date)).map((s) => studyLabelText(s, labels)),
    ],
  };
}
