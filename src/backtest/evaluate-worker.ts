/**
 * A backtest worker thread: compiles the rule settings of each configuration once, from the
 * data the main thread built them from, then evaluates batches of patients and answers each
 * with one tally per configuration (a patient's record is read once and evaluated under
 * each). One per core, so the rules (synchronous, CPU-bound) run in parallel while the main
 * thread reads the source.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pseudonymiser } from '../cds/pseudonyms.js';
import { compileRuleSettings } from '../rules/rule-settings.js';
import { evaluatePatient, readPatient, type ReadPatient } from './evaluate-patient.js';
import { changesOf } from './patient-changes.js';
import { addPatient, emptyTally, type Tally } from './tally.js';
import type { BatchReply, BatchRequest, WorkerSetup } from './worker-messages.js';

const setup = workerData as WorkerSetup;
const settingsList = setup.configurations.map(({ classification, levels }) =>
  compileRuleSettings(classification, levels),
);
const now = new Date(setup.now);
// Without the audit's key patients are named by id (--show-ids), and only then listed by
// their codes not read.
const listsIds = setup.auditSecret === undefined;
const keyOf = setup.auditSecret
  ? (
      (p: (value: string) => string) => (id: string) =>
        p(`Patient/${id}`)
    )(pseudonymiser(Buffer.from(setup.auditSecret)))
  : (id: string) => id;

parentPort?.on('message', (request: BatchRequest) => {
  const tallies = settingsList.map(() => emptyTally());
  for (const patient of request.patients) {
    const key = keyOf(patient.id);
    // A defect, not bad data (bad data is checked and left out): count it, name the key.
    const failed = (tally: Tally) => tally.failedPatients.push(key);
    let read: ReadPatient;
    try {
      read = readPatient(
        patient.id,
        patient.lines.map((line) => JSON.parse(line) as unknown),
      );
    } catch {
      tallies.forEach(failed);
      continue;
    }
    const results = settingsList.map((settings, index) => {
      const tally = tallies[index] as Tally;
      try {
        const result = evaluatePatient(read, setup.hook, settings, now);
        addPatient(tally, key, result, { listsIds });
        return result;
      } catch {
        failed(tally);
        return undefined;
      }
    });
    // --compare <config>: who changed, from the compared configuration to the one under test.
    const [underTest, compared] = results;
    if (underTest && compared) {
      const changes = changesOf(compared.cards, underTest.cards);
      if (changes.length > 0) tallies[0]?.changedPatients.push({ key, changes });
    }
  }
  const reply: BatchReply = { id: request.id, tallies };
  parentPort?.postMessage(reply);
});
