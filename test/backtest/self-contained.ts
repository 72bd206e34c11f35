/**
 * What the backtest's HTML report must not contain to stay self-contained (docs/backtest.md:
 * "no script, no network"; src/backtest/render-html.ts: it may be opened on a ward PC or
 * attached to a change request): a script, or anything a browser fetches or follows, such
 * as a link to a FHIR server or a patient. URLs as text are harmless and expected: the codes
 * not read name their code systems (`http://hl7.org/fhir/sid/icd-10`), and the SVG namespace
 * is a URI.
 */
export const LOADS_OR_LINKS =
  /<(?:script|iframe|object|embed|img|link|base)\b|\s(?:href|xlink:href|src|srcset|action|formaction|poster)\s*=|url\s*\(|@import/i;
