/**
 * The settings in force, swapped whole on reload (SIGHUP, or a change to the config file's
 * folder — editors save by rename, so the folder is watched, not the file). A reload that
 * fails validation is refused with a log line and the running settings stay; requests in
 * flight keep the snapshot they started with.
 */
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from 'pino';
import type { ServiceSettings } from '../cds/service-settings.js';
import { changedStartOnlyKeys } from './start-only-keys.js';

const DEBOUNCE_MS = 250;

export class SettingsStore {
  #current: ServiceSettings;
  readonly #load: () => ServiceSettings;
  readonly #logger: Logger;
  #watcher: FSWatcher | undefined;
  #timer: NodeJS.Timeout | undefined;
  #refusedAt: string | undefined;
  /** What the node runs with until it restarts, whatever later reloads bring. */
  readonly #startOnlyAtStart: ServiceSettings['source']['startOnly'];
  #restartNeededFor: string[] = [];

  constructor(load: () => ServiceSettings, logger: Logger) {
    this.#load = load;
    this.#logger = logger;
    this.#current = load();
    this.#startOnlyAtStart = this.#current.source.startOnly;
  }

  current(): ServiceSettings {
    return this.#current;
  }

  /**
   * When the last reload was refused, if no reload has succeeded since: the file on disk is
   * then not what serves, which an operator must see without reading the log (/readyz).
   */
  refusedReloadAt(): string | undefined {
    return this.#refusedAt;
  }

  /**
   * The start-only keys (`service.port`) whose value in the file in force differs from the
   * one the node started with: the config hash says the file, but these wait for a restart.
   */
  restartNeededFor(): readonly string[] {
    return this.#restartNeededFor;
  }

  /** Loads the configuration again; true when the new settings are in force. */
  reload(reason: string): boolean {
    try {
      const next = this.#load();
      const previous = this.#current.configHash;
      this.#current = next;
      this.#refusedAt = undefined;
      this.#logger.info(
        { reason, previousConfigHash: previous, configHash: next.configHash },
        'configuration reloaded',
      );
      this.#warnOfStartOnlyChanges(next);
      return true;
    } catch (error) {
      this.#refusedAt = new Date().toISOString();
      this.#logger.error(
        {
          reason,
          configHash: this.#current.configHash,
          problem: error instanceof Error ? error.message : String(error),
        },
        'configuration reload refused; the running configuration stays in force',
      );
      return false;
    }
  }

  /**
   * Compared with the start, not the previous reload: a key changed two reloads ago still
   * waits for the restart, and one changed back no longer does.
   */
  #warnOfStartOnlyChanges(next: ServiceSettings): void {
    this.#restartNeededFor = changedStartOnlyKeys(this.#startOnlyAtStart, next.source.startOnly);
    if (this.#restartNeededFor.length === 0) return;
    this.#logger.warn(
      { restartNeededFor: this.#restartNeededFor, configHash: next.configHash },
      `configuration reloaded, but ${this.#restartNeededFor.join(', ')} changed and take effect only after a restart; until then the node keeps the values it started with`,
    );
  }

  /** Reloads when `file` (or its folder's contents) changes. */
  watchFile(file: string): void {
    const name = basename(file);
    this.#watcher = watch(dirname(file), (_event, changed) => {
      if (changed !== null && changed !== name) return;
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => {
        // An editor writing in place truncates first: an empty file seen here is most likely
        // a save still in progress, and loading it would put the defaults in force (dropping
        // the site's value sets) until the next change. SIGHUP still loads an empty file.
        if (isBlank(file)) {
          this.#logger.warn(
            { file: name },
            'config file is empty: not reloaded (a save in progress?); send SIGHUP to put the defaults in force',
          );
          return;
        }
        this.reload(`${name} changed`);
      }, DEBOUNCE_MS);
    });
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#watcher?.close();
  }
}

/** True when the file exists and holds only white space; a missing file is reload's to refuse. */
function isBlank(file: string): boolean {
  try {
    return readFileSync(file, 'utf8').trim() === '';
  } catch {
    return false;
  }
}
