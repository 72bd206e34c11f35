/**
 * The changed patients against an earlier run's --json report: per rule, the patients one
 * report lists and the other does not gained or lost that rule's card. A report keeps no level
 * per patient, so a level changed is not seen here (a --compare with the configuration sees
 * it). Keys match only if both runs named patients alike: both by id (--show-ids), or both
 * by pseudonymous key made with the same audit key.
 */
import type { BacktestReport } from './backtest-report.js';
import { reportChanges, type CardChange, type ChangedPatientsReport } from './patient-changes.js';

type Naming = 'ids' | 'keys' | undefined;

function namingOf(report: BacktestReport): Naming {
  const rules = Object.values(report.rules);
  if (rules.some((rule) => Array.isArray(rule.patientIds))) return 'ids';
  if (rules.some((rule) => Array.isArray(rule.patientKeys))) return 'keys';
  return undefined;
}

const listOf = (rule: BacktestReport['rules'][string] | undefined) =>
  new Set(rule?.patientIds ?? rule?.patientKeys ?? []);

export function changesAgainstReport(
  now: BacktestReport,
  before: BacktestReport,
): ChangedPatientsReport {
  const naming = namingOf(now);
  const earlier = namingOf(before);
  if (naming !== earlier) {
    const words = (n: Naming) => (n === 'ids' ? 'ids' : n === 'keys' ? 'keys' : 'neither');
    return {
      ...reportChanges([], { showIds: naming === 'ids', levelsCompared: false }),
      notCompared: `this run names patients by ${words(naming)}, the earlier report by ${words(earlier)}: run both with --show-ids, or both without it`,
    };
  }
  const byPatient = new Map<string, CardChange[]>();
  const add = (key: string, change: CardChange) => {
    byPatient.set(key, [...(byPatient.get(key) ?? []), change]);
  };
  for (const ruleId of new Set([...Object.keys(now.rules), ...Object.keys(before.rules)])) {
    const is = listOf(now.rules[ruleId]);
    const was = listOf(before.rules[ruleId]);
    for (const key of is) if (!was.has(key)) add(key, { ruleId, change: 'gained' });
    for (const key of was) if (!is.has(key)) add(key, { ruleId, change: 'lost' });
  }
  const changed = [...byPatient].map(([key, changes]) => ({ key, changes }));
  return reportChanges(changed, { showIds: naming === 'ids', levelsCompared: false });
}
