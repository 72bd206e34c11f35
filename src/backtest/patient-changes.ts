/**
 * With --compare, which patients' cards differ between the two runs, and how: a rule's card
 * gained, lost, or at another level (a patient counts once per rule, at the highest indicator
 * of its cards, as the tally counts). The counts per rule say how many; this says who, so an
 * analyst can dry-run a few (`evaluate --explain`) before go-live. Patients are named as the
 * rest of the report names them: by pseudonymous key, by id only with --show-ids.
 */
import { INDICATORS, type Indicator } from '../rules/types.js';
import type { PatientCard } from './evaluate-patient.js';

export type CardChangeKind = 'gained' | 'lost' | 'level';

/** One rule's card for one patient, before → now; a level is absent where a run had none. */
export interface CardChange {
  ruleId: string;
  change: CardChangeKind;
  before?: Indicator;
  now?: Indicator;
}

export interface PatientChange {
  key: string;
  changes: CardChange[];
}

/** A changed patient as reported: by key, or by id with --show-ids, as elsewhere. */
export interface ChangedPatient {
  patientKey?: string;
  patientId?: string;
  changes: CardChange[];
}

export interface ChangedPatientsReport {
  /** Patients with at least one change. */
  patients: number;
  /** Patient-rule pairs: a card gained, lost, or at another level. */
  gained: number;
  lost: number;
  levelChanged: number;
  /** False against an earlier --json report: it keeps no level per patient. */
  levelsCompared: boolean;
  /** The first LISTED_CHANGED_PATIENTS, gravest level first, then by key. */
  listed: ChangedPatient[];
  /** Set when the patients could not be compared at all (the runs name them differently). */
  notCompared?: string;
}

/** A report lists at most this many patients; the counts cover them all. */
export const LISTED_CHANGED_PATIENTS = 50;

/** Per rule, the highest indicator among a patient's cards. */
export function highestByRule(cards: readonly PatientCard[]): Map<string, Indicator> {
  const highest = new Map<string, Indicator>();
  for (const card of cards) {
    const before = highest.get(card.ruleId);
    if (!before || INDICATORS.indexOf(card.indicator) > INDICATORS.indexOf(before))
      highest.set(card.ruleId, card.indicator);
  }
  return highest;
}

/** One patient's changes from the compared run's cards to this run's, in rule order seen. */
export function changesOf(
  before: readonly PatientCard[],
  now: readonly PatientCard[],
): CardChange[] {
  const was = highestByRule(before);
  const is = highestByRule(now);
  const changes: CardChange[] = [];
  for (const ruleId of new Set([...is.keys(), ...was.keys()])) {
    const [b, n] = [was.get(ruleId), is.get(ruleId)];
    if (b === n) continue;
    if (b === undefined) changes.push({ ruleId, change: 'gained', now: n });
    else if (n === undefined) changes.push({ ruleId, change: 'lost', before: b });
    else changes.push({ ruleId, change: 'level', before: b, now: n });
  }
  return changes;
}

/** Every changed patient counted; the gravest listed first, so a lost critical card shows. */
export function reportChanges(
  changed: readonly PatientChange[],
  { showIds, levelsCompared }: { showIds: boolean; levelsCompared: boolean },
): ChangedPatientsReport {
  const pairs = changed.flatMap((p) => p.changes);
  const count = (kind: CardChangeKind) => pairs.filter((c) => c.change === kind).length;
  const gravest = (p: PatientChange) =>
    Math.max(
      -1,
      ...p.changes.flatMap((c) => [c.before, c.now]).map((i) => (i ? INDICATORS.indexOf(i) : -1)),
    );
  const listed = [...changed]
    .sort((a, b) => gravest(b) - gravest(a) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, LISTED_CHANGED_PATIENTS)
    .map(({ key, changes }): ChangedPatient =>
      showIds ? { patientId: key, changes } : { patientKey: key, changes },
    );
  return {
    patients: changed.length,
    gained: count('gained'),
    lost: count('lost'),
    levelChanged: count('level'),
    levelsCompared,
    listed,
  };
}

/** `emd-cns critical → warning`, `emd-soft-tissue gained (warning)`, `emd-cns lost`. */
export function changeWords(change: CardChange): string {
  const level = (i: Indicator | undefined) => (i ? ` (${i})` : '');
  if (change.change === 'gained') return `${change.ruleId} gained${level(change.now)}`;
  if (change.change === 'lost') return `${change.ruleId} lost${level(change.before)}`;
  return `${change.ruleId} ${change.before ?? '?'} → ${change.now ?? '?'}`;
}
