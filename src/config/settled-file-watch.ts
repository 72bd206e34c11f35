/**
 * Watches a file for changes and hands it over once it has settled: its content, size and time
 * unchanged for a quiet period, so a writer that pauses half-way (a slow copy, a tool writing
 * in chunks) is read once, whole, and not at its first write.
 *
 * It watches folders, not the file: editors save by renaming a new file over the old, and a
 * Kubernetes ConfigMap update swaps the `..data` link beside the file (the file is a link
 * through it), so nothing happens under the file's own name. Any event in the file's folder,
 * or in the folder its links lead to, makes it read the file again; it is handed over only
 * when it differs from what was last handed over (its bytes, size, time or where its links
 * lead), so a neighbour's change is not.
 *
 * One file each: the config file and each file it names have their own (./watched-file-set.ts).
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Logger } from 'pino';
import { isSameState, readFileState, type FileState } from './file-state.js';

export interface SettledFileWatchOptions {
  quietMs: number;
  logger: Logger;
  /** What the file is, for the logs: `config` (the default), `value set`, `wording`. */
  role?: string;
  /** Called with the settled file; what it does with it is now what was handed over. */
  onSettled: (state: FileState) => void;
}

export class SettledFileWatch {
  readonly #file: string;
  readonly #options: SettledFileWatchOptions;
  readonly #watchers = new Map<string, FSWatcher>();
  /** The file as last handed over (or read by a reload of its own): what a change is against. */
  #handedOver: FileState;
  /** The file as last seen while it changes; handed over once it stays so for quietMs. */
  #candidate: FileState | undefined;
  #timer: NodeJS.Timeout | undefined;
  #saidStillChanging = false;
  /** `config file`, `config folder`: the words the logs use for the file and its folder. */
  readonly #fileWord: string;
  readonly #folderWord: string;

  constructor(file: string, options: SettledFileWatchOptions) {
    this.#file = file;
    this.#options = options;
    const role = options.role ?? 'config';
    this.#fileWord = `${role} file`;
    this.#folderWord = `${role} folder`;
    this.#handedOver = readFileState(file);
    this.#watchFolders(this.#handedOver);
  }

  /**
   * Records the file as read now by a reload (SIGHUP, or one another file's change started):
   * a change is against this from now on.
   */
  markReadNow(): void {
    this.#handedOver = readFileState(this.#file);
    // Its links may lead elsewhere now (a ConfigMap update another file's change reloaded).
    this.#watchFolders(this.#handedOver);
  }

  /** True when the file is no longer as last handed over or read: it moved while it was loaded. */
  hasChangedSinceRead(): boolean {
    return !isSameState(readFileState(this.#file), this.#handedOver);
  }

  /** True while a change is waiting for the file to settle. */
  isWaiting(): boolean {
    return this.#candidate !== undefined;
  }

  /** Waits for the file to settle again, as after a change (one seen while it was loaded). */
  waitAgain(): void {
    this.#candidate = readFileState(this.#file);
    this.#restartTimer();
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const watcher of this.#watchers.values()) watcher.close();
    this.#watchers.clear();
  }

  #onEvent(): void {
    const now = readFileState(this.#file);
    if (this.#candidate === undefined) {
      if (isSameState(now, this.#handedOver)) {
        this.#options.logger.debug(
          { file: basename(this.#file) },
          `${this.#folderWord} changed, the ${this.#fileWord} did not: not reloaded`,
        );
        return;
      }
      this.#options.logger.info(
        { file: basename(this.#file), quietMs: this.#options.quietMs },
        `${this.#fileWord} changed: reloading once it has stayed unchanged for ${this.#options.quietMs} ms`,
      );
    } else if (isSameState(now, this.#candidate)) {
      return;
    } else {
      this.#sayStillChanging();
    }
    this.#candidate = now;
    this.#restartTimer();
  }

  #onQuiet(): void {
    this.#timer = undefined;
    const now = readFileState(this.#file);
    // Checked again rather than trusting the events: a write the watcher did not report (a
    // network file system, coalesced events) still restarts the wait.
    if (this.#candidate === undefined || !isSameState(now, this.#candidate)) {
      this.#sayStillChanging();
      this.#candidate = now;
      this.#restartTimer();
      return;
    }
    this.#candidate = undefined;
    this.#saidStillChanging = false;
    // The links may lead elsewhere now (a new ConfigMap folder): watch where they lead.
    this.#watchFolders(now);
    if (isSameState(now, this.#handedOver)) {
      // Changed and changed back, or already read by a SIGHUP while this waited.
      this.#options.logger.debug(
        { file: basename(this.#file) },
        `${this.#fileWord} settled as it was last read: not reloaded`,
      );
      return;
    }
    this.#handedOver = now;
    this.#options.onSettled(now);
  }

  #sayStillChanging(): void {
    if (this.#saidStillChanging) return;
    this.#saidStillChanging = true;
    this.#options.logger.info(
      { file: basename(this.#file), quietMs: this.#options.quietMs },
      `${this.#fileWord} still changing (a write in progress?): waiting until it has stayed unchanged for ${this.#options.quietMs} ms before reloading`,
    );
  }

  #restartTimer(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#onQuiet();
    }, this.#options.quietMs);
  }

  /**
   * Whether an event in `folder` naming `changed` may change the file: its own name (a save,
   * an editor's rename over it), the name it has where its links lead, a Kubernetes
   * ConfigMap's `..data` link or timestamped `..` folder, or no name at all (some platforms
   * give none). Anything else (an editor's swap file, a database beside the config) is not
   * read: the file is read and hashed only for events that may concern it.
   */
  #mayConcernTheFile(folder: string, changed: string | null): boolean {
    if (changed === null) return true;
    const name = basename(changed);
    if (name === basename(this.#file) || name.startsWith('..')) return true;
    const state = this.#handedOver;
    return state.kind === 'file' && dirname(state.realPath) === folder
      ? name === basename(state.realPath)
      : false;
  }

  /** The file's own folder, and the folder its links lead to when that is another. */
  #watchFolders(state: FileState): void {
    const folders = new Set([resolve(dirname(this.#file))]);
    if (state.kind === 'file') folders.add(dirname(state.realPath));
    for (const [folder, watcher] of this.#watchers) {
      if (folders.has(folder)) continue;
      watcher.close();
      this.#watchers.delete(folder);
    }
    for (const folder of folders) {
      if (!this.#watchers.has(folder)) this.#watchFolder(folder);
    }
  }

  #watchFolder(folder: string): void {
    try {
      const watcher = watch(folder, (_event, changed) => {
        if (this.#mayConcernTheFile(folder, changed)) this.#onEvent();
        else
          this.#options.logger.debug(
            { file: basename(this.#file), changed },
            `${this.#folderWord} changed, the ${this.#fileWord} did not: not reloaded`,
          );
      });
      watcher.on('error', (error) => {
        this.#options.logger.warn(
          { folder, problem: error.message },
          `${this.#folderWord} can no longer be watched: send SIGHUP after changing the ${this.#fileWord}`,
        );
        watcher.close();
        this.#watchers.delete(folder);
      });
      this.#watchers.set(folder, watcher);
    } catch (error) {
      this.#options.logger.warn(
        { folder, problem: error instanceof Error ? error.message : String(error) },
        `${this.#folderWord} cannot be watched: send SIGHUP after changing the ${this.#fileWord}`,
      );
    }
  }
}
