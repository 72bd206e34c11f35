/** What the configuration tests of value set files read: the problems a site is refused with. */
import { expect } from 'vitest';
import { readConfigFile } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';

/**
 * The problems the configuration file `config`, and the files it names, are refused with, one
 * a line as the start and `emd-cds validate` print them; throws when it loads.
 */
export function configProblems(config: string): string[] {
  try {
    buildSettings(readConfigFile(config), { file: config });
  } catch (error) {
    expect((error as Error).name).toBe('ConfigError');
    return (error as Error).message.split('\n');
  }
  throw new Error('expected the configuration to be refused');
}
