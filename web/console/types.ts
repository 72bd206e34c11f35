/**
 * The shapes the console API answers with, imported from the server code that builds them
 * (type-only: erased from the browser build), so the console cannot drift from the API.
 */
export type { Indicator } from '../../src/rules/types.js';
/** What GET /admin/config answers: the configuration in force, and the file's standing. */
export type { ConfigAnswer as ConfigView } from '../../src/config/config-standing.js';
export type { ReloadRefusal } from '../../src/config/reload-refusal.js';
export type { ExamplePatient } from '../../src/config/example-patients.js';
export type { Card } from '../../src/cds/response-schema.js';
export type { DryRunAnswer } from '../../src/cds/dry-run-request.js';
export type { RuleStats, DailyRuleStats } from '../../src/store/store.js';
export type { CallRate, RuleStatsWithRates, StatsReport } from '../../src/store/stats-report.js';
export type { FleetNode } from '../../src/store/fleet-view.js';
export type { ReadinessReport } from '../../src/http/readiness.js';
