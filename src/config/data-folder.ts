/**
 * This node's data folder (EMD_CDS_DATA_DIR, or store.dataDir in the config file) is made and
 * checked once, before anything is written into it: the audit spool, the node id, and by
 * default the SQLite file, the audit key and the local issuer's keys all live there. A folder
 * that cannot be used stops the start naming the setting, the folder and the system's code
 * for why, as a start-up file that cannot be read does (src/issue-lines.ts): before, a folder
 * on a read-only disk surfaced later as SQLite's "unable to open database file", naming none.
 */
import { prepareSettingFolder } from '../store/setting-folder.js';

/** The setting start-up problems name for the data folder. */
export const DATA_DIR_SETTING = 'EMD_CDS_DATA_DIR';

/** Creates the folder (mode 0700) if missing; throws, naming the setting, if it cannot be used. */
export function prepareDataFolder(dataDir: string): void {
  prepareSettingFolder(dataDir, {
    setting: DATA_DIR_SETTING,
    use: "as this node's data folder",
    instead: 'a folder',
    aside: 'store.dataDir in the config file is the same setting',
    docs: 'docs/deploying.md',
  });
}
