/**
 * Fleet nodes as `npm start` runs them (its node command, read from package.json by
 * tools/start-command.ts; built by the tests' global setup), each its own process, port and data
 * folder, configured by environment only.
 * Each data folder gets copies of the fleet's local issuer keys and audit key, as the
 * docs/deploying.md says to do ("Several hosts").
 */
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startBuiltService } from '../support/built.js';

export interface ProcessNode {
  port: number;
  url: string;
  dataDir: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
}

const START_DEADLINE_MS = 30_000;

export interface FleetFiles {
  /** Folder holding the fleet's `local-issuer/` keys and `audit-secret` file. */
  sharedDir: string;
  env: Record<string, string>;
}

export async function startProcessNode(
  fleet: FleetFiles,
  dataDir: string,
  port: number,
): Promise<ProcessNode> {
  mkdirSync(dataDir, { recursive: true });
  cpSync(join(fleet.sharedDir, 'local-issuer'), join(dataDir, 'local-issuer'), {
    recursive: true,
  });
  cpSync(join(fleet.sharedDir, 'audit-secret'), join(dataDir, 'audit-secret'));
  const child = startBuiltService({
    ...fleet.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    EMD_CDS_DATA_DIR: dataDir,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${String(port)}`;
  const node = { port, url, dataDir, child, exited, output: () => output };
  try {
    await waitReady(node);
  } catch (error) {
    // The caller never holds a node that failed to start: stop it here, or it outlives the run.
    if (!hasExited(node)) child.kill('SIGKILL');
    await exited;
    throw error;
  }
  return node;
}

const hasExited = (node: ProcessNode): boolean => node.child.exitCode !== null;

/** Polls /readyz until it answers 200 (bounded). */
export async function waitReady(node: ProcessNode): Promise<void> {
  const deadline = Date.now() + START_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (node.child.exitCode !== null)
      throw new Error(`node on ${String(node.port)} exited:\n${node.output()}`);
    const ok = await fetch(`${node.url}/readyz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) {
      // The port came from freePort(), and under a loaded CI another process can take it
      // first: this node then exits (EADDRINUSE) while that process answers /readyz. Say so
      // here rather than as a refused connection later.
      await new Promise((resolve) => setTimeout(resolve, 300));
      if (hasExited(node))
        throw new Error(`node on ${String(node.port)} exited after /readyz:\n${node.output()}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`node on ${String(node.port)} not ready:\n${node.output()}`);
}

export async function stopProcessNode(node: ProcessNode, signal: NodeJS.Signals): Promise<void> {
  if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill(signal);
  await node.exited;
}
