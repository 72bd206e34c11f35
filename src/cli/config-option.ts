/**
 * The configuration an `emd-cds` command runs with: --config, else EMD_CDS_CONFIG, else the
 * built-in defaults.
 */
import { readConfigFile } from '../config/config-file.js';
import { DEFAULT_CONFIG, type Config } from '../config/config-schema.js';

export function loadConfig(file: string | undefined): {
  config: Config;
  file: string | undefined;
} {
  const path = file ?? process.env.EMD_CDS_CONFIG;
  return { config: path ? readConfigFile(path) : DEFAULT_CONFIG, file: path };
}
