/**
 * Rules page §6 kept at its source (issue #13): why a card that fires can be information only,
 * whatever its level. Each reason rests on what fed the card: a card no readable, certain,
 * coded record backs must never warn. evaluate() checks the same promise once more at its
 * output (its guard should then never act).
 */
import type { Finding } from './finding.js';
import type { PhaseFacts } from './phase.js';
import type { TextOnlyMention } from './text-only.js';

/**
 * Why a card is info at most: every finding behind it has a status that could not be read;
 * only text-only mentions feed it; it fired only because of a relapse that rests on history, or
 * only on uncertain Conditions; or the output guard found no Condition backing it.
 */
export type HoldReason =
  'status-unreadable' | 'text-only' | 'phase-history' | 'phase-uncertain' | 'output-guard';

export interface Feeding {
  findings: readonly Finding[];
  textOnly: readonly TextOnlyMention[];
  /** The card fired because of the phase (relapsed). */
  phase: PhaseFacts | undefined;
  /** Something certain beyond the findings and the phase made the card fire. */
  hasCertainReason: boolean;
}

/** The reasons the card is info at most, each with its line for the explain trace. */
export function sourceCeilings(feeding: Feeding): { ceilings: HoldReason[]; explain: string[] } {
  const ceilings: HoldReason[] = [];
  const explain: string[] = [];
  const { findings, textOnly, phase } = feeding;
  if (feeding.hasCertainReason || phase?.support === 'active') return { ceilings, explain };
  if (findings.length === 0 && textOnly.length > 0) {
    ceilings.push('text-only');
    explain.push('source guard: only text-only mentions feed this card (rules page §2, §6)');
  }
  if (findings.length > 0 && findings.every((f) => f.isUncertain && f.statusUnreadable)) {
    ceilings.push('status-unreadable');
    explain.push('source guard: no finding with a readable status backs this card (rules page §6)');
  }
  if (phase?.support && findings.length === 0 && textOnly.length === 0) {
    const history = phase.support === 'history';
    ceilings.push(history ? 'phase-history' : 'phase-uncertain');
    explain.push(
      `source guard: the relapse rests only on ${history ? 'history (resolved, inactive, in remission or abated)' : 'uncertain (unconfirmed, provisional, differential or unreadable)'} Conditions: ${phase.basis.join(', ')} (rules page §6)`,
    );
  }
  return { ceilings, explain };
}
