/** `emd-cds evaluate <bundle.json>`: a dry run of one hook call on a FHIR Bundle file. */
import { parseArgs } from 'node:util';
import { evaluateBundle } from '../../cds/dry-run.js';
import { DRY_RUN_HOOKS, type DryRunHook } from '../../cds/dry-run-hooks.js';
import { readableId } from '../../cds/request-schema.js';
import { readJsonFile } from '../../config/data-files.js';
import { serviceOptions } from '../../config/environment.js';
import { buildSettings } from '../../config/load-settings.js';
import { isBundle } from '../../rules/fhir-resource-type.js';
import { renderCards, renderExplain, renderSilentCards } from '../render-cards.js';
import { loadConfig } from '../config-option.js';
import { UsageError, type CliCommand } from '../usage.js';
import { USAGES } from '../usages.js';

export const evaluateCommand: CliCommand = {
  usage: USAGES.evaluate,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
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
      },
    });
    const [file] = positionals;
    if (!file) throw new UsageError('evaluate needs a Bundle file');
    if (!DRY_RUN_HOOKS.includes(values.hook as DryRunHook))
      throw new UsageError(`--hook must be one of ${DRY_RUN_HOOKS.join(', ')}`);
    // Read as the hook reads the ids they become (H110), and refused naming the option given,
    // not the hook call's `context.patientId` the dry run builds from it.
    for (const [option, id] of [
      ['--patient', values.patient],
      ['--study', values.study],
    ] as const) {
      const parsed = id === undefined ? undefined : readableId.safeParse(id);
      if (parsed?.success === false)
        throw new UsageError(`${option} ${parsed.error.issues[0]?.message ?? 'must be an id'}`);
    }
    const now = values.now ? new Date(values.now) : new Date();
    if (Number.isNaN(now.getTime())) throw new UsageError('--now must be an ISO date or date-time');
    const loaded = loadConfig(values.config);
    // Cards link the timeline under the service's own URL, read from this environment as
    // `npm start` reads it (../../config/environment.ts serviceOptions: PUBLIC_BASE_URL, else
    // the file's service.publicBaseUrl, else PORT or service.port; an empty variable unset):
    // evaluate runs what the service runs, and a value the service would refuse at start
    // (PORT=abc, PUBLIC_BASE_URL=ftp://…) is refused here too, naming the variable, rather than
    // passed over for a link to port 3000.
    const { publicBaseUrl } = serviceOptions(loaded.config, process.env);
    const settings = buildSettings(loaded.config, { file: loaded.file, publicBaseUrl });
    const locale = values.locale ?? settings.defaultLocale;
    if (!settings.wording[locale])
      throw new UsageError(`--locale must be one of ${Object.keys(settings.wording).join(', ')}`);
    const result = await evaluateBundle(readBundle(file), settings, {
      hook: values.hook as DryRunHook,
      patientId: values.patient,
      studyId: values.study,
      locale,
      now,
      bundleFile: file,
    });
    if (!values.json) {
      process.stdout.write(
        renderCards(result.response.cards) +
          renderSilentCards(result.silentCards) +
          (values.explain ? `\n${renderExplain(result)}` : ''),
      );
      return 0;
    }
    const explain = {
      trace: result.evaluation.trace,
      outcomes: result.evaluation.outcomes.map((o) => ({
        ruleId: o.ruleId,
        fired: o.fired,
        indicator: o.indicator,
        explain: o.explain,
      })),
    };
    console.log(
      JSON.stringify(
        {
          ...result.response,
          ...(result.silentCards.length > 0 ? { silentCards: result.silentCards } : {}),
          ...(values.explain ? { explain } : {}),
        },
        null,
        2,
      ),
    );
    return 0;
  },
};

/**
 * The Bundle in `file`. A file that cannot be read is said as the config file and its data
 * files are (`file: cannot be read (ENOENT)`), not in Node's words; a syntax error is named at
 * its line and column, as a configuration's files are.
 */
function readBundle(file: string): fhir4.Bundle {
  const { value } = readJsonFile(file);
  if (!isBundle(value)) throw new Error(`${file}: not a FHIR Bundle`);
  return value;
}
