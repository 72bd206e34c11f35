/**
 * The shapes the console API answers with (src/config/config-view.ts, src/cds/dry-run-request.ts,
 * src/store/store.ts), restated here because the browser build does not compile src/.
 */
export type Indicator = 'info' | 'warning' | 'critical';

export interface ConfigView {
  provenance: { file: string | null; loadedAt: string; configHash: string; serviceVersion: string };
  rules: {
    id: string;
    enabled: boolean;
    indicator: Indicator;
    indicatorSource: string;
    acknowledgement: string | null;
    suppressAfterOverrideDays: number | null;
  }[];
  valueSets: {
    role: string;
    url: string;
    name: string;
    codes: { system: string; code: string; display: string | null }[];
  }[];
  siteClasses: { class: string; valueSetRoles: string[] }[];
  windows: { phaseWindowDays: number; imagingLookbackDays: number };
  textOnlyPatterns: string[];
  links: { source: string; trials: string | null; pathway: string | null };
  overrideReasons: { system: string; codes: { code: string; display: Record<string, string> }[] };
  locales: { available: string[]; default: string };
  fhir: { allowedServers: string[] };
}

export interface ExamplePatient {
  name: string;
  patientId: string;
  description: string | null;
  expectedCards: string | null;
}

/** CDS Hooks 2.0 §Card, as far as the console shows it. */
export interface Card {
  uuid: string;
  summary: string;
  indicator: Indicator;
  detail?: string;
  source: { label: string; url?: string };
  suggestions?: { label: string; uuid?: string; isRecommended?: boolean }[];
  links?: { label: string; url: string; type: 'absolute' | 'smart'; appContext?: string }[];
  extension?: Record<string, unknown>;
}

export interface DryRunAnswer {
  cards: Card[];
  patientId: string;
  locale: string;
  now: string;
  configHash: string;
  trace: { reference?: string; message: string }[];
  outcomes: { ruleId: string; fired: boolean; indicator: string | null; explain: string[] }[];
}

export interface RuleStats {
  ruleId: string;
  serviceId: string;
  served: number;
  accepted: number;
  overridden: number;
  unanswered: number;
  overrideReasons: { system?: string; code: string; count: number }[];
}

export interface DailyRuleStats {
  day: string;
  ruleId: string;
  served: number;
  accepted: number;
  overridden: number;
  unanswered: number;
}
