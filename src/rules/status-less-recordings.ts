/**
 * A finding's recordings with no clinicalStatus, beside a recording of the same finding whose
 * own status makes it history (H94). Rules page §2 reads an absent clinicalStatus as active, and
 * FHIR R4 requires one only on problem-list items (con-3): encounter diagnoses, as Epic exports
 * them, often carry none. An absent status is a default, not a statement, so where a recording
 * of the same finding states history, a status-less recording dated on or before its
 * resolution is read as that history: no card of its own (§6), shown as history. It is never
 * read so when that could hide a lesion recorded after the resolution: dated after it, undated,
 * or under another code, it stays active, and the trace says why.
 */
import { describeUndatableOnset, undatableOnsetOf } from './condition-onset.js';
import { isUnreadableMark } from './lenient-readings.js';
import { findingKey } from './duplicate-findings.js';
import type { FindingStatus } from './finding-status.js';
import type { Finding } from './finding.js';
import { historyWords } from './history-words.js';
import { instantRange } from './time.js';
import type { TraceLine } from './types.js';

/** How a finding's trace line begins when it is active (./collect-findings.ts). */
export const ACTIVE_FINDING = 'active finding';

/** One finding Condition as ./collect-findings.ts read it. */
export interface Recording {
  finding: Finding;
  condition: fhir4.Condition;
  reference: string;
  status: FindingStatus;
  /** Where its line is in the trace. */
  line: number;
}

/** What H94 made of a status-less recording that has history of its finding beside it. */
interface StatusLessReading {
  /** The recording's index in the list read. */
  index: number;
  /** Read as its finding's history: no card of its own. Otherwise it stays active. */
  asHistory: boolean;
  /** Why, for its trace line. */
  because: string;
}

/**
 * The clinicalStatus is absent, or holds nothing (condition-status.ts): §2's default made it
 * active. Present and unreadable, or given in words, is something the record said.
 */
export function hasNoClinicalStatus(status: FindingStatus): boolean {
  return (
    !status.isHistory &&
    status.certainty !== 'excluded' &&
    status.clinicalCode === undefined &&
    !status.unreadable.includes('clinicalStatus')
  );
}

/** A history recording, and the latest instant its resolution surely does not precede. */
interface Anchor {
  reference: string;
  /** Its status and abatement in words (`clinicalStatus resolved, abatementDateTime …`). */
  words: string;
  /** UTC ms; undefined when nothing in it dates the resolution. */
  boundMs: number | undefined;
  /** What gave the bound, for the trace (`that abatement date`). */
  boundFrom: string;
}

/**
 * The status-less active recordings that have history of their finding (rules page §2
 * "Duplicates": same class and sites) under one of their codes beside them: each read as that
 * history (its finding made history, in place) or kept active, its trace line saying which and
 * why. Grouped once and walked once per group, with the history kept by code: linear in the
 * recordings and their codes, however many there are (issue #19).
 */
export function readStatusLessRecordings(recordings: Recording[], trace: TraceLine[]): void {
  const groups = new Map<string, number[]>();
  for (let index = 0; index < recordings.length; index += 1) {
    const { finding, status } = recordings[index] as Recording;
    if (!finding.isHistory && !hasNoClinicalStatus(status)) continue;
    const key = findingKey(finding);
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  }
  const readings: StatusLessReading[] = [];
  for (const group of groups.values()) readGroup(recordings, group, readings);
  for (const { index, asHistory, because } of readings) {
    const recording = recordings[index] as Recording;
    const line = trace[recording.line];
    if (asHistory) recording.finding = { ...recording.finding, isHistory: true };
    if (line)
      trace[recording.line] = {
        ...line,
        message: asHistory
          ? `history finding (${because})${line.message.slice(ACTIVE_FINDING.length)}`
          : `${line.message}; ${because}`,
      };
  }
}

function readGroup(
  recordings: readonly Recording[],
  group: readonly number[],
  readings: StatusLessReading[],
): void {
  // The finding's history by code: the same code in either spelling (terminology keys), so a
  // C90.30 recording is not read as the history of a C90.20 one at the same site.
  let byCode: Map<string, Anchor> | undefined;
  let any: Anchor | undefined;
  for (const index of group) {
    const recording = recordings[index] as Recording;
    if (!recording.finding.isHistory) continue;
    const anchor = anchorOf(recording);
    any = any && !isLater(anchor, any) ? any : anchor;
    byCode ??= new Map();
    for (const key of recording.finding.codeKeys) {
      const held = byCode.get(key);
      if (!held || isLater(anchor, held)) byCode.set(key, anchor);
    }
  }
  if (!byCode || !any) return;
  for (const index of group) {
    const recording = recordings[index] as Recording;
    if (recording.finding.isHistory) continue;
    let anchor: Anchor | undefined;
    for (const key of recording.finding.codeKeys) {
      const held = byCode.get(key);
      if (held && (!anchor || isLater(held, anchor))) anchor = held;
    }
    readings.push(
      anchor
        ? readAgainst(index, recording, anchor)
        : {
            index,
            asHistory: false,
            because: `no clinicalStatus; ${any.reference} records this class and site as history (${any.words}), but under another code: not read as that history, active (H94)`,
          },
    );
  }
}

/** The anchor whose resolution is surely later; one with a date beats one without. */
const isLater = (a: Anchor, b: Anchor): boolean =>
  a.boundMs !== undefined && (b.boundMs === undefined || a.boundMs > b.boundMs);

function readAgainst(index: number, recording: Recording, anchor: Anchor): StatusLessReading {
  const history = `${anchor.reference} records the same finding as history (${anchor.words})`;
  const kept = (why: string): StatusLessReading => ({
    index,
    asHistory: false,
    because: `no clinicalStatus; ${history}, but ${why} (H94)`,
  });
  if (anchor.boundMs === undefined)
    return kept(
      'gives neither an abatement date nor an onset, so nothing dates its resolution: not compared, active',
    );
  const dated = latestDateOf(recording);
  if ('why' in dated)
    return kept(`${dated.why}, so it cannot be compared with ${anchor.boundFrom}: active`);
  if (dated.lastMs > anchor.boundMs)
    return kept(`its ${dated.named} is after ${anchor.boundFrom}: a new episode, active`);
  return {
    index,
    asHistory: true,
    because: `no clinicalStatus; read as the history ${anchor.reference} records for the same finding (${anchor.words}): its ${dated.named} is on or before ${anchor.boundFrom} (H94)`,
  };
}

/**
 * The latest its recording may be: its onset and its recordedDate, each the last instant it
 * may mean (a year is every day in it). Both, where both are given: an old onset recorded at an
 * encounter after the resolution is a lesion recorded after it, and is not hidden.
 */
function latestDateOf({
  condition,
  reference,
}: Recording): { lastMs: number; named: string } | { why: string } {
  const form = undatableOnsetOf(condition);
  if (form !== undefined) return { why: describeUndatableOnset(reference, form) };
  // A recordedDate the feed sent that could not be read (H102) is a date not known to be on or
  // before the resolution: never read as history on its onset alone.
  if (isUnreadableMark(condition._recordedDate))
    return { why: 'its recordedDate cannot be read as a date' };
  const dates: [string, unknown][] = [
    condition.onsetDateTime !== undefined
      ? ['onsetDateTime', condition.onsetDateTime]
      : ['onsetPeriod start', condition.onsetPeriod?.start],
    ['recordedDate', condition.recordedDate],
  ];
  let latest: { lastMs: number; named: string } | undefined;
  for (const [element, value] of dates) {
    if (value === undefined || value === null) continue;
    const range = typeof value === 'string' ? instantRange(value) : undefined;
    if (typeof value !== 'string' || !range)
      return { why: `its ${element} cannot be read as a date` };
    if (!latest || range.last > latest.lastMs)
      latest = { lastMs: range.last, named: `${element} ${value}` };
  }
  return latest ?? { why: 'it has no onset and no recordedDate' };
}

/**
 * The latest instant the resolution surely does not precede: the first the abatement date may
 * mean (a period's end, else its start, as the estimate of when it resolved); with no abatement
 * date, the first its onset may mean, since a Condition resolves after it begins. Never its
 * recordedDate: a record entered after the fact, already resolved (a migration), is recorded
 * after its resolution, and a lesion recorded between the two would be hidden.
 */
function anchorOf({ condition, reference, status }: Recording): Anchor {
  const words = historyWords(condition, status);
  const period = condition.abatementPeriod;
  // The trace line names the abatement's dates already (historyWords): here, which of them.
  // Only an abatement read as one (./abatement.ts): a future date (9999-12-31, the open end
  // exports write), a "no date" placeholder or an "ongoing" says nothing of when it resolved.
  const abatement =
    status.abatement === undefined
      ? undefined
      : firstDated([
          ['that abatement date', condition.abatementDateTime],
          ['the end of that abatementPeriod', period?.end],
          [
            isUnreadableMark(period?._end)
              ? 'the start of that abatementPeriod (its end is not a date)'
              : 'the start of that abatementPeriod (it has no end)',
            period?.start,
          ],
        ]);
  if (abatement) return { reference, words, boundMs: abatement.first, boundFrom: abatement.name };
  const onset = firstDated([
    ['onsetDateTime', condition.onsetDateTime],
    ['onsetPeriod start', condition.onsetPeriod?.start],
  ]);
  return {
    reference,
    words,
    boundMs: onset?.first,
    boundFrom: `${reference}'s ${onset?.name ?? 'onset'} ${onset?.value ?? ''} (it gives no abatement date, and a Condition resolves after it begins)`,
  };
}

/**
 * The first of `dates` that reads as a date, with its name and its text. Read as untyped: a
 * JSON null, which exports that write every choice element carry, is no date (H69).
 */
function firstDated(
  dates: readonly [string, unknown][],
): { first: number; name: string; value: string } | undefined {
  for (const [name, value] of dates) {
    if (typeof value !== 'string') continue;
    const range = instantRange(value);
    if (range) return { first: range.first, name, value };
  }
  return undefined;
}
