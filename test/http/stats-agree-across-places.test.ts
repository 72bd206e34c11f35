/**
 * The informatics team reads an alert's numbers in three places: `emd-cds stats --json`, the
 * console (GET /admin/stats and /admin/stats/daily, folded by web/console/alert-series.ts) and
 * /metrics. A scripted day (./scripted-day.ts) is run against each store, and every number is
 * compared with the tables below, typed by hand from docs/go-live.md "Read the statistics"
 * and docs/integrating.md §4. Cards per example (test/examples-expected.ts): emd-and-cns gives
 * emd-cns critical and emd-soft-tissue warning on patient-view, emd-imaging-order info on
 * order-select, emd-cns-imaging-review warning on imaging review; paraskeletal-only gives
 * emd-paraskeletal info (silent here). EHR A receives every card; EHR B only answers one.
 *
 * /metrics counts per node since its start, so its cards per 100 hook calls (the PromQL of
 * docs/go-live.md) are the statistics' over both days.
 *
 * 2026-11-01 22:00 (day 1): three patient-view calls refused (400, 401, 412: no hook call),
 *   then patient-view emd-and-cns twice (cns1 soft1, cns2 soft2),
 *   paraskeletal-only once (silent), order-select and imaging review once each.
 * 22:10: A accepts cns1, overrides soft1 (an offered reason), soft2 (a reason not offered)
 *   and the order card (a comment only: "(none)"); A sends soft1's override again
 *   (a duplicate); A answers a card that does not exist; B overrides cns2 (other client).
 * 23:30: patient-view emd-and-cns: cns3; soft suppressed (the override, 30 days).
 * 2026-11-02 00:30 (day 2): patient-view emd-and-cns: cns4, soft suppressed;
 *   paraskeletal-only (silent). 00:35: A accepts cns3, served on day 1, so it counts there.
 */
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { runCli } from '../backtest/run-cli.js';
import { STORE_TARGETS, suiteName, warnSkipped, type StoreTarget } from '../store/targets.js';
import { consoleNumbers } from './console-numbers.js';
import { adminGet, openDay, SITE_YAML, type Day } from './scripted-day.js';
import {
  DAILY,
  EXPECTED,
  expectedReport,
  METRIC_CALLS,
  METRICS,
  PERIODS,
  type Row,
} from './stats-agree-expected.js';
import { runScriptedDay } from './scripted-day-script.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

warnSkipped();

/** Leaves out undefined fields, as JSON does. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

async function checkAdminApi(day: Day): Promise<void> {
  for (const [name, [from, to]] of Object.entries(PERIODS)) {
    const body = await adminGet(day, `/admin/stats?from=${from}&to=${to}`);
    expect({ name, body }).toEqual({ name, body: asJson(expectedReport(name)) });
  }
}

async function checkCli(target: StoreTarget, location: string): Promise<void> {
  const config = join(mkdtempSync(join(tmpdir(), 'emd-cds-agree-')), 'site.yaml');
  writeFileSync(config, SITE_YAML);
  const storeEnv: Record<string, string> =
    target.kind === 'sqlite'
      ? { EMD_CDS_SQLITE_FILE: location }
      : { EMD_CDS_POSTGRES_URL: location };
  for (const [name, [from, to]] of Object.entries(PERIODS)) {
    const run = await runCli(['stats', '--from', from, '--to', to, '--json'], {
      EMD_CDS_CONFIG: config,
      ...storeEnv,
    });
    expect(run.status, run.stderr).toBe(0);
    expect({ name, body: JSON.parse(run.stdout) as unknown }).toEqual({
      name,
      body: asJson(expectedReport(name)),
    });
  }
}

async function checkConsole(day: Day): Promise<void> {
  const shown = await consoleNumbers(day, '2026-11-01', '2026-11-02');
  // One service per rule here, so the per-rule rows are the API's rows.
  expect(asJson(shown.perRule)).toEqual(asJson(expectedReport('both days').rules));
  expect(shown.daily).toEqual(
    DAILY.map(([d, ruleId, served, accepted, overridden, unanswered]) => ({
      ...{ day: d, ruleId, served, accepted, overridden, unanswered },
    })),
  );
  const sum = (d: string, i: 2 | 3 | 4 | 5) =>
    DAILY.filter((row) => row[0] === d).reduce((n, row) => n + row[i], 0);
  expect(shown.perDay).toEqual(
    ['2026-11-01', '2026-11-02'].map((d) => ({
      ...{ day: d, ruleId: '', served: sum(d, 2), accepted: sum(d, 3) },
      ...{ overridden: sum(d, 4), unanswered: sum(d, 5) },
    })),
  );
  // What the per-rule table puts on the page, other clients' feedback included.
  const cells = (r: Row) => ({
    served: String(r.counts[0]),
    accepted: String(r.counts[1]),
    overridden: String(r.counts[2]),
    unanswered: String(r.counts[3]),
    'other-client': String(r.counts[4]),
  });
  expect(shown.perRuleTable).toEqual(
    Object.fromEntries((EXPECTED['both days']?.rows ?? []).map((r) => [r.rule, cells(r)])),
  );
  // The statistics' words for an override without an offered reason (docs/go-live.md) are
  // said in the console's words, not shown as a code beside itself ("(none) ((none))").
  const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : 1);
  expect([...shown.reasonsTable].sort(byCode)).toEqual([
    { code: '(none)', rule: 'emd-imaging-order', reason: 'No coded reason given', count: '1' },
    {
      code: '(not offered)',
      rule: 'emd-soft-tissue',
      reason: 'A reason the card did not offer',
      count: '1',
    },
    {
      code: 'already-aware',
      rule: 'emd-soft-tissue',
      reason: 'already-aware (already-aware)',
      count: '1',
    },
  ]);
}

/** A counter's series in Prometheus text: its labels by name, and its value. */
function seriesOf(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  return text.split('\n').flatMap((line) => {
    if (!line.startsWith(`${name}{`)) return [];
    const [labelText = '', value = ''] = line.slice(name.length + 1).split('} ');
    const labels: Record<string, string> = {};
    for (const pair of labelText.split(',')) {
      const [key = '', quoted = ''] = pair.split('=');
      labels[key] = quoted.slice(1, -1);
    }
    return [{ labels, value: Number(value) }];
  });
}

async function checkMetrics(day: Day): Promise<void> {
  const text = (await request(day.app).get('/metrics')).text;
  const calls: Record<string, number> = {};
  for (const c of seriesOf(text, 'emd_cds_hook_calls_total'))
    calls[c.labels.service ?? ''] = c.value;
  expect(calls).toEqual(METRIC_CALLS);
  const cards = seriesOf(text, 'emd_cds_cards_total');
  expect(
    new Set(
      cards.map((c) => {
        const { service, rule, indicator, mode } = c.labels;
        return JSON.stringify([service, rule, indicator, mode, c.value]);
      }),
    ),
  ).toEqual(new Set(METRICS.map((c) => JSON.stringify(c))));
  // Cards per 100 hook calls per service and rule, divided as the PromQL in docs/go-live.md
  // divides them, to one decimal as the statistics round: the rates `stats --json` gives
  // over both days (perHundredCalls.<mode>.all, typed by hand in EXPECTED).
  const modes = ['live', 'silent', 'suppressed'] as const;
  for (const row of EXPECTED['both days']?.rows ?? [])
    modes.forEach((m, index) => {
      const n = cards
        .filter((c) => c.labels.service === row.service && c.labels.rule === row.rule)
        .filter((c) => c.labels.mode === m)
        .reduce((sum, c) => sum + c.value, 0);
      const perHundred = Math.round((1000 * n) / (calls[row.service] ?? NaN)) / 10;
      expect({ rule: row.rule, mode: m, perHundred }).toEqual({
        ...{ rule: row.rule, mode: m },
        perHundred: row.rates[index]?.[0],
      });
    });
}

for (const target of STORE_TARGETS) {
  describe.skipIf(target.skipReason !== undefined)(suiteName(target), () => {
    it('gives the same numbers in emd-cds stats, the console and /metrics as the docs', async () => {
      const place = await target.create();
      const store = place.open();
      try {
        await store.migrate();
        const day = await openDay(store);
        await runScriptedDay(day);
        await checkAdminApi(day);
        await checkConsole(day);
        await checkMetrics(day);
        await day.calls.close();
        await checkCli(target, place.location);
      } finally {
        await store.close();
        await place.drop();
      }
    }, 120_000);
  });
}
