/**
 * SMART App Launch (EHR launch) of the EMD timeline: the EHR opens
 * `launch.html?iss=<FHIR base>&launch=<opaque>`; fhirclient discovers the server's SMART
 * endpoints and sends the browser to its authorization endpoint, which returns to index.html.
 *
 * Open servers (no SMART endpoints, like the local test FHIR server) need no authorization; for
 * them the launcher names the patient with `&patient=<id>` (the console emulates an EHR this
 * way), handed to fhirclient as `patientId`. With a real SMART server the token response
 * names the patient and replaces that value, so the parameter cannot widen access.
 */
import FHIR from 'fhirclient';
import { DICTIONARIES, pickLocale, withCause } from './i18n.js';
import './timeline.css';

/** Public client: no secret in a browser. */
export const CLIENT_ID = 'emd-cds-timeline';

/**
 * SMART v1 scopes, read-only and for the launched patient only, one per resource the app
 * reads (the same as the service's prefetch). No openid / fhirUser: the app does not need
 * to know the user. No offline_access: it lives as long as the EHR session.
 */
export const SCOPES = [
  'launch',
  'patient/Patient.read',
  'patient/Condition.read',
  'patient/ImagingStudy.read',
  'patient/DiagnosticReport.read',
].join(' ');

const params = new URLSearchParams(window.location.search);
const t = DICTIONARIES[pickLocale(navigator.languages)];
const app = document.getElementById('app');

function show(message: string, isError: boolean): void {
  if (!app) return;
  app.replaceChildren();
  const box = document.createElement(isError ? 'section' : 'p');
  if (isError) {
    box.setAttribute('role', 'alert');
    box.className = 'error';
    const heading = document.createElement('h1');
    heading.textContent = t.errors.heading;
    const text = document.createElement('p');
    text.textContent = message;
    box.append(heading, text);
  } else {
    box.className = 'status';
    box.setAttribute('role', 'status');
    box.textContent = message;
  }
  app.append(box);
}

const iss = params.get('iss');
if (!iss) {
  show(t.errors.noIss, true);
} else {
  show(t.launching, false);
  const patientId = params.get('patient');
  FHIR.oauth2
    .authorize({
      clientId: CLIENT_ID,
      scope: SCOPES,
      iss,
      ...(params.get('launch') ? { launch: params.get('launch') ?? '' } : {}),
      ...(patientId ? { patientId } : {}),
      redirectUri: 'index.html',
    })
    .catch((error: unknown) => {
      show(withCause(t, t.errors.fhir, error), true);
    });
}
