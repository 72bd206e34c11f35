/**
 * The numbers test/http/stats-agree-across-places.test.ts expects of its scripted day, typed
 * by hand from docs/go-live.md "Read the statistics" and docs/integrating.md §4 (that file's
 * header tells the day): per period the hook calls and, per rule and service, the cards
 * served and their answers, silent and suppressed, and per 100 hook calls; the daily series;
 * /metrics.
 *
 * Which cards could be accepted, from the rules page (§3 imaging coverage, §4 suggestions):
 * an emd-cns card and the emd-cns-imaging-review card always offer the CSF work-up; emd-and-cns
 * had a whole-body PET/CT on 2026-09-05, recent on 1 November (lookback 180 days), so its
 * emd-soft-tissue card offers no PET/CT; its neuraxis is not covered (an MR of the spine, none
 * of the brain), so its emd-imaging-order card (a CNS finding) offers the MRI.
 */
import type { StatsReport } from '../../src/store/stats-report.js';

type Levels = [info: number, warning: number, critical: number];
type Rate = [all: number, info: number, warning: number, critical: number];
export interface Row {
  rule: string;
  service: string;
  /** served, accepted, overridden, unanswered, other client's feedback */
  counts: [number, number, number, number, number];
  reasons?: Record<string, number>;
  /**
   * The cards served by whether they could be accepted: offered a suggestion, of those
   * accepted, offered none, unknown; then accepted per 100 of the first (null: none could be).
   */
  acceptance: [number, number, number, number, number | null];
  /** The reasons counted as "(not offered)", by `system|code` as the client sent them. */
  notOffered?: Record<string, number>;
  served: Levels;
  silent: Levels;
  suppressed: Levels;
  /** per 100 calls: served, silent, suppressed */
  rates: [Rate, Rate, Rate];
}

const PV = 'emd-patient-view';
const OFFERED = 'https://fhir.emd-cds.org/CodeSystem/override-reason';
const zero: Levels = [0, 0, 0];
const nil: Rate = [0, 0, 0, 0];

/** The expected numbers, per period, typed by hand. */
export const EXPECTED: Record<string, { calls: Record<string, number>; rows: Row[] }> = {
  'day 1': {
    calls: { 'emd-imaging-order-select': 1, 'emd-imaging-review': 1, [PV]: 4 },
    rows: [
      {
        rule: 'emd-cns',
        service: PV,
        counts: [3, 2, 0, 1, 1],
        acceptance: [3, 2, 0, 0, 66.7],
        served: [0, 0, 3],
        silent: zero,
        suppressed: zero,
        rates: [[75, 0, 0, 75], nil, nil],
      },
      {
        rule: 'emd-cns-imaging-review',
        service: 'emd-imaging-review',
        counts: [1, 0, 0, 1, 0],
        acceptance: [1, 0, 0, 0, 0],
        served: [0, 1, 0],
        silent: zero,
        suppressed: zero,
        rates: [[100, 0, 100, 0], nil, nil],
      },
      {
        rule: 'emd-imaging-order',
        service: 'emd-imaging-order-select',
        counts: [1, 0, 1, 0, 0],
        acceptance: [1, 0, 0, 0, 0],
        reasons: { '(none)': 1 },
        served: [1, 0, 0],
        silent: zero,
        suppressed: zero,
        rates: [[100, 100, 0, 0], nil, nil],
      },
      {
        rule: 'emd-paraskeletal',
        service: PV,
        counts: [0, 0, 0, 0, 0],
        acceptance: [0, 0, 0, 0, null],
        served: zero,
        silent: [1, 0, 0],
        suppressed: zero,
        rates: [nil, [25, 25, 0, 0], nil],
      },
      {
        rule: 'emd-soft-tissue',
        service: PV,
        counts: [2, 0, 2, 0, 0],
        acceptance: [0, 0, 2, 0, null],
        reasons: { '(not offered)': 1, 'already-aware': 1 },
        notOffered: { 'https://ehr-a.example/reasons|too-busy': 1 },
        served: [0, 2, 0],
        silent: zero,
        suppressed: [0, 1, 0],
        rates: [[50, 0, 50, 0], nil, [25, 0, 25, 0]],
      },
    ],
  },
  'day 2': {
    calls: { [PV]: 2 },
    rows: [
      {
        rule: 'emd-cns',
        service: PV,
        counts: [1, 0, 0, 1, 0],
        acceptance: [1, 0, 0, 0, 0],
        served: [0, 0, 1],
        silent: zero,
        suppressed: zero,
        rates: [[50, 0, 0, 50], nil, nil],
      },
      {
        rule: 'emd-paraskeletal',
        service: PV,
        counts: [0, 0, 0, 0, 0],
        acceptance: [0, 0, 0, 0, null],
        served: zero,
        silent: [1, 0, 0],
        suppressed: zero,
        rates: [nil, [50, 50, 0, 0], nil],
      },
      {
        rule: 'emd-soft-tissue',
        service: PV,
        counts: [0, 0, 0, 0, 0],
        acceptance: [0, 0, 0, 0, null],
        served: zero,
        silent: zero,
        suppressed: [0, 1, 0],
        rates: [nil, nil, [50, 0, 50, 0]],
      },
    ],
  },
  'both days': {
    calls: { 'emd-imaging-order-select': 1, 'emd-imaging-review': 1, [PV]: 6 },
    rows: [
      {
        rule: 'emd-cns',
        service: PV,
        counts: [4, 2, 0, 2, 1],
        acceptance: [4, 2, 0, 0, 50],
        served: [0, 0, 4],
        silent: zero,
        suppressed: zero,
        rates: [[66.7, 0, 0, 66.7], nil, nil],
      },
      {
        rule: 'emd-cns-imaging-review',
        service: 'emd-imaging-review',
        counts: [1, 0, 0, 1, 0],
        acceptance: [1, 0, 0, 0, 0],
        served: [0, 1, 0],
        silent: zero,
        suppressed: zero,
        rates: [[100, 0, 100, 0], nil, nil],
      },
      {
        rule: 'emd-imaging-order',
        service: 'emd-imaging-order-select',
        counts: [1, 0, 1, 0, 0],
        acceptance: [1, 0, 0, 0, 0],
        reasons: { '(none)': 1 },
        served: [1, 0, 0],
        silent: zero,
        suppressed: zero,
        rates: [[100, 100, 0, 0], nil, nil],
      },
      {
        rule: 'emd-paraskeletal',
        service: PV,
        counts: [0, 0, 0, 0, 0],
        acceptance: [0, 0, 0, 0, null],
        served: zero,
        silent: [2, 0, 0],
        suppressed: zero,
        rates: [nil, [33.3, 33.3, 0, 0], nil],
      },
      {
        rule: 'emd-soft-tissue',
        service: PV,
        counts: [2, 0, 2, 0, 0],
        acceptance: [0, 0, 2, 0, null],
        reasons: { '(not offered)': 1, 'already-aware': 1 },
        notOffered: { 'https://ehr-a.example/reasons|too-busy': 1 },
        served: [0, 2, 0],
        silent: zero,
        suppressed: [0, 2, 0],
        rates: [[33.3, 0, 33.3, 0], nil, [33.3, 0, 33.3, 0]],
      },
    ],
  },
};

export const PERIODS: Record<string, [string, string]> = {
  'day 1': ['2026-11-01', '2026-11-02'],
  'day 2': ['2026-11-02', '2026-11-03'],
  'both days': ['2026-11-01', '2026-11-03'],
};

/** The console's daily series over both days: [day, rule, served, accepted, overridden, unanswered]. */
export const DAILY: [string, string, number, number, number, number][] = [
  ['2026-11-01', 'emd-cns', 3, 2, 0, 1],
  ['2026-11-01', 'emd-cns-imaging-review', 1, 0, 0, 1],
  ['2026-11-01', 'emd-imaging-order', 1, 0, 1, 0],
  ['2026-11-01', 'emd-soft-tissue', 2, 0, 2, 0],
  ['2026-11-02', 'emd-cns', 1, 0, 0, 1],
];

/**
 * /metrics, per node since its start (both days): hook calls answered per service (the
 * refused 400, 401 and 412 not among them; a service never called at 0), and cards by
 * service, rule, indicator and mode.
 */
export const METRIC_CALLS: Record<string, number> = {
  [PV]: 6,
  'emd-imaging-order-select': 1,
  'emd-imaging-order-sign': 0,
  'emd-imaging-review': 1,
};
export const METRICS: [string, string, string, string, number][] = [
  [PV, 'emd-cns', 'critical', 'live', 4],
  [PV, 'emd-soft-tissue', 'warning', 'live', 2],
  ['emd-imaging-order-select', 'emd-imaging-order', 'info', 'live', 1],
  ['emd-imaging-review', 'emd-cns-imaging-review', 'warning', 'live', 1],
  [PV, 'emd-paraskeletal', 'info', 'silent', 2],
  [PV, 'emd-soft-tissue', 'warning', 'suppressed', 2],
];

const levels = ([info, warning, critical]: Levels) => ({ info, warning, critical });
const rate = ([all, info, warning, critical]: Rate) => ({ all, info, warning, critical });

export function expectedReport(period: string): StatsReport {
  const [from, to] = PERIODS[period] ?? [];
  const { calls, rows } = EXPECTED[period] ?? { calls: {}, rows: [] };
  return {
    from: `${String(from)}T00:00:00.000Z`,
    to: `${String(to)}T00:00:00.000Z`,
    hookCalls: calls,
    rules: rows.map((r) => ({
      ruleId: r.rule,
      serviceId: r.service,
      served: r.counts[0],
      accepted: r.counts[1],
      overridden: r.counts[2],
      unanswered: r.counts[3],
      otherClientFeedback: r.counts[4],
      overrideReasons: Object.entries(r.reasons ?? {}).map(([code, count]) => ({
        system: code === 'already-aware' ? OFFERED : undefined,
        code,
        count,
      })),
      acceptance: {
        couldAccept: r.acceptance[0],
        accepted: r.acceptance[1],
        noSuggestion: r.acceptance[2],
        unknown: r.acceptance[3],
      },
      acceptedPercent: r.acceptance[4],
      reasonsNotOffered: {
        reasons: Object.entries(r.notOffered ?? {}).map(([text, count]) => {
          const [system = '', code = ''] = text.split('|');
          return { system, code, count };
        }),
        others: 0,
      },
      byIndicator: levels(r.served),
      silent: { cards: r.silent.reduce((a, b) => a + b), byIndicator: levels(r.silent) },
      suppressed: {
        cards: r.suppressed.reduce((a, b) => a + b),
        byIndicator: levels(r.suppressed),
      },
      perHundredCalls: {
        served: rate(r.rates[0]),
        silent: rate(r.rates[1]),
        suppressed: rate(r.rates[2]),
      },
    })),
  };
}
