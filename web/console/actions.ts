/**
 * What the console does on the user's behalf: sign in, dry run, load the alert counts, load
 * the fleet, check this node's health.
 */
import { ApiError, callApi, saveToken } from './api.js';
import { messages } from './i18n.js';
import { readNodeHealth } from './readyz-report.js';
import { initialState, isoDay, type Store } from './state.js';
import type {
  ConfigView,
  DailyRuleStats,
  DryRunAnswer,
  ExamplePatient,
  StatsReport,
  FleetNode,
} from './types.js';
import { DAY_MS } from '../../src/rules/time.js';

function problem(store: Store, error: unknown): string {
  const t = messages(store.state.language);
  if (error instanceof ApiError && error.status === 401) return t.badToken;
  if (
    error instanceof ApiError &&
    error.status === 404 &&
    /EMD_CDS_ADMIN_TOKEN/.test(error.message)
  )
    return t.notEnabled;
  return `${t.failed}: ${error instanceof Error ? error.message : String(error)}`;
}

export async function signIn(store: Store, token: string): Promise<void> {
  try {
    const config = await callApi<ConfigView>(token, 'config');
    const { examples } = await callApi<{ examples: ExamplePatient[] }>(token, 'examples');
    saveToken(token);
    store.update({ token, config, examples, signInError: undefined });
    void checkHealth(store);
    store.updateDryRun({
      locale:
        store.state.language === 'zh-CN' && config.locales.available.includes('zh-CN')
          ? 'zh-CN'
          : config.locales.default,
      fhirServer: config.fhir.allowedServers[0] ?? '',
    });
  } catch (error) {
    saveToken(undefined);
    store.update({ token: undefined, signInError: problem(store, error) });
  }
}

export function signOut(store: Store): void {
  saveToken(undefined);
  store.update({ ...initialState(), language: store.state.language });
}

export async function runDryRun(store: Store): Promise<void> {
  const { token, dryRun } = store.state;
  const t = messages(store.state.language);
  if (!token) return;
  let bundle: unknown;
  if (dryRun.pasted.trim()) {
    try {
      bundle = JSON.parse(dryRun.pasted);
    } catch {
      store.updateDryRun({ error: t.badJson, answer: undefined });
      return;
    }
  } else if (!dryRun.example) {
    store.updateDryRun({ error: t.noBundle, answer: undefined });
    return;
  }
  store.updateDryRun({ running: true, error: undefined });
  try {
    bundle ??= await callApi<unknown>(token, `examples/${encodeURIComponent(dryRun.example)}`);
    const answer = await callApi<DryRunAnswer>(token, 'dry-run', {
      method: 'POST',
      body: {
        bundle,
        hook: dryRun.hook,
        locale: dryRun.locale,
        now: dryRun.now,
        ...(dryRun.patientId ? { patientId: dryRun.patientId } : {}),
      },
    });
    store.updateDryRun({ running: false, answer });
  } catch (error) {
    store.updateDryRun({ running: false, error: problem(store, error), answer: undefined });
  }
}

export async function loadAlerts(store: Store): Promise<void> {
  const { token, alerts } = store.state;
  if (!token) return;
  store.updateAlerts({ loading: true, error: undefined });
  // "To" is inclusive in the form; the API's period is [from, to).
  const to = isoDay(new Date(Date.parse(alerts.to) + DAY_MS));
  const query = `from=${encodeURIComponent(alerts.from)}&to=${encodeURIComponent(to)}`;
  try {
    const [stats, daily] = await Promise.all([
      callApi<StatsReport>(token, `stats?${query}`),
      callApi<{ days: DailyRuleStats[] }>(token, `stats/daily?${query}`),
    ]);
    store.updateAlerts({
      loading: false,
      stats: stats.rules,
      hookCalls: stats.hookCalls,
      daily: daily.days,
      loaded: { first: alerts.from, last: alerts.to },
    });
  } catch (error) {
    store.updateAlerts({ loading: false, error: problem(store, error) });
  }
}

export async function loadFleet(store: Store): Promise<void> {
  const { token } = store.state;
  if (!token) return;
  store.updateFleet({ loading: true, error: undefined });
  // Not awaited with the list: /readyz answers even when the store behind /admin/instances
  // is down, which is exactly when it matters.
  void checkHealth(store);
  try {
    const { instances } = await callApi<{ instances: FleetNode[] }>(token, 'instances');
    store.updateFleet({ loading: false, instances, loadedAt: new Date().toISOString() });
  } catch (error) {
    store.updateFleet({ loading: false, error: problem(store, error) });
  }
}

/** Reads this node's /readyz into the state (the banner on every tab, the Fleet view line). */
export async function checkHealth(store: Store): Promise<void> {
  const health = await readNodeHealth();
  // Signed out meanwhile: nothing to show it in.
  if (store.state.token) store.update({ health });
}
