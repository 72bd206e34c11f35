/**
 * The EMD timeline (index.html, the SMART redirect target): completes the launch, reads the
 * patient's record, classifies it with the service's src/rules/ code compiled from the
 * service's own settings, and renders the time axis, body map and findings table with lit.
 */
import FHIR from 'fhirclient';
import { html, render, type TemplateResult } from 'lit';
import { bodyMap } from './body-map.js';
import { readPatientRecord, type MalformedReference } from './fhir-data.js';
import { findingsTable } from './findings-table.js';
import { LOCALES, pickLocale, withCause, type Locale } from './i18n.js';
import { labelsFor, type Labels } from './labels.js';
import { legend } from './legend.js';
import { timeAxis } from './time-axis.js';
import { compileTimelineSettings, type TimelineSettings } from './timeline-settings.js';
import { buildTimelineModel, type TimelineModel } from './timeline-model.js';
import { unreadableNotice } from './unreadable-notice.js';
import './timeline.css';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: (labels: Labels) => string }
  | {
      kind: 'unreadable';
      references: readonly MalformedReference[];
      settings: TimelineSettings;
    }
  | { kind: 'ready'; model: TimelineModel; settings: TimelineSettings };

const root = document.getElementById('app') as HTMLElement;
let locale: Locale = pickLocale(navigator.languages);
let state: State = { kind: 'loading' };

function draw(): void {
  // The settings once loaded, for the card wording's words: the notice of an unreadable record
  // joins its fields with the cards' list separator too.
  const labels = labelsFor(locale, 'settings' in state ? state.settings : undefined);
  document.documentElement.lang = locale;
  document.title = labels.t.title;
  render(page(labels), root);
}

function page(labels: Labels): TemplateResult {
  const { t } = labels;
  return html`<header class="top">
      <div>
        <h1>${t.title}</h1>
        <p class="subtitle">${t.subtitle}</p>
      </div>
      <div class="language" role="group" aria-label=${t.language}>
        ${LOCALES.map(
          (option) =>
            html`<button
              type="button"
              lang=${option}
              aria-pressed=${option === locale ? 'true' : 'false'}
              @click=${() => {
                locale = option;
                draw();
              }}
            >
              ${option === 'en' ? 'English' : '简体中文'}
            </button>`,
        )}
      </div>
    </header>
    ${body(labels)}`;
}

function body(labels: Labels): TemplateResult {
  const { t } = labels;
  switch (state.kind) {
    case 'loading':
      return html`<p class="status" role="status">${t.loading}</p>`;
    case 'error':
      return html`<section class="error" role="alert">
        <h2>${t.errors.heading}</h2>
        <p>${state.message(labels)}</p>
      </section>`;
    case 'unreadable':
      return unreadableNotice(state.references, labels);
    case 'ready': {
      const { model } = state;
      return html`<section class="patient" aria-label=${t.patient}>
          <p>
            <strong>${t.patient}${t.colon}</strong
            ><span class="patient-name">${model.patientName ?? model.patientId}</span
            >${t.fieldSeparator}<strong>${t.phase}${t.colon}</strong
            ><span class="phase" data-phase=${model.phase}>${t.phases[model.phase]}</span>
          </p>
          ${model.isMyelomaPatient ? '' : html`<p class="note">${t.noMyeloma}</p>`}
          ${model.dataGaps.map((gap) => html`<p class="note">${t.gaps[gap]}</p>`)}
        </section>
        ${legend(labels)}
        <div class="panels">
          <section class="panel axis-panel">
            <h2 id="axis-heading">${t.timelineHeading}</h2>
            <p id="axis-description" class="description">${t.timelineDescription}</p>
            ${timeAxis(model, labels)}
          </section>
          <section class="panel map-panel">
            <h2 id="map-heading">${t.bodyMapHeading}</h2>
            <p id="map-description" class="description">${t.bodyMapDescription}</p>
            ${bodyMap(model, labels)}
          </section>
        </div>
        <section class="panel">
          <h2 id="table-heading">${t.tableHeading}</h2>
          ${findingsTable(model, labels)}
        </section>
        <p class="disclaimer">${t.disclaimer}</p>`;
    }
  }
}

const failure = (what: (labels: Labels) => string, error: unknown) => (labels: Labels) =>
  withCause(labels.t, what(labels), error);

async function start(): Promise<void> {
  draw();
  let client;
  try {
    client = await FHIR.oauth2.ready();
  } catch {
    state = { kind: 'error', message: (l) => l.t.errors.notLaunched };
    return;
  }
  const patientId = client.patient.id;
  if (!patientId) {
    state = { kind: 'error', message: (l) => l.t.errors.noPatient };
    return;
  }
  let settings: TimelineSettings;
  try {
    const response = await fetch(new URL('settings.json', window.location.href));
    if (!response.ok) throw new Error(`HTTP ${String(response.status)}`);
    settings = compileTimelineSettings(await response.json());
  } catch (error) {
    state = { kind: 'error', message: failure((l) => l.t.errors.settings, error) };
    return;
  }
  try {
    const read = await readPatientRecord(client, patientId, settings.rules);
    state =
      read.kind === 'unreadable'
        ? { kind: 'unreadable', references: read.references, settings }
        : {
            kind: 'ready',
            model: buildTimelineModel(read.record, settings.rules, new Date()),
            settings,
          };
  } catch (error) {
    state = { kind: 'error', message: failure((l) => l.t.errors.fhir, error) };
  }
}

void start().finally(draw);
