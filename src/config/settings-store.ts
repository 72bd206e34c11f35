/**
 * The settings in force, swapped whole on reload (SIGHUP, or a change to the config file or a
 * file it names, seen by ./watched-file-set.ts once it has settled). A reload that fails
 * validation is refused with a log line and the running settings stay; requests in flight
 * keep the snapshot they started with.
 */
import { basename } from 'node:path';
import type { Logger } from 'pino';
import type { ServiceSettings } from '../cds/service-settings.js';
import { filesNamedBy, type NamedFile } from './named-files.js';
import { reloadRefusalOf, type ReloadRefusal } from './reload-refusal.js';
import { changedStartOnlyKeys } from './start-only-keys.js';
import { WatchedFileSet } from './watched-file-set.js';

/**
 * How long the config file must stay unchanged (bytes, size, time) before a change is
 * reloaded. A writer that pauses half-way must not have its first half put in force: the
 * session 33 probe's two writes 1.5 s apart did, when this was a 250 ms debounce, and the
 * site's value sets (in the second half) were dropped while /readyz said ready. 2 s waits
 * out such a pause and costs an editor's save, an atomic rename or a ConfigMap update only
 * 2 s; a writer that pauses longer is still read half-way, which is why the docs ask for
 * atomic writes (docs/configuring.md, "Reloading").
 */
export const CONFIG_QUIET_MS = 2000;

export interface WatchOptions {
  /** The quiet period, CONFIG_QUIET_MS unless a test shortens it. */
  quietMs?: number;
}

export class SettingsStore {
  #current: ServiceSettings;
  readonly #load: () => ServiceSettings;
  readonly #logger: Logger;
  #watch: WatchedFileSet | undefined;
  #refusal: ReloadRefusal | undefined;
  /** What the node runs with until it restarts, whatever later reloads bring. */
  readonly #startOnlyAtStart: ServiceSettings['source']['startOnly'];
  #restartNeededFor: string[] = [];

  /**
   * `startOnlyAtStart`: what the node started with, when this process runs settings it did
   * not read itself (a cluster worker started after the file changed runs its primary's);
   * else those of this first load.
   */
  constructor(
    load: () => ServiceSettings,
    logger: Logger,
    startOnlyAtStart?: ServiceSettings['source']['startOnly'],
  ) {
    this.#load = load;
    this.#logger = logger;
    this.#current = load();
    this.#startOnlyAtStart = startOnlyAtStart ?? this.#current.source.startOnly;
    this.#restartNeededFor = changedStartOnlyKeys(
      this.#startOnlyAtStart,
      this.#current.source.startOnly,
    );
    if (this.#restartNeededFor.length > 0)
      this.#logger.warn(
        { restartNeededFor: this.#restartNeededFor, configHash: this.#current.configHash },
        `configuration loaded, but ${this.#restartNeededFor.join(', ')} changed since the node started and take effect only after a restart of the node; until then this process keeps the values the node started with`,
      );
  }

  current(): ServiceSettings {
    return this.#current;
  }

  /**
   * When the last reload was refused, if no reload has succeeded since: the file on disk is
   * then not what serves, which an operator must see without reading the log (/readyz).
   */
  refusedReloadAt(): string | undefined {
    return this.#refusal?.at;
  }

  /**
   * The last refused reload, if none has succeeded since: when, why and which files, for
   * GET /admin/config (behind the admin token), where the open /readyz says only when.
   */
  refusedReload(): ReloadRefusal | undefined {
    return this.#refusal;
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
    return this.#reloadUnlessWritten(reason, false);
  }

  /**
   * Loads and swaps in the settings unless (with `checkWrites`) a watched file moved under the
   * load: what was read may then be half of a write, neither in force nor refused.
   */
  #reloadUnlessWritten(reason: string, checkWrites: boolean): boolean {
    // Read before the load, so a change made while it loads is still seen as a change.
    this.#watch?.startRead();
    const changedWhileRead = () => (checkWrites ? this.#watch?.changedWhileRead() : undefined);
    let next: ServiceSettings;
    try {
      next = this.#load();
    } catch (error) {
      const changed = changedWhileRead();
      if (changed) return this.#waitForWrite(reason, changed);
      this.#refusal = reloadRefusalOf(error, new Date().toISOString(), reason);
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
    const changed = changedWhileRead();
    if (changed) return this.#waitForWrite(reason, changed);
    const previous = this.#current.configHash;
    this.#current = next;
    this.#watch?.putInForce();
    this.#refusal = undefined;
    this.#logger.info(
      { reason, previousConfigHash: previous, configHash: next.configHash },
      'configuration reloaded',
    );
    this.#warnOfStartOnlyChanges(next);
    return true;
  }

  #waitForWrite(reason: string, changed: NamedFile): false {
    this.#logger.info(
      { reason, file: basename(changed.path), configHash: this.#current.configHash },
      `${changed.role} file changed while it was read: not reloaded; waiting for it to settle again`,
    );
    return false;
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

  /**
   * Reloads when the config file `file`, or a value set or wording file it names, changes,
   * once it has settled (see CONFIG_QUIET_MS).
   */
  watchFile(file: string, options: WatchOptions = {}): void {
    this.#watch = new WatchedFileSet({
      quietMs: options.quietMs ?? CONFIG_QUIET_MS,
      logger: this.#logger,
      namedFiles: () => filesNamedBy(file),
      onChanged: (files) => {
        const names = files.map(({ path }) => basename(path)).join(', ');
        this.#reloadUnlessWritten(`${names} changed`, true);
      },
    });
  }

  close(): void {
    this.#watch?.close();
  }
}
