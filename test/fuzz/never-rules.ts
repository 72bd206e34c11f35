/**
 * Rules page §6 as a test oracle, deciding from the raw resources of the request with its own
 * reading of §2–§4 (./spec-reading.ts) and importing nothing from src/: no `warning` or
 * `critical` card rests only on refuted, entered-in-error, history or text-only data. A card
 * is not exempt for citing no Condition (one fired by the phase must cite the Conditions that
 * set it, issue #13 item 8): each warning or critical card must cite an active, coded
 * myeloma or plasmacytoma Condition of this patient that no status reading refutes. And
 * §6's last line: no finding is dropped silently (expectNoFindingDropped).
 *
 * `npm run fuzz` runs 10,000 cases a property; `npm test` runs FUZZ_RUNS (default 200).
 */
import { expect } from 'vitest';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { displayIn, SETS } from './codes.js';
import { evidenceOf, ruleIdOf } from './harness.js';
import {
  alarmGrade,
  best,
  isRecord,
  isSurely,
  mayBeHistoryOfAnother,
  myelomaGrade,
  type Grade,
} from './spec-reading.js';

type Json = Record<string, unknown>;
type Indicator = 'info' | 'warning' | 'critical';
const LEVEL: Record<Indicator, number> = { info: 0, warning: 1, critical: 2 };
const lower = (i: Indicator): Indicator => (i === 'critical' ? 'warning' : 'info');

/** Rules page §4 table, "indicator" column: each rule's level before any lowering. */
const RULE_LEVELS: Record<string, Indicator> = {
  'emd-leptomeningeal': 'critical',
  'emd-cns': 'critical',
  'emd-soft-tissue': 'warning',
  'emd-paraskeletal': 'info',
  'emd-unclassified': 'info',
  'emd-imaging-review': 'info',
  'emd-cns-imaging-review': 'warning',
  'emd-reported-not-listed': 'info',
  'emd-imaging-order': 'info',
};

/** The resources of a request's prefetch, Bundle entries with their fullUrl. */
function entriesOf(body: Json): { resource: Json; fullUrl?: string }[] {
  const prefetch = isRecord(body.prefetch) ? Object.values(body.prefetch) : [];
  return prefetch.flatMap((value) => {
    if (!isRecord(value)) return [];
    if (value.resourceType !== 'Bundle') return [{ resource: value }];
    const entries = Array.isArray(value.entry) ? value.entry : [];
    return entries.flatMap((e) =>
      isRecord(e) && isRecord(e.resource)
        ? [
            {
              resource: e.resource,
              ...(typeof e.fullUrl === 'string' ? { fullUrl: e.fullUrl } : {}),
            },
          ]
        : [],
    );
  });
}

/**
 * §2 "Inputs": a subject is this patient as `Patient/<id>` (relative, absolute, versioned)
 * or as the fullUrl of a Patient entry with that id in the request.
 */
function isThisPatient(
  subject: unknown,
  patientId: unknown,
  patientUrls: ReadonlySet<string>,
): boolean {
  const reference = isRecord(subject) ? subject.reference : undefined;
  if (typeof reference !== 'string') return false;
  const match = /(?:^|\/)Patient\/([^/]+)(?:\/_history\/[^/]+)?$/.exec(reference);
  return match?.[1] === patientId || patientUrls.has(reference);
}

interface ConditionOfPatient {
  /** How a card may cite it: `Condition/id`, else its fullUrl, else `Condition#…`. */
  citation: string;
  alarm: Grade;
  myeloma: Grade;
  isSurelyMyeloma: boolean;
  isSurelyFinding: boolean;
  resource: Json;
}

export function conditionsOfPatient(body: Json): ConditionOfPatient[] {
  const entries = entriesOf(body);
  // The hook's patient (§2): context.patientId.
  const patientId = isRecord(body.context) ? body.context.patientId : undefined;
  const patientUrls = new Set(
    entries.flatMap(({ resource, fullUrl }) =>
      resource.resourceType === 'Patient' && resource.id === patientId && fullUrl ? [fullUrl] : [],
    ),
  );
  const ofPatient = entries.filter(
    ({ resource }) =>
      resource.resourceType === 'Condition' &&
      isThisPatient(resource.subject, patientId, patientUrls),
  );
  const resources = ofPatient.map((e) => e.resource);
  return ofPatient.map(({ resource, fullUrl }) => {
    const id = typeof resource.id === 'string' && resource.id ? resource.id : undefined;
    const citation = id ? `Condition/${id}` : (fullUrl ?? 'Condition#');
    return {
      citation,
      alarm: alarmGrade(resource),
      myeloma: myelomaGrade(resource),
      isSurelyMyeloma: isSurely('myeloma', resource),
      // H94: one with no clinicalStatus may be read as the history of another recording.
      isSurelyFinding: isSurely('finding', resource) && !mayBeHistoryOfAnother(resource, resources),
      resource,
    };
  });
}

/** The best grade among the Conditions a card cites (an anonymous one: any anonymous one). */
function citedGrade(card: Card, conditions: readonly ConditionOfPatient[]): Grade {
  const cited = evidenceOf(card);
  return best(
    conditions
      .filter(({ citation }) =>
        citation === 'Condition#'
          ? cited.some((r) => r.startsWith('Condition#'))
          : cited.includes(citation),
      )
      .map((c) => c.alarm),
  );
}

/**
 * Rules page §3.1, §2 and §6 over one answer: no myeloma → no card; no card above its §4
 * level; lowered one level when it rests only on uncertain Conditions or the patient's only
 * myeloma is uncertain; info when it cites no Condition that can carry an alarm.
 */
export function expectNoGroundlessAlarm(cards: readonly Card[], body: Json): void {
  const conditions = conditionsOfPatient(body);
  const myeloma = best(conditions.map((c) => c.myeloma));
  if (myeloma === 'none') expect(cards, 'no myeloma Condition, yet cards (§3.1)').toEqual([]);
  for (const card of cards) {
    const ruleId = String(ruleIdOf(card));
    const base = RULE_LEVELS[ruleId];
    expect(base, `${ruleId} is no rule of §4`).toBeDefined();
    const cited = citedGrade(card, conditions);
    let cap: Indicator = base ?? 'info';
    if (cited === 'none') cap = 'info';
    else if (cited === 'uncertain' || myeloma === 'uncertain') cap = lower(cap);
    const why =
      `${card.indicator} ${ruleId} allows at most ${cap}: evidence ` +
      `[${evidenceOf(card).join(', ')}], best cited Condition ${cited}, myeloma ${myeloma}`;
    expect(LEVEL[card.indicator] <= LEVEL[cap], why).toBe(true);
  }
}

/**
 * The words a card may list a finding by: its body sites' displays and codes, and the name the
 * site value sets give a code (a site coded with no words is named so, H63).
 */
function siteWords(resource: Json): string[] {
  const sites = Array.isArray(resource.bodySite) ? resource.bodySite : [];
  return sites.flatMap((site) => {
    const codings = isRecord(site) && Array.isArray(site.coding) ? site.coding : [];
    return codings.flatMap((c) =>
      isRecord(c)
        ? [c.display, c.code, displayIn(c as fhir4.Coding, SETS.site)].filter(
            (w): w is string => typeof w === 'string' && w.trim() !== '',
          )
        : [],
    );
  });
}

/**
 * Rules page §6 "never drops a finding silently", on patient-view: for a patient who surely
 * has myeloma, every Condition that is surely an active, confirmed plasmacytoma is cited by
 * some card, or (outranked, issue #13 item 6) listed by one of its sites in a card's detail.
 * One with no clinicalStatus that H94 may read as another recording's history is not surely one.
 */
export function expectNoFindingDropped(cards: readonly Card[], body: Json): void {
  const conditions = conditionsOfPatient(body);
  if (!conditions.some((c) => c.isSurelyMyeloma)) return;
  const cited = new Set(cards.flatMap((card) => evidenceOf(card)));
  // Record text is Markdown-escaped in the detail (rules page §4): compare without escapes.
  const details = cards.map((card) => (card.detail ?? '').replace(/\\/g, ''));
  for (const { citation, isSurelyFinding, resource } of conditions) {
    if (!isSurelyFinding || citation === 'Condition#' || cited.has(citation)) continue;
    const listed = siteWords(resource).some((word) => details.some((d) => d.includes(word)));
    expect(listed, `${citation} is an active finding no card cites or lists`).toBe(true);
  }
}
