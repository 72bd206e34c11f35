/**
 * The informatics console (issue #9): sign in with the admin token, then Rules, Dry run,
 * Alerts and Fleet (issue #16). One state object; every change re-renders with lit-html.
 * Served by the service at /console/ under helmet's default CSP: no inline script, nothing
 * from a CDN.
 */
import { html, render, type TemplateResult } from 'lit';
import './console.css';
import { alertsView, drawAlertCharts } from './alerts-view.js';
import { checkHealth, loadAlerts, loadFleet, runDryRun, signIn, signOut } from './actions.js';
import { savedToken } from './api.js';
import { dropDetachedCharts } from './charts.js';
import { dryRunView } from './dry-run-view.js';
import { fleetView } from './fleet-view.js';
import { healthBanner } from './node-health.js';
import { messages, UI_LANGUAGES, type MessageKey, type UiLanguage } from './i18n.js';
import { rulesView } from './rules-view.js';
import { signInView } from './sign-in.js';
import { initialState, Store, VIEWS, type View } from './state.js';

const root = document.getElementById('app');
if (!root) throw new Error('the page has no #app');
const store = new Store(initialState(), () => {
  draw();
});

const VIEW_LABEL: Record<View, MessageKey> = {
  rules: 'rules',
  'dry-run': 'dryRun',
  alerts: 'alerts',
  fleet: 'fleet',
};

function selectView(view: View): void {
  store.update({ view });
  if (view === 'alerts' && !store.state.alerts.stats) void loadAlerts(store);
  // Loaded each time the tab is chosen: heartbeats are only worth reading fresh.
  if (view === 'fleet') void loadFleet(store);
  // /readyz (and the configuration, when it moved) read again on every tab chosen, the one
  // shown too: the analyst keeps the console open while saving the file, and sign-in's reading
  // would go on showing the file of then, refused or not. loadFleet reads it already.
  else void checkHealth(store);
}

/** WAI-ARIA tabs: arrow keys, Home and End move between tabs. */
function tabKeys(event: KeyboardEvent): void {
  const index = VIEWS.indexOf(store.state.view);
  const next =
    event.key === 'ArrowRight'
      ? (index + 1) % VIEWS.length
      : event.key === 'ArrowLeft'
        ? (index + VIEWS.length - 1) % VIEWS.length
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? VIEWS.length - 1
            : undefined;
  if (next === undefined) return;
  event.preventDefault();
  const view = VIEWS[next] ?? 'rules';
  selectView(view);
  document.getElementById(`tab-${view}`)?.focus();
}

/**
 * Signs in from the form. The form is gone once signed in, and the focus with it: it goes to
 * the chosen view's tab, where the keyboard goes on (WCAG 2.4.3), not back to the page's top.
 */
async function signInAndFocus(token: string): Promise<void> {
  await signIn(store, token);
  if (store.state.token) document.getElementById(`tab-${store.state.view}`)?.focus();
}

function panel(): TemplateResult {
  const { state } = store;
  const t = messages(state.language);
  if (!state.config) return html`<p>${t.loading}</p>`;
  switch (state.view) {
    case 'rules':
      return rulesView(t, state.config, state.language, state.health);
    case 'dry-run':
      return dryRunView(t, state.dryRun, state.examples, state.config, {
        change: (patch) => {
          store.updateDryRun(patch);
        },
        run: () => void runDryRun(store),
      });
    case 'alerts':
      return alertsView(t, state.alerts, state.config, state.language, {
        change: (patch) => {
          store.updateAlerts(patch);
        },
        load: () => void loadAlerts(store),
      });
    case 'fleet':
      return fleetView(t, state.fleet, state.health, { load: () => void loadFleet(store) });
  }
}

function page(): TemplateResult {
  const { state } = store;
  const t = messages(state.language);
  const languageSwitch = html`<label for="ui-language">${t.language}</label>
    <select
      id="ui-language"
      @change=${(e: Event) => {
        store.update({ language: (e.target as HTMLSelectElement).value as UiLanguage });
      }}
    >
      ${UI_LANGUAGES.map((l) => html`<option value=${l} lang=${l} ?selected=${l === state.language}>${l === 'en' ? 'English' : '简体中文'}</option>`)}
    </select>`;
  return html`<header class="top">
      <h1>${t.title}</h1>
      <div class="top-controls">
        ${languageSwitch}
        ${
          state.token
            ? html`<button
                type="button"
                class="secondary"
                @click=${() => {
                  signOut(store);
                  // The button is gone with the views: the focus goes to the token field
                  // rather than to the page (WCAG 2.4.3).
                  document.getElementById('admin-token')?.focus();
                }}
              >
                ${t.signOut}
              </button>`
            : ''
        }
      </div>
    </header>
    ${
      state.token
        ? html`${healthBanner(
              t,
              state.health,
              state.config?.provenance.file ?? undefined,
              state.config?.reloadRefused,
            )}
            <nav>
              <div role="tablist" aria-label=${t.views} @keydown=${tabKeys}>
                ${VIEWS.map(
                  (view) =>
                    html`<button
                      type="button"
                      role="tab"
                      id=${`tab-${view}`}
                      aria-selected=${view === state.view ? 'true' : 'false'}
                      aria-controls="panel"
                      tabindex=${view === state.view ? '0' : '-1'}
                      @click=${() => {
                        selectView(view);
                      }}
                    >
                      ${t[VIEW_LABEL[view]]}
                    </button>`,
                )}
              </div>
            </nav>
            <section id="panel" role="tabpanel" aria-labelledby=${`tab-${state.view}`} tabindex="0">
              ${panel()}
            </section>`
        : signInView(t, state.signInError, (token) => void signInAndFocus(token))
    }`;
}

function draw(): void {
  document.documentElement.lang = store.state.language;
  document.title = messages(store.state.language).title;
  render(page(), root as HTMLElement);
  dropDetachedCharts();
  if (store.state.token && store.state.view === 'alerts')
    drawAlertCharts(messages(store.state.language), store.state.alerts);
}

draw();
const token = savedToken();
if (token) void signIn(store, token);
