/**
 * What the EMD timeline app (issue #9) needs from the service besides its static files:
 * GET /timeline/settings.json, the data the service compiled its classification from (so
 * the browser runs the same src/rules/ code on the same inputs), and a Content-Security-
 * Policy that lets the page read the EHR's FHIR server, which is on another origin.
 */
import helmet from 'helmet';
import type { Express, RequestHandler } from 'express';
import type { Wording } from '../cds/cards/wording.js';
import type { ServiceSettings } from '../cds/service-settings.js';
import { FINDING_CLASSES, type FindingClass } from '../rules/types.js';
import type { ClassificationSource } from '../rules/rule-settings.js';

/**
 * GET /timeline/settings.json. No patient data and no secrets: the value sets, naming systems,
 * windows and text patterns in force, and the class labels, list separator and names for
 * unnamed things of the card wording.
 */
export interface TimelineSettingsDocument {
  /** Changes with every reload that changes what a card says (org.emd-cds.config-hash). */
  configHash: string;
  serviceVersion: string;
  classification: ClassificationSource;
  /** Locale → finding class → label, from config/wording/<locale>.yaml `classLabels`. */
  classLabels: Record<string, Record<FindingClass, string>>;
  /** Locale → what joins the items of a list (`listSeparator`: 、 in Chinese, as cards join). */
  listSeparators: Record<string, string>;
  /** Locale → what a site, study or report the record names in no way is called (`unnamedLabels`). */
  unnamedLabels: Record<string, Wording['unnamedLabels']>;
}

export function timelineSettingsDocument(settings: ServiceSettings): TimelineSettingsDocument {
  return {
    configHash: settings.configHash,
    serviceVersion: settings.serviceVersion,
    classification: settings.classification,
    classLabels: Object.fromEntries(
      Object.entries(settings.wording).map(([locale, wording]) => [
        locale,
        Object.fromEntries(FINDING_CLASSES.map((c) => [c, wording.classLabels[c]])) as Record<
          FindingClass,
          string
        >,
      ]),
    ),
    listSeparators: Object.fromEntries(
      Object.entries(settings.wording).map(([locale, wording]) => [locale, wording.listSeparator]),
    ),
    unnamedLabels: Object.fromEntries(
      Object.entries(settings.wording).map(([locale, wording]) => [locale, wording.unnamedLabels]),
    ),
  };
}

/**
 * helmet's CSP for the timeline pages, with `connect-src` widened to the origins of the FHIR
 * servers the service is allowed to read (FHIR_SERVERS / fhir.allowedServers): the page reads
 * the patient's data straight from the EHR's FHIR server. `upgrade-insecure-requests` is kept
 * unless a server is plain http (allowed on loopback only), where it would break the fetch.
 */
export function timelineContentSecurityPolicy(fhirServers: readonly string[]): RequestHandler {
  const origins = [...new Set(fhirServers.map((server) => new URL(server).origin))];
  const anyHttp = origins.some((origin) => origin.startsWith('http:'));
  return helmet.contentSecurityPolicy({
    directives: {
      'connect-src': ["'self'", ...origins],
      ...(anyHttp ? { 'upgrade-insecure-requests': null } : {}),
    },
  });
}

export function serveTimelineApi(
  app: Express,
  settings: () => ServiceSettings,
  fhirServers: readonly string[],
): void {
  app.use('/timeline', timelineContentSecurityPolicy(fhirServers));
  app.get('/timeline/settings.json', (_req, res) => {
    // A reload may change it; never serve a stale one.
    res.setHeader('Cache-Control', 'no-cache');
    res.json(timelineSettingsDocument(settings()));
  });
}
