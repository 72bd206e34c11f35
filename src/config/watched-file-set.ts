/**
 * Every file the configuration names watched, each until it settles (./settled-file-watch.ts),
 * so a saved value set or wording file takes effect as a saved config file does: one reload
 * of the whole configuration, which reads every file (docs/configuring.md, "Reloading").
 *
 * The set follows the configuration in force: a file newly named is watched, one no longer
 * named is not. While a config the reload refused names a file, that file stays watched too,
 * so fixing it reloads.
 */
import { basename, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { FileState } from './file-state.js';
import type { NamedFile } from './named-files.js';
import { SettledFileWatch } from './settled-file-watch.js';

export interface WatchedFileSetOptions {
  quietMs: number;
  logger: Logger;
  /** The config file and the files it names, as the file on disk says now (./named-files.ts). */
  namedFiles: () => NamedFile[];
  /** Files settled changed (one, or several saved together): load the whole configuration. */
  onChanged: (files: readonly NamedFile[]) => void;
}

interface Watched {
  named: NamedFile;
  watch: SettledFileWatch;
}

export class WatchedFileSet {
  readonly #options: WatchedFileSetOptions;
  readonly #watched = new Map<string, Watched>();
  /** What the configuration in force names: all that stays watched once a reload succeeds. */
  #inForce: NamedFile[];
  /** What the config read by the reload under way names. */
  #beingRead: NamedFile[] = [];
  /** The files that settled changed while another was still changing: reloaded with it. */
  readonly #settled = new Map<string, NamedFile>();
  #retry: NodeJS.Timeout | undefined;
  #saidWaiting = false;

  constructor(options: WatchedFileSetOptions) {
    this.#options = options;
    this.#inForce = options.namedFiles();
    this.#follow(this.#inForce);
  }

  /**
   * Before a load: each file is recorded as read now (a change from here on is a new one),
   * and the files the config on disk names are watched, with those of the one in force.
   */
  startRead(): void {
    for (const { watch } of this.#watched.values()) watch.markReadNow();
    this.#beingRead = this.#options.namedFiles();
    this.#follow([...this.#inForce, ...this.#beingRead]);
  }

  /** The load just read is in force: only the files it names stay watched. */
  putInForce(): void {
    this.#inForce = this.#beingRead;
    this.#follow(this.#inForce);
  }

  /**
   * The first file that changed since startRead, or undefined; each that did waits to settle
   * again, and its settling reloads what was read now only in part.
   */
  changedWhileRead(): NamedFile | undefined {
    const changed = [...this.#watched.values()].filter(({ watch }) => watch.hasChangedSinceRead());
    for (const { watch } of changed) watch.waitAgain();
    return changed[0]?.named;
  }

  close(): void {
    clearTimeout(this.#retry);
    for (const { watch } of this.#watched.values()) watch.close();
    this.#watched.clear();
  }

  #follow(files: readonly NamedFile[]): void {
    const wanted = new Map(files.map((named) => [resolve(named.path), named]));
    for (const [path, { watch }] of this.#watched) {
      if (wanted.has(path)) continue;
      watch.close();
      this.#watched.delete(path);
    }
    for (const [path, named] of wanted) {
      if (this.#watched.has(path)) continue;
      const watch = new SettledFileWatch(path, {
        quietMs: this.#options.quietMs,
        logger: this.#options.logger,
        role: named.role,
        onSettled: (state) => {
          this.#onSettled(named, state);
        },
      });
      this.#watched.set(path, { named, watch });
    }
  }

  #onSettled(named: NamedFile, state: FileState): void {
    // An empty file is most likely a save in place that truncated it and has not written yet:
    // loading it would put the defaults in force (an empty config drops the site's value
    // sets) or refuse the reload until the next change. SIGHUP still loads an empty file.
    if (state.kind === 'file' && state.isBlank) {
      this.#options.logger.warn(
        { file: basename(named.path) },
        named.role === 'config'
          ? 'config file is empty: not reloaded (a save in progress?); send SIGHUP to put the defaults in force'
          : `${named.role} file is empty: not reloaded (a save in progress?)`,
      );
      return;
    }
    this.#settled.set(named.path, named);
    this.#reloadWhenAllSettled();
  }

  /**
   * A save that touches two files is loaded once, when both have settled: the first to settle
   * waits for the other, which may be half written.
   */
  #reloadWhenAllSettled(): void {
    clearTimeout(this.#retry);
    const settled = [...this.#settled.values()];
    if (settled.length === 0) return;
    const waitingFor = [...this.#watched.values()].find(({ watch }) => watch.isWaiting());
    if (waitingFor) {
      if (!this.#saidWaiting)
        this.#options.logger.info(
          {
            files: settled.map(({ path }) => basename(path)),
            waitingFor: basename(waitingFor.named.path),
          },
          `${waitingFor.named.role} file still changing: reloading once it has settled too`,
        );
      this.#saidWaiting = true;
      // Again after a quiet period: the other may settle as it was, which reloads nothing.
      this.#retry = setTimeout(() => {
        this.#reloadWhenAllSettled();
      }, this.#options.quietMs);
      return;
    }
    this.#settled.clear();
    this.#saidWaiting = false;
    this.#options.onChanged(settled);
  }
}
