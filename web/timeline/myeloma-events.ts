/**
 * The myeloma lane of the timeline: when the myeloma was diagnosed, and when a relapse or a
 * remission was recorded, from the service's own myeloma facts (src/rules/myeloma.ts).
 */
import type { assessMyeloma } from '../../src/rules/myeloma.js';
import { fhirTimeMs } from '../../src/rules/time.js';

export interface MyelomaEvent {
  kind: 'diagnosis' | 'relapse' | 'remission';
  date: string;
  label: string;
  reference: string;
  isUncertain: boolean;
}

/**
 * A myeloma Condition's events. Its onset is the diagnosis. A Condition in relapse or
 * remission usually keeps the first diagnosis as its onset, so the relapse (or remission) is
 * dated by its recordedDate when that is later, and is said to be "recorded" then. An onset
 * that cannot be dated (an age, a text: `condition.onset` is then undefined) draws no
 * diagnosis, never one at the recordedDate; a relapse or remission is still drawn when it was
 * recorded, which is all its label claims.
 */
export function eventsOf(
  condition: ReturnType<typeof assessMyeloma>['conditions'][number],
  resource: fhir4.Condition | undefined,
): MyelomaEvent[] {
  const base = {
    label: condition.label,
    reference: condition.reference,
    isUncertain: condition.isUncertain,
  };
  const events: MyelomaEvent[] = [];
  if (condition.onset) events.push({ ...base, kind: 'diagnosis', date: condition.onset });
  const later = resource?.recordedDate ?? condition.onset;
  const kind = condition.isRelapse ? 'relapse' : condition.isRemission ? 'remission' : undefined;
  if (kind && later) {
    const changedAt =
      condition.onset && fhirTimeMs(later) > fhirTimeMs(condition.onset)
        ? later
        : (condition.onset ?? later);
    if (changedAt) events.push({ ...base, kind, date: changedAt });
  }
  return events;
}
