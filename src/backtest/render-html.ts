/**
 * The backtest as one self-contained HTML page: inline SVG charts and tables, no script and
 * no network (it may be opened on a ward PC or attached to a change request). Charts: cards
 * per rule by indicator, patients per rule by indicator, and with --compare the change in
 * myeloma patients, per rule, per patient and in the codes not read against another
 * configuration or an earlier run. Rules switched off or silent are marked so.
 */
import { INDICATORS } from '../rules/types.js';
import { UNREAD_KINDS } from '../rules/unread-kinds.js';
import { comparedLabel, SUBSETTED_WORDS, type BacktestReport } from './backtest-report.js';
import {
  KIND_NOTES,
  KIND_WORDS,
  feedFixWords,
  systemsWords,
  type CodesNotReadReport,
  type SystemCount,
} from './codes-not-read.js';
import { changeText, compareCodesNotRead } from './codes-not-read-change.js';
import { changeWords, type ChangedPatientsReport } from './patient-changes.js';
import { MODE_NOTE, modeMark, PER_1000_NOTE } from './rule-mode.js';

const COLOURS = { info: '#2f6fb0', warning: '#d08a00', critical: '#b3261e' } as const;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);

/** One horizontal bar per rule, stacked by indicator. */
function stackedBars(report: BacktestReport, title: string): string {
  const rules = Object.entries(report.rules);
  const max = Math.max(1, ...rules.map(([, r]) => r.patients));
  const rowHeight = 26;
  const labelWidth = 220;
  const barWidth = 460;
  const bars = rules.map(([ruleId, rule], index) => {
    let x = labelWidth;
    const y = 30 + index * rowHeight;
    const parts = INDICATORS.map((indicator) => {
      const width = (rule.byIndicator[indicator] / max) * barWidth;
      const part = `<rect x="${x.toFixed(1)}" y="${String(y)}" width="${width.toFixed(1)}" height="18" fill="${COLOURS[indicator]}"><title>${indicator}: ${String(rule.byIndicator[indicator])}</title></rect>`;
      x += width;
      return part;
    });
    return `<text x="0" y="${String(y + 14)}">${escape(`${ruleId}${modeMark(rule.mode)}`)}</text>${parts.join('')}<text x="${(x + 6).toFixed(1)}" y="${String(y + 14)}">${String(rule.patients)}</text>`;
  });
  const legend = INDICATORS.map(
    (indicator, i) =>
      `<rect x="${String(labelWidth + i * 110)}" y="4" width="12" height="12" fill="${COLOURS[indicator]}"/><text x="${String(labelWidth + 16 + i * 110)}" y="15">${indicator}</text>`,
  ).join('');
  const height = 40 + rules.length * rowHeight;
  return `<figure><figcaption>${escape(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" width="760" height="${String(height)}" role="img" aria-label="${escape(title)}">${legend}${bars.join('')}</svg></figure>`;
}

/** Patients with a card per indicator, summed over rules; with an earlier run beside it. */
function indicatorBars(report: BacktestReport, before?: BacktestReport): string {
  const sum = (r: BacktestReport, indicator: (typeof INDICATORS)[number]) =>
    Object.values(r.rules).reduce((total, rule) => total + rule.byIndicator[indicator], 0);
  const runs = before ? [before, report] : [report];
  const max = Math.max(1, ...runs.flatMap((r) => INDICATORS.map((i) => sum(r, i))));
  const bars = INDICATORS.flatMap((indicator, i) =>
    runs.map((run, j) => {
      const value = sum(run, indicator);
      const height = (value / max) * 160;
      const x = 20 + i * 150 + j * 50;
      const label = before ? (j === 0 ? 'before' : 'now') : indicator;
      return `<rect x="${String(x)}" y="${(190 - height).toFixed(1)}" width="40" height="${height.toFixed(1)}" fill="${COLOURS[indicator]}" opacity="${before && j === 0 ? '0.45' : '1'}"/><text x="${String(x)}" y="${(184 - height).toFixed(1)}">${String(value)}</text><text x="${String(x)}" y="206">${label}</text>`;
    }),
  );
  const title = before
    ? 'Patient-rule pairs with a card, by indicator: compared run (pale) and this one'
    : 'Patient-rule pairs with a card, by indicator';
  return `<figure><figcaption>${escape(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" width="480" height="214" role="img" aria-label="${escape(title)}">${bars.join('')}</svg></figure>`;
}

function comparison(report: BacktestReport, before: BacktestReport): string {
  const rows = Object.entries(report.rules).map(([ruleId, rule]) => {
    const was = before.rules[ruleId];
    const cells = INDICATORS.map((indicator) => {
      const old = was?.byIndicator[indicator] ?? 0;
      const now = rule.byIndicator[indicator];
      const delta = now - old;
      return `<td>${String(old)} → ${String(now)} (${delta >= 0 ? '+' : ''}${String(delta)})</td>`;
    });
    const label = `${ruleId}${modeMark(rule.mode, was?.mode)}`;
    return `<tr><th>${escape(label)}</th><td>${String(was?.patients ?? 0)} → ${String(rule.patients)}</td>${cells.join('')}</tr>`;
  });
  const myeloma = changeText({ before: before.myelomaPatients, now: report.myelomaPatients });
  return `<h2>Against ${escape(comparedLabel(before))}</h2>
<p>Patients with a myeloma diagnosis, before → now: ${myeloma}.</p>
${stackedBars(before, 'Compared run: patients with a card, by indicator')}
<table><tr><th>rule</th><th>patients</th>${INDICATORS.map((i) => `<th>${i}</th>`).join('')}</tr>${rows.join('')}</table>
${report.changedPatients ? changedPatients(report.changedPatients) : ''}
${report.codesNotRead ? codesNotReadChange(report.codesNotRead, before.codesNotRead) : ''}`;
}

/** Who changed, gravest first, and how; the rest counted. */
function changedPatients(changed: ChangedPatientsReport): string {
  if (changed.notCompared)
    return `<h3>Patients whose cards changed</h3>\n<p>Not compared: ${escape(changed.notCompared)}.</p>`;
  const levels = changed.levelsCompared
    ? `at another level ${String(changed.levelChanged)}`
    : 'levels not compared (an earlier report keeps no level per patient)';
  const rows = changed.listed.map(
    (p) =>
      `<tr><th>${escape(p.patientId ?? p.patientKey ?? '')}</th><td>${escape(p.changes.map(changeWords).join('; '))}</td></tr>`,
  );
  const more = changed.patients - changed.listed.length;
  return `<h3>Patients whose cards changed: ${String(changed.patients)}</h3>
<p>Patient-rule pairs: a card gained ${String(changed.gained)}, lost ${String(changed.lost)}, ${escape(levels)}.</p>
${rows.length > 0 ? `<table><tr><th>patient</th><th>before → now</th></tr>${rows.join('')}</table>` : ''}${more > 0 ? `<p>… and ${String(more)} more patients (the gravest changes are listed).</p>` : ''}`;
}

/**
 * Per kind; for unknown systems each system either run lists; each code either run lists;
 * "–" before when the earlier report has none.
 */
function codesNotReadChange(now: CodesNotReadReport, before: CodesNotReadReport | undefined) {
  const change = compareCodesNotRead(now, before);
  const systems = change.unknownSystems.map(
    (s) =>
      `<tr><td>any code</td><td>${escape(s.system ?? 'no system')}</td><td>${changeText(s)}</td></tr>`,
  );
  const rows = UNREAD_KINDS.flatMap((kind) => [
    `<tr><th colspan="2">${escape(KIND_WORDS[kind])}</th><td>${changeText(change.byKind[kind].patients)}</td></tr>`,
    ...(kind === 'unknownSystem' ? systems : []),
    ...change.byKind[kind].codes.map(
      (c) =>
        `<tr><td>${escape(c.code)}</td><td>${escape(c.system ?? 'no system')}</td><td>${changeText(c)}</td></tr>`,
    ),
  ]);
  return `<h3>Codes not read, before → now: ${changeText(change.patients)} patients</h3>
<table><tr><th>code</th><th>system</th><th>patients</th></tr>${rows.join('')}</table>`;
}

/** Per kind, its patients and the codes most carry: what a site adds to its value sets. */
function codesNotRead(section: CodesNotReadReport): string {
  const kinds = UNREAD_KINDS.map((kind) => {
    const counted = section[kind];
    const rows = counted.topCodes.map(
      (c) =>
        `<tr><td>${escape(c.code)}</td><td>${escape(c.system ?? 'no system')}</td><td>${String(c.patients)}</td></tr>`,
    );
    const more = counted.distinctCodes - counted.topCodes.length;
    const ids = counted.patientIds?.length
      ? `<p>Patients: ${escape(counted.patientIds.join(', '))}</p>`
      : '';
    const words = KIND_WORDS[kind];
    const heading = `${words.charAt(0).toUpperCase()}${words.slice(1)}: ${patients(counted.patients)}${KIND_NOTES[kind]}`;
    const systems = kind === 'unknownSystem' ? systemsTable(section.unknownSystem.systems) : '';
    return `<h3>${escape(heading)}</h3>
${systems}${rows.length > 0 ? `<table><tr><th>code</th><th>system</th><th>patients</th></tr>${rows.join('')}</table>` : ''}${more > 0 ? `<p>… and ${String(more)} more codes.</p>` : ''}${ids}`;
  });
  return `<h2>Codes not read</h2>
<p>${patients(section.patients)} have a diagnosis whose code no value set reads, so it is neither myeloma nor a finding. Add the codes your records carry to the value sets (docs/configuring.md, example h)${escape(feedFixWords(section))}.</p>
${kinds.join('\n')}`;
}

/**
 * The patients per unknown system, before its codes; nothing for an older report. A column
 * says what the feed must send instead, when some system's codes cannot be added (H93).
 */
function systemsTable(systems: SystemCount[] | undefined): string {
  if (!systems?.length) return '';
  const fixes = systems.some((s) => s.feedFix !== undefined);
  const rows = systems.map(
    (s) =>
      `<tr><td>${escape(s.system ?? 'no system')}</td><td>${String(s.patients)}</td>${fixes ? `<td>${escape(s.feedFix ?? '')}</td>` : ''}</tr>`,
  );
  const said = systemsWords(systems);
  const words = `${said.charAt(0).toUpperCase()}${said.slice(1)}.`;
  return `<p>${escape(words)}</p>
<table><tr><th>code system</th><th>patients</th>${fixes ? '<th>the feed must change</th>' : ''}</tr>${rows.join('')}</table>
`;
}

const patients = (n: number) => `${String(n)} patient${n === 1 ? '' : 's'}`;

export function renderHtml(report: BacktestReport, before?: BacktestReport): string {
  const rules = Object.entries(report.rules);
  const rows = rules.map(
    ([ruleId, r]) =>
      `<tr><th>${escape(`${ruleId}${modeMark(r.mode)}`)}</th><td>${String(r.patients)}</td>${INDICATORS.map((i) => `<td>${String(r.byIndicator[i])}</td>`).join('')}<td>${String(r.cards)}</td><td>${r.cardsPer1000.toFixed(1)}</td></tr>`,
  );
  const { input } = report;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>EMD CDS backtest</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right}th:first-child{text-align:left}svg text{font:12px system-ui,sans-serif}</style>
</head><body>
<h1>Backtest: ${escape(report.hook)} as of ${escape(report.now)}</h1>
<p>Configuration ${escape(report.configFile ?? 'built-in')} (${escape(report.configHash)}). Patients read: ${String(report.patients)}; with a myeloma diagnosis: ${String(report.myelomaPatients)}.</p>
<table><tr><th>rule</th><th>patients</th>${INDICATORS.map((i) => `<th>${i}</th>`).join('')}<th>cards</th><th>cards per 1,000 patients</th></tr>${rows.join('')}</table>
${rules.some(([, r]) => modeMark(r.mode) !== '') ? `<p>${escape(MODE_NOTE)}.</p>` : ''}
<p>${escape(PER_1000_NOTE)}.</p>
${stackedBars(report, 'Patients with a card, by rule and indicator')}
${indicatorBars(report, before)}
${before ? comparison(report, before) : ''}
${report.codesNotRead ? codesNotRead(report.codesNotRead) : ''}
<h2>Not counted</h2>
<p>${String(input.malformedLines)} malformed lines; ${String(input.withoutPatient)} resources without a patient reference; ${String(input.otherTypes)} resources of other types; ${String(input.invalidResources)} invalid resources left out; ${String(input.patientsNotRead.length)} patients not read${input.patientListIncomplete ? ` (patient list incomplete: ${escape(input.patientListIncomplete)})` : ''}; ${String(input.refusedPatients.length)} patients the service would refuse with 412 (a malformed Condition that might be the myeloma or a finding); ${String(input.subsettedPatients.length)} patients whose data were sent in part, so not evaluated${input.subsettedPatients.length > 0 ? ` (${escape(SUBSETTED_WORDS)})` : ''}; ${String(input.failedPatients.length)} patients whose evaluation failed.</p>
</body></html>
`;
}
