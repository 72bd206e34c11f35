/**
 * This node's data folder (EMD_CDS_DATA_DIR, or store.dataDir in the config file) is made and
 * checked once, before anything is written into it: the audit spool, the node id, and by
 * default the SQLite file, the audit key and the local issuer's keys all live there. A folder
 * that cannot be used stops the start naming the setting, the folder and the system's code
 * for why, as a start-up file that cannot be read does (src/issue-lines.ts): before, a folder
 * on a read-only disk surfaced later as SQLite's "unable to open database file", naming none.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { makePrivateFolder } from '../store/private-file.js';

/** The setting start-up problems name for the data folder. */
export const DATA_DIR_SETTING = 'EMD_CDS_DATA_DIR';

/** Creates the folder (mode 0700) if missing; throws, naming the setting, if it cannot be used. */
export function prepareDataFolder(dataDir: string): void {
  try {
    makePrivateFolder(dataDir);
    if (!statSync(dataDir).isDirectory())
      throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    // Read-only file systems (EROFS) refuse this even for root.
    accessSync(dataDir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new Error(
      `${DATA_DIR_SETTING}: ${dataDir} cannot be used as this node's data folder (${code}): name a folder the service's user may create, or one it may write (store.dataDir in the config file is the same setting; docs/deploying.md)`,
      { cause: error },
    );
  }
}
