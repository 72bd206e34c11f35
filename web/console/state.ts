/** The console's state, in one object; every change re-renders (lit-html diffs the DOM). */
import { defaultLanguage, type UiLanguage } from './i18n.js';
import type {
  ConfigView,
  DailyRuleStats,
  DryRunAnswer,
  ExamplePatient,
  RuleStatsWithRates,
  FleetNode,
} from './types.js';
import { DAY_MS } from '../../src/rules/time.js';
import type { NodeHealth } from './readyz-report.js';

export const VIEWS = ['rules', 'dry-run', 'alerts', 'fleet'] as const;
export type View = (typeof VIEWS)[number];

export interface DryRunState {
  example: string;
  pasted: string;
  hook: string;
  locale: string;
  now: string;
  patientId: string;
  fhirServer: string;
  running: boolean;
  error: string | undefined;
  answer: DryRunAnswer | undefined;
}

export interface AlertsState {
  from: string;
  to: string;
  loading: boolean;
  error: string | undefined;
  stats: RuleStatsWithRates[] | undefined;
  /** Hook calls per service in the loaded period (issue #17). */
  hookCalls: Record<string, number> | undefined;
  daily: DailyRuleStats[] | undefined;
  /** The days the loaded counts cover (the form may have changed since). */
  loaded: { first: string; last: string } | undefined;
}

export interface FleetState {
  loading: boolean;
  error: string | undefined;
  /** GET /admin/instances, as answered at `loadedAt`. */
  instances: FleetNode[] | undefined;
  loadedAt: string | undefined;
}

export interface State {
  language: UiLanguage;
  token: string | undefined;
  signInError: string | undefined;
  view: View;
  config: ConfigView | undefined;
  examples: ExamplePatient[];
  dryRun: DryRunState;
  alerts: AlertsState;
  fleet: FleetState;
  /** This node's /readyz, read at sign-in and with the Fleet view (issue #16). */
  health: NodeHealth | undefined;
}

export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

export function initialState(): State {
  const today = new Date();
  return {
    language: defaultLanguage(navigator.language),
    token: undefined,
    signInError: undefined,
    view: 'rules',
    config: undefined,
    examples: [],
    dryRun: {
      example: '',
      pasted: '',
      hook: 'patient-view',
      locale: 'en',
      now: isoDay(today),
      patientId: '',
      fhirServer: '',
      running: false,
      error: undefined,
      answer: undefined,
    },
    alerts: {
      from: isoDay(new Date(today.getTime() - 29 * DAY_MS)),
      to: isoDay(today),
      loading: false,
      error: undefined,
      stats: undefined,
      hookCalls: undefined,
      daily: undefined,
      loaded: undefined,
    },
    fleet: { loading: false, error: undefined, instances: undefined, loadedAt: undefined },
    health: undefined,
  };
}

/** The state and the one way to change it. */
export class Store {
  #state: State;
  readonly #onChange: () => void;

  constructor(state: State, onChange: () => void) {
    this.#state = state;
    this.#onChange = onChange;
  }

  get state(): State {
    return this.#state;
  }

  update(patch: Partial<State>): void {
    this.#state = { ...this.#state, ...patch };
    this.#onChange();
  }

  updateDryRun(patch: Partial<DryRunState>): void {
    this.update({ dryRun: { ...this.#state.dryRun, ...patch } });
  }

  updateAlerts(patch: Partial<AlertsState>): void {
    this.update({ alerts: { ...this.#state.alerts, ...patch } });
  }

  updateFleet(patch: Partial<FleetState>): void {
    this.update({ fleet: { ...this.#state.fleet, ...patch } });
  }
}
