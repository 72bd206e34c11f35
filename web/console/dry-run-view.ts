/**
 * Dry run: an example patient or a pasted/uploaded Bundle, a hook, a card language and
 * "now"; the cards as an EHR shows them beside the explain trace. Nothing is audited.
 */
import { html, type TemplateResult } from 'lit';
import { cardView } from './card-view.js';
import { fillIn, type MessageKey } from './i18n.js';
import { INDICATORS } from '../../src/rules/types.js';
import type { DryRunState } from './state.js';
import type { ConfigView, DryRunAnswer, ExamplePatient } from './types.js';

const HOOKS = ['patient-view', 'imaging-review', 'order-select', 'order-sign'];
/** The rules write their explain trace in English only (src/rules/build-outcome.ts). */
const TRACE_LANGUAGE = 'en';

export interface DryRunActions {
  change(patch: Partial<DryRunState>): void;
  run(): void;
}

export function dryRunView(
  t: Record<MessageKey, string>,
  state: DryRunState,
  examples: readonly ExamplePatient[],
  config: ConfigView,
  actions: DryRunActions,
): TemplateResult {
  const value = (event: Event) => (event.target as HTMLInputElement).value;
  const upload = async (event: Event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) actions.change({ pasted: await file.text(), example: '' });
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    actions.run();
  };
  const selected = examples.find((e) => e.name === state.example);
  return html`<h2>${t.dryRun}</h2>
    <div class="dry-run">
      <form class="dry-run-form" @submit=${submit} aria-describedby="dry-run-error">
        <label for="example">${t.examplePatient}</label>
        <select
          id="example"
          .value=${state.example}
          @change=${(e: Event) => {
            actions.change({ example: value(e), pasted: '' });
          }}
        >
          <option value="">${t.chooseExample}</option>
          ${examples.map(
            (e) =>
              html`<option value=${e.name} ?selected=${e.name === state.example}>
                ${e.name}
              </option>`,
          )}
        </select>
        ${selected?.description ? html`<p class="muted">${selected.description}</p>` : ''}
        <label for="bundle-text">${t.orBundle}</label>
        <textarea
          id="bundle-text"
          rows="4"
          spellcheck="false"
          .value=${state.pasted}
          @input=${(e: Event) => {
            actions.change({ pasted: value(e), example: '' });
          }}
        ></textarea>
        <label for="bundle-file">${t.uploadBundle}</label>
        <input id="bundle-file" type="file" accept=".json,application/json" @change=${upload} />
        <div class="row">
          <div>
            <label for="hook">${t.hook}</label>
            <select
              id="hook"
              @change=${(e: Event) => {
                actions.change({ hook: value(e) });
              }}
            >
              ${HOOKS.map((h) => html`<option value=${h} ?selected=${h === state.hook}>${h}</option>`)}
            </select>
          </div>
          <div>
            <label for="card-locale">${t.cardLocale}</label>
            <select
              id="card-locale"
              @change=${(e: Event) => {
                actions.change({ locale: value(e) });
              }}
            >
              ${config.locales.available.map(
                (l) => html`<option value=${l} ?selected=${l === state.locale}>${l}</option>`,
              )}
            </select>
          </div>
          <div>
            <label for="now">${t.now}</label>
            <input
              id="now"
              type="date"
              required
              .value=${state.now}
              @change=${(e: Event) => {
                actions.change({ now: value(e) });
              }}
            />
          </div>
        </div>
        <label for="patient-id">${t.patientId}</label>
        <input
          id="patient-id"
          .value=${state.patientId}
          @input=${(e: Event) => {
            actions.change({ patientId: value(e) });
          }}
        />
        <label for="fhir-server">${t.fhirServer}</label>
        <input
          id="fhir-server"
          type="url"
          .value=${state.fhirServer}
          aria-describedby="smart-help"
          @input=${(e: Event) => {
            actions.change({ fhirServer: value(e) });
          }}
        />
        <p id="smart-help" class="muted">${t.smartHelp}</p>
        <!-- aria-disabled, not disabled: a disabled button drops the keyboard's focus to the
          page (WCAG 2.4.3); runDryRun ignores a press while it runs. -->
        <button type="submit" aria-disabled=${state.running ? 'true' : 'false'}>
          ${state.running ? t.running : t.run}
        </button>
        <p id="dry-run-status" role="status">${runStatus(t, state)}</p>
        <p id="dry-run-error" class="error" role="alert">${state.error ?? ''}</p>
      </form>
      ${state.answer ? resultView(t, state, state.answer) : ''}
    </div>`;
}

/**
 * The dry run's progress and result in words, in a status region that is always on the page:
 * a region added with its text is not announced, one whose text changes is (WCAG 4.1.3). The
 * cards themselves are not a live region: read out whole, they would drown the count.
 */
function runStatus(t: Record<MessageKey, string>, state: DryRunState): string {
  if (state.running) return t.running;
  return state.answer ? `${t.cards} (${String(state.answer.cards.length)})` : '';
}

/** "fired (Critical)": the level in the console's words, as on the card's badge. */
function firedWords(t: Record<MessageKey, string>, indicator: string | null): string {
  const level = INDICATORS.find((known) => known === indicator);
  return level ? fillIn(t.firedAt, { level: t[level] }) : t.fired;
}

function resultView(
  t: Record<MessageKey, string>,
  state: DryRunState,
  answer: DryRunAnswer,
): TemplateResult {
  const launch = { fhirServer: state.fhirServer, patientId: answer.patientId };
  // Live and silent cards share one column of the grid, the trace keeping the next one.
  return html`<div class="dry-run-cards">
      <section class="cards" aria-labelledby="cards-heading">
        <h3 id="cards-heading">${t.cards} (${answer.cards.length})</h3>
        ${answer.cards.length === 0 ? html`<p data-testid="no-cards">${t.noCards}</p>` : ''}
        ${answer.cards.map((card) => cardView(t, card, launch, answer.locale))}
      </section>
      ${
        answer.silentCards.length > 0
          ? html`<section
              class="cards silent"
              aria-labelledby="silent-cards-heading"
              data-testid="silent-cards"
            >
              <h3 id="silent-cards-heading">${t.silentCards} (${answer.silentCards.length})</h3>
              <p class="muted">${t.silentCardsHelp}</p>
              ${answer.silentCards.map((card) => cardView(t, card, launch, answer.locale))}
            </section>`
          : ''
      }
    </div>
    <section class="trace" aria-labelledby="trace-heading">
      <h3 id="trace-heading">${t.trace}</h3>
      <ul class="outcomes" data-testid="outcomes">
        ${answer.outcomes.map(
          (o) =>
            html`<li>
              <strong><code>${o.ruleId}</code></strong
              >: ${o.fired ? firedWords(t, o.indicator) : t.notFired}
              <ul lang=${TRACE_LANGUAGE}>
                ${o.explain.map((line) => html`<li>${line}</li>`)}
              </ul>
            </li>`,
        )}
      </ul>
      <!-- Open: which record counted as what, and the phase, is what a dry run is read for. -->
      <details open data-testid="trace-records">
        <summary>${fillIn(t.traceRecords, { n: answer.trace.length })}</summary>
        <ul lang=${TRACE_LANGUAGE}>
          ${answer.trace.map(
            (line) =>
              html`<li>
                ${line.reference ? html`<code>${line.reference}</code>: ` : ''}${line.message}
              </li>`,
          )}
        </ul>
      </details>
    </section>`;
}
