/**
 * Every `emd-cds` command's usage line, by command name, in the order help lists them. Apart
 * from the commands' modules, which src/cli/main.ts loads only for the command it runs: help
 * and a wrong command line print these without loading any (zod's schemas, DuckDB, express,
 * the value sets took `emd-cds --help` 1.2 s). Only light modules may be imported here; a test
 * (test/cli/help-loads-nothing.test.ts) holds this file's imports to that.
 */
import { BACKTEST_HOOKS } from '../backtest/backtest-hooks.js';
import { DRY_RUN_HOOKS } from '../cds/dry-run-hooks.js';

/** The default "now" synthetic records are dated from: give the backtest the same --now. */
export const SYNTHETIC_DEFAULT_NOW = '2026-11-01';

export const USAGES = {
  validate: 'emd-cds validate [--strict] <config.yaml>',
  evaluate: `emd-cds evaluate <bundle.json> [--hook ${DRY_RUN_HOOKS.join('|')}] [--patient <id>] [--study <id>] [--locale <locale>] [--now <ISO date>] [--explain] [--json] [--config <config.yaml>]`,
  discovery: 'emd-cds discovery [--config <config.yaml>]',
  token:
    'emd-cds token (--service <id> [--feedback] | --discovery | --aud <url>) [--ttl <seconds>] [--config <config.yaml>]',
  stats:
    'emd-cds stats [--from <date (00:00 UTC) or date-time with offset>] [--to <the same, excluded>] [--json] [--config <config.yaml>]',
  nodes: 'emd-cds nodes [--json] [--config <config.yaml>]',
  'export-synthetic': `emd-cds export-synthetic --patients <n> --out <dir> [--seed <n>] [--now <ISO date, default ${SYNTHETIC_DEFAULT_NOW}>] [--gzip]`,
  backtest: `emd-cds backtest <export or Bundle folder | FHIR base URL> [--hook ${BACKTEST_HOOKS.join('|')}] [--now <ISO date>] [--config <config.yaml>] [--json] [--html <file>] [--compare <config.yaml | earlier --json report>] [--show-ids] [--workers <n>] [--memory <DuckDB limit, e.g. 600MB>]`,
  'audit-secret': 'emd-cds audit-secret',
} as const;

export type CommandName = keyof typeof USAGES;

/** Help's text: every command's usage. */
export function allUsages(): string {
  return `usage:\n${Object.values(USAGES)
    .map((usage) => `  ${usage}`)
    .join('\n')}`;
}
