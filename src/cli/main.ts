#!/usr/bin/env node
/**
 * The `emd-cds` command line, for informatics teams and local tools:
 *
 *   emd-cds validate <config.yaml>
 *   emd-cds evaluate <bundle.json> [--hook patient-view|imaging-review|order-select|order-sign]
 *                    [--patient <id>] [--study <id>] [--locale en|zh-CN] [--now <ISO date>]
 *                    [--explain] [--json] [--config <config.yaml>]
 *   emd-cds discovery [--config <config.yaml>]
 *   emd-cds token (--service <id> [--feedback] | --discovery | --aud <url>) [--ttl <seconds>]
 *   emd-cds stats [--from <ISO date>] [--to <ISO date>] [--json] [--config <config.yaml>]
 *   emd-cds nodes [--json] [--config <config.yaml>]
 *
 * Exit codes: 0 done; 1 a file or configuration is wrong (the message says where); 2 usage.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ensureLocalIssuerKeys, mintLocalToken } from '../auth/local-issuer.js';
import { discoveryDocument } from '../cds/discovery.js';
import { readConfigFile } from '../config/config-file.js';
import { DEFAULT_CONFIG, type Config } from '../config/config-schema.js';
import { configWarnings } from '../config/config-warnings.js';
import { serviceOptions } from '../config/environment.js';
import { buildSettings } from '../config/load-settings.js';
import { statsPeriod } from '../http/admin.js';
import { openStore } from '../store/open-store.js';
import { renderStats } from './render-stats.js';
import { statsReport } from '../store/stats-report.js';
import { listNodes, renderNodes } from './render-nodes.js';
import { renderCards, renderExplain } from './evaluate-bundle.js';
import {
  DRY_RUN_HOOKS as CLI_HOOKS,
  evaluateBundle,
  type DryRunHook as CliHook,
} from '../cds/dry-run.js';

class UsageError extends Error {}

const USAGE = `usage:
  emd-cds validate <config.yaml>
  emd-cds evaluate <bundle.json> [--hook ${CLI_HOOKS.join('|')}] [--patient <id>] [--study <id>] [--locale <locale>] [--now <ISO date>] [--explain] [--json] [--config <config.yaml>]
  emd-cds discovery [--config <config.yaml>]
  emd-cds token (--service <id> [--feedback] | --discovery | --aud <url>) [--ttl <seconds>]
  emd-cds stats [--from <ISO date>] [--to <ISO date>] [--json] [--config <config.yaml>]
  emd-cds nodes [--json] [--config <config.yaml>]`;

function loadConfig(file: string | undefined): { config: Config; file: string | undefined } {
  const path = file ?? process.env.EMD_CDS_CONFIG;
  return { config: path ? readConfigFile(path) : DEFAULT_CONFIG, file: path };
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      hook: { type: 'string', default: 'patient-view' },
      patient: { type: 'string' },
      study: { type: 'string' },
      locale: { type: 'string' },
      now: { type: 'string' },
      explain: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      service: { type: 'string' },
      discovery: { type: 'boolean', default: false },
      feedback: { type: 'boolean', default: false },
      aud: { type: 'string' },
      ttl: { type: 'string', default: '300' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
  });
  switch (command) {
    case 'validate': {
      const [file] = positionals;
      if (!file) throw new UsageError('validate needs a config file');
      const config = readConfigFile(file);
      const settings = buildSettings(config, { file });
      for (const warning of configWarnings(config)) console.log(`warning: ${warning}`);
      console.log(
        `${file}: valid (config hash ${settings.configHash}; locales ${Object.keys(settings.wording).join(', ')})`,
      );
      return 0;
    }
    case 'evaluate': {
      const [file] = positionals;
      if (!file) throw new UsageError('evaluate needs a Bundle file');
      if (!CLI_HOOKS.includes(values.hook as CliHook))
        throw new UsageError(`--hook must be one of ${CLI_HOOKS.join(', ')}`);
      const now = values.now ? new Date(values.now) : new Date();
      if (Number.isNaN(now.getTime()))
        throw new UsageError('--now must be an ISO date or date-time');
      const loaded = loadConfig(values.config);
      const settings = buildSettings(loaded.config, { file: loaded.file });
      const locale = values.locale ?? settings.defaultLocale;
      if (!settings.wording[locale])
        throw new UsageError(`--locale must be one of ${Object.keys(settings.wording).join(', ')}`);
      const bundle = readBundle(file);
      const result = await evaluateBundle(bundle, settings, {
        hook: values.hook as CliHook,
        patientId: values.patient,
        studyId: values.study,
        locale,
        now,
      });
      if (values.json)
        console.log(
          JSON.stringify(
            values.explain
              ? {
                  ...result.response,
                  explain: {
                    trace: result.evaluation.trace,
                    outcomes: result.evaluation.outcomes.map((o) => ({
                      ruleId: o.ruleId,
                      fired: o.fired,
                      indicator: o.indicator,
                      explain: o.explain,
                    })),
                  },
                }
              : result.response,
            null,
            2,
          ),
        );
      else
        process.stdout.write(
          renderCards(result.response.cards) + (values.explain ? `\n${renderExplain(result)}` : ''),
        );
      return 0;
    }
    case 'discovery': {
      const loaded = loadConfig(values.config);
      console.log(
        JSON.stringify(
          discoveryDocument(buildSettings(loaded.config, { file: loaded.file })),
          null,
          2,
        ),
      );
      return 0;
    }
    case 'token': {
      const options = serviceOptions(loadConfig(values.config).config, process.env);
      const base = `${options.publicBaseUrl}/cds-services`;
      const audience =
        values.aud ??
        (values.discovery
          ? base
          : values.service
            ? `${base}/${values.service}${values.feedback ? '/feedback' : ''}`
            : undefined);
      const ttl = Number(values.ttl);
      if (!audience || !Number.isInteger(ttl) || ttl <= 0)
        throw new UsageError(
          'token needs --service <id>, --discovery or --aud <url>, and a positive --ttl',
        );
      if (!options.auth.localIssuer.enabled)
        throw new Error(
          'the local test issuer is off (AUTH_LOCAL_ISSUER=off): the service would refuse its tokens',
        );
      console.log(
        await mintLocalToken(
          await ensureLocalIssuerKeys(options.auth.localIssuer.keyDir),
          audience,
          ttl,
        ),
      );
      return 0;
    }
    case 'stats': {
      const options = serviceOptions(loadConfig(values.config).config, process.env);
      const period = statsPeriod(values.from, values.to, new Date());
      const store = openStore(options.store);
      try {
        await store.migrate();
        const report = await statsReport(store, period);
        if (values.json) console.log(JSON.stringify(report, null, 2));
        else process.stdout.write(renderStats(report));
      } finally {
        await store.close();
      }
      return 0;
    }
    case 'nodes': {
      const options = serviceOptions(loadConfig(values.config).config, process.env);
      const nodes = await listNodes(options.store);
      if (values.json) console.log(JSON.stringify({ nodes }, null, 2));
      else process.stdout.write(renderNodes(nodes));
      return 0;
    }
    case undefined:
      throw new UsageError('no command');
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function readBundle(file: string): fhir4.Bundle {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  if ((parsed as { resourceType?: unknown }).resourceType !== 'Bundle')
    throw new Error(`${file}: not a FHIR Bundle`);
  return parsed as fhir4.Bundle;
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  if (
    error instanceof UsageError ||
    (error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
  ) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
});
