/**
 * What the EMD timeline app (issue #9) needs from the service besides its static files:
 * GET /timeline/settings.json, the data the service compiled its classification from (so
 * the browser runs the same src/rules/ code on the same inputs), and a Content-Security-
 * Policy that lets the page read the EHR's FHIR server, which is on another origin; and the
 * launch page's `patient` checked as a hook's patient id is (./timeline-launch.ts).
 */
import helmet from 'helmet';
import type { Express, RequestHandler } from 'express';
import type { Wording } from '../cds/cards/wording.js';
import type { ServiceSettings } from '../cds/service-settings.js';
import { FINDING_CLASSES, type FindingClass } from '../rules/types.js';
import type { ClassificationSource } from '../rules/rule-settings.js';
import { checkLaunchPatient } from './timeline-launch.js';

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

/** Origins the timeline pages need besides the service and the FHIR servers (config `timeline`). */
export interface TimelineOrigins {
  /** SMART authorization servers on another origin: the app posts to their token endpoint. */
  authorizationServers: readonly string[];
  /** EHRs that show the app in an iframe. */
  embeddingOrigins: readonly string[];
}

const NO_OTHER_ORIGINS: TimelineOrigins = { authorizationServers: [], embeddingOrigins: [] };

/**
 * helmet's CSP for the timeline pages, with `connect-src` widened to the origins of the FHIR
 * servers the service is allowed to read (FHIR_SERVERS / fhir.allowedServers) and of the SMART
 * authorization servers configured apart: the page reads the patient's data straight from the
 * EHR's FHIR server, and after launch fhirclient posts to the token endpoint, which some EHRs
 * (Oracle Health) serve from another origin. `frame-ancestors` adds the EHRs that embed the app
 * in an iframe; X-Frame-Options (SAMEORIGIN for every other page) is then dropped here, since
 * it cannot name them and a browser that knows CSP 2 ignores it beside `frame-ancestors`.
 * `upgrade-insecure-requests` is kept unless a server is plain http (allowed on loopback only),
 * where it would break the fetch.
 */
function timelineContentSecurityPolicy(
  fhirServers: readonly string[],
  other: TimelineOrigins = NO_OTHER_ORIGINS,
): RequestHandler {
  const originsOf = (urls: readonly string[]) => [
    ...new Set(urls.map((url) => new URL(url).origin)),
  ];
  const origins = originsOf([...fhirServers, ...other.authorizationServers]);
  const embedders = originsOf(other.embeddingOrigins);
  const anyHttp = origins.some((origin) => origin.startsWith('http:'));
  const policy = helmet.contentSecurityPolicy({
    directives: {
      'connect-src': ["'self'", ...origins],
      ...(embedders.length > 0 ? { 'frame-ancestors': ["'self'", ...embedders] } : {}),
      ...(anyHttp ? { 'upgrade-insecure-requests': null } : {}),
    },
  });
  if (embedders.length === 0) return policy;
  return (req, res, next) => {
    res.removeHeader('X-Frame-Options');
    policy(req, res, next);
  };
}

export function serveTimelineApi(
  app: Express,
  settings: () => ServiceSettings,
  fhirServers: readonly string[],
  otherOrigins?: TimelineOrigins,
): void {
  app.use('/timeline', timelineContentSecurityPolicy(fhirServers, otherOrigins));
  app.get('/timeline/launch.html', checkLaunchPatient);
  app.get('/timeline/settings.json', (_req, res) => {
    // A reload may change it; never serve a stale one.
    res.setHeader('Cache-Control', 'no-cache');
    res.json(timelineSettingsDocument(settings()));
  });
}
