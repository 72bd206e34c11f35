/**
 * A backtest worker thread: builds the rule settings from the configuration under test once,
 * then evaluates batches of patients and answers each with its tally. One per core, so the
 * rules (synchronous, CPU-bound) run in parallel while the main thread reads the source.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readConfigFile } from '../config/config-file.js';
import { DEFAULT_CONFIG } from '../config/config-schema.js';
import { buildSettings } from '../config/load-settings.js';
import { pseudonymiser } from '../cds/pseudonyms.js';
import { evaluatePatient } from './evaluate-patient.js';
import { addPatient, emptyTally } from './tally.js';
import type { BatchReply, BatchRequest, WorkerSetup } from './worker-messages.js';

const setup = workerData as WorkerSetup;
const settings = buildSettings(
  setup.configFile ? readConfigFile(setup.configFile) : DEFAULT_CONFIG,
  { file: setup.configFile },
).rules;
const now = new Date(setup.now);
const keyOf = setup.auditSecret
  ? (
      (p: (value: string) => string) => (id: string) =>
        p(`Patient/${id}`)
    )(pseudonymiser(Buffer.from(setup.auditSecret)))
  : (id: string) => id;

parentPort?.on('message', (request: BatchRequest) => {
  const tally = emptyTally();
  for (const patient of request.patients) {
    const key = keyOf(patient.id);
    try {
      const resources = patient.lines.map((line) => JSON.parse(line) as unknown);
      addPatient(tally, key, evaluatePatient(patient.id, resources, setup.hook, settings, now));
    } catch {
      // A defect, not bad data (bad data is checked and left out): count it, name the key.
      tally.failedPatients.push(key);
    }
  }
  const reply: BatchReply = { id: request.id, tally };
  parentPort?.postMessage(reply);
});
