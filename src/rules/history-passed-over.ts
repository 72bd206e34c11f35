/**
 * What a history Condition (rules page §2 "Status": inactive, remission, resolved, or abated)
 * made a rule pass over, in words for the explain trace. History raises no card of its own and
 * lists a reported finding as a Condition of any status does (§4), both by the page's letter;
 * these lines say so where the rule did not fire or did not propose, so the trace does not read
 * "nothing here" when the record's history decided it. The trace only: no card changes.
 */
import { abatementOf } from './abatement.js';
import { readFindingStatus } from './finding-status.js';
import { describeAbatement, historyWords } from './history-words.js';
import { notFired } from './build-outcome.js';
import type { Finding } from './finding.js';
import type { PatientFacts } from './patient-facts.js';
import type { RuleOutcome } from './rule-outcome.js';
import type { FindingClass, RuleId, RuleSettings } from './types.js';

/**
 * A class rule's outcome when the patient has no active finding of its class: `why`, then a line
 * for each history recording of the class whose status reads active (`abatedWhileActiveLines`).
 */
export function noActiveFinding(
  ruleId: RuleId,
  why: string,
  facts: PatientFacts,
  findingClass: FindingClass,
): RuleOutcome {
  const outcome = notFired(ruleId, why);
  // Most records hold no history finding: nothing to read.
  if (facts.findings.history.length === 0) return outcome;
  const lines = abatedWhileActiveLines(facts, findingClass);
  return lines.length === 0 ? outcome : { ...outcome, explain: [...outcome.explain, ...lines] };
}

/**
 * Rules page §2: a Condition "that has an abatement" is history whatever its clinicalStatus. One
 * whose clinicalStatus still reads active, recurrence or relapse (a recurrence recorded on the
 * Condition that once abated, its old abatement left in place) is contradictory (FHIR R4
 * con-4: an abated Condition's clinicalStatus is inactive, resolved or remission), and the rule
 * of its class stays silent. One line for each such recording of the class's history findings,
 * read where the rule did not fire; none when there is none.
 */
function abatedWhileActiveLines(facts: PatientFacts, findingClass: FindingClass): string[] {
  const lines: string[] = [];
  for (const finding of facts.findings.history) {
    if (finding.findingClass !== findingClass) continue;
    for (const { reference, clinicalCode } of finding.abatedWhileActive) {
      const condition = conditionAt(reference, facts);
      // Recorded only for an abatement read as one (collect-findings.ts).
      const abatement = condition && describeAbatement(condition, abatementOf(condition));
      if (abatement !== undefined)
        lines.push(
          `${reference}: its clinicalStatus reads ${clinicalCode}, but its ${abatement} makes it history (rules page §2: a Condition that has an abatement), so it raises no card; check the record: FHIR con-4 forbids an abatement on an active status`,
        );
    }
  }
  return lines;
}

/** A history finding that lists a report's finding, and whether it cites the report or study. */
export interface HistoryListing {
  finding: Finding;
  cites: boolean;
}

/**
 * The line for a report's finding that only history Conditions list (rules page §4: a
 * Condition of any status that cites the report or has the same code and site lists it), so it
 * is not proposed. `concluded` names the finding as the report codes it.
 */
export function listedByHistoryLine(
  report: string,
  concluded: string,
  listing: readonly HistoryListing[],
  facts: PatientFacts,
  settings: RuleSettings,
): string {
  const conditions = listing.flatMap(({ finding, cites }) =>
    finding.references.map((reference) => {
      const condition = conditionAt(reference, facts);
      const why =
        condition === undefined
          ? 'history'
          : historyWords(
              condition,
              readFindingStatus(
                condition,
                settings.terminology.rolesOf(condition.code?.coding),
                settings,
                facts.now,
              ),
            );
      return `${reference} (${cites ? 'citing it' : 'same code and site'}; history: ${why})`;
    }),
  );
  return `${report}'s finding ${concluded} matches ${conditions.join(', ')}, so it is not proposed (rules page §4: a Condition of any status lists it); if the report shows a recurrence, the clinician may want to record it`;
}

function conditionAt(reference: string, facts: PatientFacts): fhir4.Condition | undefined {
  const resource = facts.record.resolve(reference)?.resource;
  return resource?.resourceType === 'Condition' ? (resource as fhir4.Condition) : undefined;
}
