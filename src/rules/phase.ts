/**
 * Rules page §3.2: one phase per patient. Relapsed wins; "diagnosis" needs an active
 * finding near the earliest myeloma onset; otherwise the phase is unknown and the cards
 * show both site lists rather than guess.
 */
import type { FindingsResult } from './findings.js';
import type { MyelomaFacts } from './myeloma.js';
import type { Phase } from './types.js';

export interface PhaseFacts {
  phase: Phase;
  because: string;
}

const DAY_MS = 86_400_000;

export function determinePhase(
  myeloma: MyelomaFacts,
  findings: FindingsResult,
  windowDays: number,
): PhaseFacts {
  const activeFindings = findings.active;
  const relapse = myeloma.conditions.find((c) => c.isRelapse);
  if (relapse)
    return { phase: 'relapsed', because: `${relapse.reference} records myeloma in relapse` };
  // The relapse value set also holds plasmacytoma codes (C90.22, C90.32, rules page §3.2).
  // Only active findings count: a resolved plasmacytoma must not raise a warning (§6).
  const relapsedFinding = findings.active.find((f) => f.isRelapseCoded);
  if (relapsedFinding) {
    return {
      phase: 'relapsed',
      because: `${relapsedFinding.references.join(', ')} is coded as a plasmacytoma in relapse`,
    };
  }
  if (activeFindings.length > 0 && myeloma.conditions.every((c) => c.isRemission)) {
    return {
      phase: 'relapsed',
      because: 'an active finding appeared while every myeloma Condition is in remission',
    };
  }
  const onsets = myeloma.conditions
    .map((c) => c.onset)
    .filter((d): d is string => d !== undefined && !Number.isNaN(Date.parse(d)));
  if (onsets.length === 0)
    return { phase: 'unknown', because: 'no myeloma Condition has an onset or recorded date' };
  const firstOnset = Math.min(...onsets.map((d) => Date.parse(d)));
  const near = activeFindings.find(
    (f) =>
      f.onset !== undefined && Math.abs(Date.parse(f.onset) - firstOnset) <= windowDays * DAY_MS,
  );
  if (near) {
    return {
      phase: 'diagnosis',
      because: `a finding (${near.references.join(', ')}) began within ${windowDays} days of the myeloma diagnosis`,
    };
  }
  return {
    phase: 'unknown',
    because: `no active finding began within ${windowDays} days of the myeloma diagnosis, and nothing records a relapse`,
  };
}
