/**
 * The explain trace lines for imaging a card's work-up passed over because it is undated
 * (rules page §3.4: only `available` studies count, "dated by `started`"). A study with no
 * `started`, though a series of it carries one (DICOM-fed feeds often date the series only),
 * is not counted as recent, so the card proposes a PET/CT or MRI that may already have been
 * done. Kept not counted by the page's letter; named, so the trace does not hide it. So is a
 * recent study none of whose codes a value set holds (./unread-study-line.ts), or that is read
 * by its modality alone (./modality-only-line.ts), or is of the region by a modality that
 * does not count there (./other-modality-line.ts). The lines are
 * read only for an outcome that proposes imaging, never on every call.
 */
import { isDated } from './imaging-coverage.js';
import type { PatientFacts } from './patient-facts.js';
import type { RuleOutcome } from './rule-outcome.js';
import { earliest } from './time.js';
import { unreadStudyLines } from './unread-study-line.js';
import { modalityOnlyLines } from './modality-only-line.js';
import { otherModalityLines } from './other-modality-line.js';
import type { Terminology } from './terminology.js';

/**
 * The outcome, with a line for each undated study that would have covered what it proposes,
 * and for each recent study whose codes are in no value set.
 */
export function withUndatedImaging(
  outcome: RuleOutcome,
  facts: PatientFacts,
  terminology: Terminology,
): RuleOutcome {
  const { wholeBodyImaging, neuraxisMri } = outcome.workup;
  const lines = [
    ...undatedImagingLines(outcome.workup, facts),
    ...unreadStudyLines(
      facts.imaging.unread,
      { wholeBody: wholeBodyImaging, neuraxis: neuraxisMri },
      terminology,
    ),
    // H146: and each recent study read by its modality alone (an MR coded only in CPT).
    ...modalityOnlyLines(
      facts.imaging.modalityOnly,
      { wholeBody: wholeBodyImaging, neuraxis: neuraxisMri },
      terminology,
    ),
    // H154: and each recent study of the region by a modality that does not count there.
    ...otherModalityLines(facts.imaging.otherModality(), {
      wholeBody: wholeBodyImaging,
      neuraxis: neuraxisMri,
    }),
  ];
  return lines.length === 0 ? outcome : { ...outcome, explain: [...outcome.explain, ...lines] };
}

function undatedImagingLines(workup: RuleOutcome['workup'], facts: PatientFacts): string[] {
  const { wholeBodyImaging, neuraxisMri } = workup;
  if (!wholeBodyImaging && !neuraxisMri) return [];
  const lines: string[] = [];
  for (const { reference, study, wholeBody, brain, spine } of facts.imaging.undated) {
    const would: string[] = [];
    if (wholeBodyImaging && wholeBody) would.push('whole-body imaging');
    if (neuraxisMri && brain) would.push('MRI of the brain');
    if (neuraxisMri && spine) would.push('MRI of the spine');
    if (would.length === 0) continue;
    const seriesStart = (study.series ?? []).reduce<string | undefined>(
      (first, series) => (isDated(series.started) ? earliest(first, series.started) : first),
      undefined,
    );
    const series =
      seriesStart === undefined
        ? ''
        : `; a series of it started ${seriesStart}, so it may be recent: check before ordering`;
    lines.push(
      `${reference} not counted as recent ${would.join(' or ')}: it is available but has no started, and imaging is dated by the study's started (rules page §3.4)${series}`,
    );
  }
  return lines;
}
