/**
 * `emd-cds validate [--strict] <config.yaml>`: parse and build the configuration, print its
 * warnings and its config hash. `--strict` makes a warning fail (exit code 1), for a CI job
 * that should stop a change the service would start with but likely did not mean. The hash depends on the files alone, not on the environment (PORT,
 * PUBLIC_BASE_URL), so it is the hash GET /readyz shows wherever the file is deployed.
 */
import { parseArgs } from 'node:util';
import { readConfigFile } from '../../config/config-file.js';
import { settingsWarnings } from '../../config/config-warnings.js';
import { buildSettings } from '../../config/load-settings.js';
import { UsageError, type CliCommand } from '../usage.js';
import { USAGES } from '../usages.js';

export const validateCommand: CliCommand = {
  usage: USAGES.validate,
  run(args) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { strict: { type: 'boolean', default: false } },
    });
    const [file] = positionals;
    if (!file) throw new UsageError('validate needs a config file');
    const config = readConfigFile(file);
    const settings = buildSettings(config, { file });
    const warnings = settingsWarnings(config, settings);
    for (const warning of warnings) console.log(`warning: ${warning}`);
    console.log(
      `${file}: valid (config hash ${settings.configHash}; locales ${Object.keys(settings.wording).join(', ')})`,
    );
    if (values.strict && warnings.length > 0) {
      console.log(
        `${file}: ${String(warnings.length)} warning${warnings.length === 1 ? '' : 's'}, refused by --strict`,
      );
      return Promise.resolve(1);
    }
    return Promise.resolve(0);
  },
};
