/**
 * `emd-cds validate <config.yaml>`: parse and build the configuration, print its warnings and
 * its config hash. The hash depends on the files alone, not on the environment (PORT,
 * PUBLIC_BASE_URL), so it is the hash GET /readyz shows wherever the file is deployed.
 */
import { parseArgs } from 'node:util';
import { readConfigFile } from '../../config/config-file.js';
import { settingsWarnings } from '../../config/config-warnings.js';
import { buildSettings } from '../../config/load-settings.js';
import { UsageError, type CliCommand } from '../usage.js';

export const validateCommand: CliCommand = {
  usage: 'emd-cds validate <config.yaml>',
  run(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const [file] = positionals;
    if (!file) throw new UsageError('validate needs a config file');
    const config = readConfigFile(file);
    const settings = buildSettings(config, { file });
    for (const warning of settingsWarnings(config, settings)) console.log(`warning: ${warning}`);
    console.log(
      `${file}: valid (config hash ${settings.configHash}; locales ${Object.keys(settings.wording).join(', ')})`,
    );
    return Promise.resolve(0);
  },
};
