/**
 * Rules page §3.2: one phase per patient. Relapsed wins; "diagnosis" needs an active
 * finding near the earliest myeloma onset; otherwise the phase is unknown and the cards
 * show both site lists rather than guess. The phase also says what it rests on (issue #13):
 * the Conditions that set it, and whether any of them is active and certain. A relapse that
 * rests only on history or only on uncertain Conditions may set the wording, never an alarm.
 */
import { describeUndatableOnset } from './condition-onset.js';
import type { Finding } from './finding.js';
import type { FindingsResult } from './collect-findings.js';
import type { MyelomaCondition, MyelomaFacts } from './myeloma.js';
import type { Phase } from './types.js';
import { DAY_MS, instantRange, type InstantRange } from './time.js';
import { distinctStatuses, type UncertainStatus } from './uncertain-status.js';

/** What the phase rests on: an active certain Condition, only uncertain ones, or only history. */
export type PhaseSupport = 'active' | 'uncertain' | 'history';

export interface PhaseFacts {
  phase: Phase;
  because: string;
  /** The Conditions that set the phase (card evidence when a card fires because of it). */
  basis: readonly string[];
  /** Set for `relapsed` and `diagnosis`: the best support among the records that set it. */
  support: PhaseSupport | undefined;
  /** When `support` is `uncertain`: the distinct statuses of the records it rests on. */
  uncertainBecause: readonly UncertainStatus[];
}

interface Source {
  support: PhaseSupport;
  references: readonly string[];
  because: string;
  /** What makes an `uncertain` source so; empty otherwise. */
  uncertainBecause: readonly UncertainStatus[];
}

const RANK: readonly PhaseSupport[] = ['active', 'uncertain', 'history'];

export function determinePhase(
  myeloma: MyelomaFacts,
  findings: FindingsResult,
  windowDays: number,
): PhaseFacts {
  const relapse = relapseSources(myeloma, findings);
  const best = RANK.find((support) => relapse.some((s) => s.support === support));
  if (best) {
    const chosen = relapse.filter((s) => s.support === best);
    return {
      phase: 'relapsed',
      because: chosen.map((s) => s.because).join('; '),
      basis: [...new Set(chosen.flatMap((s) => s.references))],
      support: best,
      uncertainBecause:
        best === 'uncertain' ? distinctStatuses(chosen.map((s) => s.uncertainBecause)) : [],
    };
  }
  // A myeloma onset given in a form that cannot be dated (an age, a text such as "2019") may be
  // the earliest: the earliest myeloma onset is then not known, and the other Conditions'
  // dates must not stand in for it. The phase never guesses (rules page §3.2).
  const undatable = myeloma.conditions.flatMap((c) =>
    c.undatableOnset ? [describeUndatableOnset(c.reference, c.undatableOnset)] : [],
  );
  if (undatable.length > 0)
    return unknown(
      `${undatable.join('; ')}: the earliest myeloma onset is not known, and nothing records a relapse`,
    );
  const onsets = myeloma.conditions
    .map((c) => instantRange(c.onset))
    .filter((range): range is InstantRange => range !== undefined);
  if (onsets.length === 0) return unknown('no myeloma Condition has an onset or recorded date');
  // The earliest onset is somewhere between the earliest first and the earliest last instant.
  const firstOnset: InstantRange = {
    first: Math.min(...onsets.map((r) => r.first)),
    last: Math.min(...onsets.map((r) => r.last)),
  };
  const near = findings.active.find((f) =>
    isSurelyWithin(instantRange(f.onset), firstOnset, windowDays * DAY_MS),
  );
  if (near) {
    return {
      phase: 'diagnosis',
      because: `a finding (${near.references.join(', ')}) began within ${windowDays} days of the myeloma diagnosis`,
      basis: near.references,
      support: near.isUncertain ? 'uncertain' : 'active',
      uncertainBecause: near.uncertainBecause,
    };
  }
  // A finding whose onset cannot be dated has no onset to be near (`onset` is undefined): say so.
  const undatableFindings = findings.active.flatMap((f) =>
    f.undatableOnsets.map((u) => describeUndatableOnset(u.reference, u.form)),
  );
  return unknown(
    `no active finding began within ${windowDays} days of the myeloma diagnosis, and nothing records a relapse${undatableFindings.length > 0 ? ` (${undatableFindings.join('; ')})` : ''}`,
  );
}

/**
 * Whether every instant the finding's onset may mean lies within the window of every
 * instant the myeloma onset may mean. A year-only or month-only date that leaves it open
 * does not make the phase "diagnosis": the phase never guesses (rules page §3.2).
 */
function isSurelyWithin(
  onset: InstantRange | undefined,
  myelomaOnset: InstantRange,
  windowMs: number,
): boolean {
  return (
    onset !== undefined &&
    onset.last - myelomaOnset.first <= windowMs &&
    myelomaOnset.last - onset.first <= windowMs
  );
}

function unknown(because: string): PhaseFacts {
  return { phase: 'unknown', because, basis: [], support: undefined, uncertainBecause: [] };
}

/** Every record that makes the patient relapsed (rules page §3.2), with what it rests on. */
function relapseSources(myeloma: MyelomaFacts, findings: FindingsResult): Source[] {
  const sources: Source[] = myeloma.conditions
    .filter((c) => c.isRelapse)
    .map((c) => ({
      support: supportOfMyeloma(c),
      uncertainBecause: c.uncertainBecause,
      references: [c.reference],
      because: `${c.reference} records myeloma in relapse${c.isHistory ? ' (history only: resolved, inactive, in remission or abated)' : ''}`,
    }));
  // The relapse value set also holds plasmacytoma codes (C90.22, C90.32, rules page §3.2), so
  // "any myeloma Condition … coded in the relapse value set or with clinicalStatus relapse or
  // recurrence" reads plasmacytoma Conditions too, for the status as for the code (H82).
  // Only active findings count: a resolved plasmacytoma must not raise a warning (§6).
  for (const finding of findings.active) {
    const why = finding.isRelapseCoded
      ? 'is coded as a plasmacytoma in relapse'
      : finding.hasRelapseStatus
        ? 'records a plasmacytoma with clinicalStatus relapse or recurrence'
        : undefined;
    if (why)
      sources.push({
        support: supportOfFinding([finding]),
        uncertainBecause: finding.uncertainBecause,
        references: finding.references,
        because: `${finding.references.join(', ')} ${why}`,
      });
  }
  const active = findings.active;
  if (
    active.length > 0 &&
    myeloma.conditions.length > 0 &&
    myeloma.conditions.every((c) => c.isRemission)
  )
    sources.push({
      // The new finding is what shows the relapse; the remission records only frame it.
      support: supportOfFinding(active),
      uncertainBecause: distinctStatuses(active.map((f) => f.uncertainBecause)),
      references: [
        ...active.flatMap((f) => f.references),
        ...myeloma.conditions.map((c) => c.reference),
      ],
      because: 'an active finding appeared while every myeloma Condition is in remission',
    });
  return sources;
}

function supportOfMyeloma(condition: MyelomaCondition): PhaseSupport {
  if (condition.isHistory) return 'history';
  return condition.isUncertain ? 'uncertain' : 'active';
}

function supportOfFinding(findings: readonly Finding[]): PhaseSupport {
  return findings.some((f) => !f.isUncertain) ? 'active' : 'uncertain';
}
