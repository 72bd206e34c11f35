/**
 * What the console does on the user's behalf: sign in, dry run, load the alert counts, load
 * the fleet, check this node's health.
 */
import { ApiError, callApi, saveToken } from './api.js';
import { messages } from './i18n.js';
import { readNodeHealth, type NodeHealth } from './readyz-report.js';
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
  // Run stays focusable while it runs (aria-disabled, not disabled), so a second press lands
  // here.
  if (!token || dryRun.running) return;
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
  if (!token || alerts.loading) return;
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
  if (!token || store.state.fleet.loading) return;
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
  if (!store.state.token) return;
  store.update({ health });
  if (isConfigStale(store.state.config, health)) await reloadConfig(store);
}

/**
 * Whether the configuration shown is not the one /readyz says is in force, or tells another
 * refusal than /readyz's (or none): read once at sign-in, it would go on showing the settings
 * and the refusal of then.
 */
function isConfigStale(config: ConfigView | undefined, health: NodeHealth): boolean {
  if (!config || health.status === 'unreachable') return false;
  const refusedAt = health.reasons.find((r) => r.kind === 'config reload refused');
  return (
    (health.configHash !== undefined && health.configHash !== config.provenance.configHash) ||
    (refusedAt?.kind === 'config reload refused' ? refusedAt.at : null) !==
      (config.reloadRefused?.at ?? null)
  );
}

/** GET /admin/config again; on failure the configuration read before stays shown. */
async function reloadConfig(store: Store): Promise<void> {
  const { token } = store.state;
  if (!token) return;
  try {
    const config = await callApi<ConfigView>(token, 'config');
    if (store.state.token === token) store.update({ config });
  } catch {
    // The next check tries again; the banner says what /readyz says meanwhile.
  }
}
