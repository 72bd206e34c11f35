/**
 * A worker runs the start-only settings its primary read and checked, not the file as it is
 * now (docs/clinical-safety.md H90). Each worker, those forked at start and those started
 * again after one died, used to read EMD_CDS_CONFIG itself: after an edit that switched
 * authentication off, a worker killed and started again served calls without a token, with
 * no deployment check, beside one that still asked for one. Now the worker asks the primary
 * over node:cluster's IPC channel before it opens anything, and builds its options from the
 * primary's start-only sections (and its AUTH_ISSUERS_FILE issuers) with the environment
 * both share; only the clinical part comes from the file. As a backstop, a worker whose
 * options still differ from the primary's refuses to start (exit 1), which the supervisor
 * counts as a failed start. A change to a start-only key thus needs a restart of the node,
 * whose primary runs the deployment checks again.
 *
 * So for the files those settings name (CA files, the sandbox's JWKS, the local test issuer's
 * key, the audit key file): the worker is sent what the primary read
 * (src/config/start-files.ts), and refuses to start when NODE_EXTRA_CA_CERTS, which Node reads
 * itself in each process, is no longer the file the node started with.
 *
 * IPC rather than the fork's environment: `store.postgresUrl` may hold a password, the files
 * the audit key, and an environment is inherited by whatever a process starts.
 */
import cluster from 'node:cluster';
import type { TrustedIssuer } from '../auth/trusted-issuers.js';
import { hashOf } from '../config/config-hash.js';
import type { Config } from '../config/config-schema.js';
import { serviceOptions, type ServiceOptions } from '../config/environment.js';
import { refuseChangedNodeCas, type StartFiles } from '../config/start-files.js';
import {
  startOnlyFingerprints,
  startOnlyPart,
  type StartOnlyPart,
} from '../config/start-only-keys.js';

const ASK = 'emd-cds:start-settings-ask';
const ANSWER = 'emd-cds:start-settings';
/** The primary answers at once; a worker that hears nothing in this time fails its start. */
export const ASK_PRIMARY_TIMEOUT_MS = 10_000;

/** What the primary read and checked at start, as a worker needs it. */
export interface StartSettings {
  /** The config file's start-only sections, as the primary read them. */
  startOnly: StartOnlyPart;
  /** The issuers of AUTH_ISSUERS_FILE, as the primary read and checked them. */
  fileIssuers: TrustedIssuer[];
  /** What the files the settings name held (the audit key among them): never logged. */
  files: StartFiles;
  /** A fingerprint of the primary's options: a worker's must be the same. */
  optionsHash: string;
}

type Sent = (error: Error | null) => void;

/** A cluster worker's IPC channel to the primary (`process` there). */
export interface PrimaryChannel {
  send(message: { type: typeof ASK }, sent: Sent): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/** Where the primary hears its workers (node:cluster itself), and how it answers one. */
export interface WorkerMessages {
  on(
    event: 'message',
    listener: (worker: { send(message: unknown, sent: Sent): unknown }, message: unknown) => void,
  ): unknown;
}

/** Primary: what its workers must run with, from its config and the options it checked. */
export function startSettingsOf(
  config: Config,
  options: ServiceOptions,
  fileIssuers: readonly TrustedIssuer[],
  files: StartFiles,
): StartSettings {
  return {
    startOnly: startOnlyPart(config),
    fileIssuers: [...fileIssuers],
    files,
    optionsHash: optionsHashOf(options),
  };
}

/** Primary: answers each worker's ask with `settings`; before the first fork. */
export function answerStartSettings(
  settings: StartSettings,
  workers: WorkerMessages = cluster,
): void {
  workers.on('message', (worker, message) => {
    if (!isMessage(message, ASK)) return;
    // A worker that died meanwhile gets nothing: the callback keeps that from being an error event.
    worker.send({ type: ANSWER, settings }, () => undefined);
  });
}

/** Worker: the primary's start settings; rejects when it cannot ask or hears nothing. */
export function askStartSettings(
  // process.send exists in a cluster worker, the only place this is called without `primary`.
  primary: PrimaryChannel = process as PrimaryChannel,
  timeoutMs = ASK_PRIMARY_TIMEOUT_MS,
): Promise<StartSettings> {
  return new Promise((resolve, reject) => {
    const settle = (outcome: StartSettings | Error) => {
      clearTimeout(timer);
      primary.off('message', listen);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const listen = (message: unknown) => {
      if (!isMessage(message, ANSWER)) return;
      settle((message as { settings: StartSettings }).settings);
    };
    const timer = setTimeout(() => {
      settle(new Error(`the primary sent no start settings within ${String(timeoutMs)} ms`));
    }, timeoutMs);
    primary.on('message', listen);
    primary.send({ type: ASK }, (error) => {
      if (error)
        settle(new Error(`cannot ask the primary for its start settings: ${error.message}`));
    });
  });
}

/**
 * Worker: its options, from the primary's start-only sections over the file as it is now
 * (whose clinical part serviceOptions does not read) and the environment the primary passed
 * on; the start-only fingerprints the node started with, which /readyz compares the file
 * with; and what the files they name held then. Throws, naming no value, when the options are
 * not the ones the primary checked, or NODE_EXTRA_CA_CERTS not the file it started with.
 */
export function workerOptions(
  fileConfig: Config,
  settings: StartSettings,
  env: NodeJS.ProcessEnv,
): {
  options: ServiceOptions;
  startOnlyAtStart: Readonly<Record<string, string>>;
  files: StartFiles;
} {
  const config = { ...fileConfig, ...settings.startOnly };
  const options = serviceOptions(config, env);
  if (optionsHashOf(options) !== settings.optionsHash)
    throw new Error(
      "this worker's start-up options differ from those the cluster's primary checked at start: the worker refuses to start (restart the node to apply a changed setting)",
    );
  refuseChangedNodeCas(options.nodeExtraCaCerts, settings.files);
  return {
    options: { ...options, auth: { ...options.auth, fileIssuers: settings.fileIssuers } },
    startOnlyAtStart: startOnlyFingerprints(config),
    files: settings.files,
  };
}

/** The same for equal options, whichever process computed them. */
function optionsHashOf(options: ServiceOptions): string {
  return hashOf(options);
}

function isMessage(message: unknown, type: string): boolean {
  return (
    typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type
  );
}
