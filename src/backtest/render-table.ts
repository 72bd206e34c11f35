/**
 * The backtest's summary as a terminal table: the counts a reader needs first; with
 * --compare, the change in myeloma patients, per rule and in the codes not read against the
 * other configuration (or earlier run) and the patients whose cards changed; then the patients whose diagnoses' codes were not
 * read, and what else was not counted.
 */
import { INDICATORS } from '../rules/types.js';
import { comparedLabel, SUBSETTED_WORDS, type BacktestReport } from './backtest-report.js';
import { UNREAD_KINDS, type UnreadKind } from '../rules/unread-kinds.js';
import {
  KIND_NOTES,
  KIND_WORDS,
  feedFixWords,
  systemsWords,
  type CodesNotReadReport,
  type UnknownSystemReport,
} from './codes-not-read.js';
import { changeText, compareCodesNotRead } from './codes-not-read-change.js';
import { placeOf } from './malformed-lines.js';
import { changeWords, type ChangedPatientsReport } from './patient-changes.js';
import { MODE_NOTE, modeMark, PER_1000_NOTE } from './rule-mode.js';

export function renderTable(report: BacktestReport, before?: BacktestReport): string {
  const { input } = report;
  const lines = [
    `backtest ${report.hook} as of ${report.now} (config ${report.configHash})`,
    `patients read ${fmt(report.patients)}, with a myeloma diagnosis ${fmt(report.myelomaPatients)}`,
    '',
  ];
  const header = ['rule', 'patients', 'info', 'warning', 'critical', 'cards', 'per 1,000'];
  const rules = Object.entries(report.rules);
  const rows = rules.map(([ruleId, rule]) => [
    `${ruleId}${modeMark(rule.mode)}`,
    fmt(rule.patients),
    fmt(rule.byIndicator.info),
    fmt(rule.byIndicator.warning),
    fmt(rule.byIndicator.critical),
    fmt(rule.cards),
    rule.cardsPer1000.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const row = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  const marked = rules.some(([, rule]) => modeMark(rule.mode) !== '');
  lines.push(row(header), ...rows.map(row), ...(marked ? [MODE_NOTE] : []), PER_1000_NOTE, '');
  if (before) lines.push(...comparison(report, before), '');
  if (report.codesNotRead) lines.push(...codesNotRead(report.codesNotRead), '');
  lines.push(
    `not counted: ${fmt(input.malformedLines)} malformed lines, ${fmt(input.withoutPatient)} resources without a patient reference, ${fmt(input.otherTypes)} resources of other types, ${fmt(input.invalidResources)} invalid resources left out`,
  );
  for (const m of input.malformed) lines.push(`  ${placeOf(m)}: ${m.problem} (skipped)`);
  if (input.malformedLines > input.malformed.length)
    lines.push(
      `  … and ${fmt(input.malformedLines - input.malformed.length)} more malformed lines`,
    );
  if (input.patientListIncomplete)
    lines.push(`patient list incomplete: ${input.patientListIncomplete}`);
  if (input.patientsNotRead.length > 0)
    lines.push(
      `patients not read (${fmt(input.patientsNotRead.length)}): ${input.patientsNotRead.join(', ')}`,
    );
  if (input.refusedPatients.length > 0)
    lines.push(
      `patients the service would refuse with 412, so no card (${fmt(input.refusedPatients.length)}; a malformed Condition that might be the myeloma or a finding: fix the data): ${input.refusedPatients.join(', ')}`,
    );
  if (input.subsettedPatients.length > 0)
    lines.push(
      `patients whose data were sent in part, so not evaluated: no card and no myeloma counted (${fmt(input.subsettedPatients.length)}; ${SUBSETTED_WORDS}): ${input.subsettedPatients.join(', ')}`,
    );
  if (input.failedPatients.length > 0)
    lines.push(
      `patients whose evaluation failed (${fmt(input.failedPatients.length)}; a defect, please report): ${input.failedPatients.join(', ')}`,
    );
  return `${lines.join('\n')}\n`;
}

/**
 * Before → now: myeloma patients; patients with a card per rule, per indicator (the rules of
 * either run); and the codes not read, which adding codes to value sets should empty.
 */
function comparison(report: BacktestReport, before: BacktestReport): string[] {
  const ruleIds = [...new Set([...Object.keys(report.rules), ...Object.keys(before.rules)])];
  const change = (was: number, now: number) => changeText({ before: was, now });
  return [
    `against ${comparedLabel(before)}, before → now:`,
    `  patients with a myeloma diagnosis: ${change(before.myelomaPatients, report.myelomaPatients)}`,
    '  patients with a card, per rule:',
    ...ruleIds.map((ruleId) => {
      const was = before.rules[ruleId];
      const now = report.rules[ruleId];
      const levels = INDICATORS.map(
        (level) => `${level} ${change(was?.byIndicator[level] ?? 0, now?.byIndicator[level] ?? 0)}`,
      ).join(', ');
      const mark = modeMark(now?.mode, was?.mode);
      return `    ${ruleId}${mark}: ${change(was?.patients ?? 0, now?.patients ?? 0)}; ${levels}`;
    }),
    ...(report.changedPatients ? changedPatients(report.changedPatients) : []),
    ...(report.codesNotRead ? codesNotReadChange(report.codesNotRead, before.codesNotRead) : []),
  ];
}

/** Who changed, gravest first, each patient's rules on one line; the rest counted. */
function changedPatients(changed: ChangedPatientsReport): string[] {
  if (changed.notCompared)
    return [`  patients whose cards changed: not compared: ${changed.notCompared}`];
  const kinds = [
    `a card gained ${fmt(changed.gained)}`,
    `lost ${fmt(changed.lost)}`,
    changed.levelsCompared
      ? `at another level ${fmt(changed.levelChanged)}`
      : 'levels not compared (an earlier report keeps no level per patient)',
  ].join(', ');
  const more = changed.patients - changed.listed.length;
  return [
    `  patients whose cards changed: ${fmt(changed.patients)} (patient-rule pairs: ${kinds})`,
    ...changed.listed.map(
      (p) => `    ${p.patientId ?? p.patientKey ?? ''}: ${p.changes.map(changeWords).join('; ')}`,
    ),
    ...(more > 0 ? [`    … and ${fmt(more)} more patients (the gravest changes are listed)`] : []),
  ];
}

/**
 * Per kind; for unknown systems each system either run lists; each code either run lists;
 * "–" before when the earlier report has none.
 */
function codesNotReadChange(now: CodesNotReadReport, before: CodesNotReadReport | undefined) {
  const change = compareCodesNotRead(now, before);
  const systems = change.unknownSystems.map(
    (s) => `        ${s.system ?? 'no system'}: ${changeText(s)}`,
  );
  return [
    `  patients with a diagnosis whose code no value set reads: ${changeText(change.patients)}`,
    ...UNREAD_KINDS.flatMap((kind) => [
      `    ${KIND_WORDS[kind]}: ${changeText(change.byKind[kind].patients)}`,
      ...(kind === 'unknownSystem' && systems.length > 0
        ? ['      per code system:', ...systems]
        : []),
      ...change.byKind[kind].codes.map(
        (c) => `      ${c.code} in ${c.system ?? 'no system'}: ${changeText(c)}`,
      ),
    ]),
  ];
}

function codesNotRead(section: CodesNotReadReport): string[] {
  if (section.patients === 0)
    return ['codes not read: no patient has a diagnosis whose code no value set reads'];
  const kind = (kind: UnreadKind, counted: UnknownSystemReport) => [
    `  ${KIND_WORDS[kind]}: ${patients(counted.patients)}${KIND_NOTES[kind]}`,
    ...(counted.systems && counted.systems.length > 0
      ? [
          `    ${systemsWords(counted.systems)}:`,
          ...counted.systems.map(
            (s) =>
              `      ${s.system ?? 'no system'}: ${patients(s.patients)}${s.feedFix === undefined ? '' : ` — ${s.feedFix}`}`,
          ),
        ]
      : []),
    ...counted.topCodes.map(
      (c) => `    ${c.code} in ${c.system ?? 'no system'}: ${patients(c.patients)}`,
    ),
    ...(counted.distinctCodes > counted.topCodes.length
      ? [`    … and ${fmt(counted.distinctCodes - counted.topCodes.length)} more codes`]
      : []),
    ...(counted.patientIds && counted.patientIds.length > 0
      ? [`    patients: ${counted.patientIds.join(', ')}`]
      : []),
  ];
  return [
    `codes not read: ${patients(section.patients)} have a diagnosis whose code no value set reads, so it is neither myeloma nor a finding; add the codes your records carry (docs/configuring.md, example h)${feedFixWords(section)}`,
    ...UNREAD_KINDS.flatMap((k) => kind(k, section[k])),
  ];
}

const patients = (n: number) => `${fmt(n)} patient${n === 1 ? '' : 's'}`;

const fmt = (n: number) => n.toLocaleString('en-US');
