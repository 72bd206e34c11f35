/**
 * Issue #16, the fleet view and the audit-key check: nodes on one PostgreSQL register with
 * a heartbeat, GET /admin/nodes and `emd-cds nodes` list them, a node stopped cleanly is
 * shown stopped, and a node whose audit key is not the fleet's refuses to start, naming
 * the setting (as `npm start` would: a process that exits non-zero).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { STORE_TARGETS, type TestLocation } from '../store/targets.js';
import { CLI_ARGS, startBuiltService } from '../support/built.js';
import {
  fleetShared,
  startInProcessNode,
  type FleetShared,
  type InProcessNode,
} from './in-process-nodes.js';

const postgres = STORE_TARGETS.find((target) => target.kind === 'postgres');
const skipReason = postgres?.skipReason;
if (skipReason !== undefined) console.warn(`fleet membership: ${skipReason}`);
const EXIT_DEADLINE_MS = 30_000;

interface ListedNode {
  id: string;
  port: number;
  status: string;
  version: string;
  differs: string[];
}

describe.skipIf(skipReason !== undefined)('nodes of one fleet', () => {
  let place: TestLocation;
  let shared: FleetShared;
  let nodes: InProcessNode[] = [];
  const portOf = (node: InProcessNode) => Number(new URL(node.baseUrl).port);
  const listed = async (node: InProcessNode) => {
    const response = await fetch(`${node.baseUrl}/admin/nodes`, {
      headers: { authorization: `Bearer ${shared.adminToken}` },
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { nodes: ListedNode[] }).nodes;
  };

  beforeAll(async () => {
    place = await (postgres ?? { create: () => Promise.reject(new Error('no target')) }).create();
    shared = await fleetShared(place.location);
    nodes = [await startInProcessNode(shared)];
    nodes.push(await startInProcessNode(shared), await startInProcessNode(shared));
  });

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.service.close()));
    await place.drop();
  });

  it('lists every running node, up and agreeing, from any node', async () => {
    const ports = nodes.map(portOf).sort();
    for (const node of nodes) {
      const list = await listed(node);
      expect(list.map((n) => n.port).sort()).toEqual(ports);
      for (const n of list) expect(n).toMatchObject({ status: 'up', differs: [] });
    }
  });

  it('keeps the fleet view behind the admin token', async () => {
    const [node] = nodes as [InProcessNode];
    expect((await fetch(`${node.baseUrl}/admin/nodes`)).status).toBe(401);
  });

  it('shows a node stopped cleanly as stopped', async () => {
    const stopped = nodes.pop() as InProcessNode;
    await stopped.service.close();
    const list = await listed(nodes[0] as InProcessNode);
    expect(list.find((n) => n.port === portOf(stopped))?.status).toBe('stopped');
  });

  it('lists the nodes on the command line: emd-cds nodes --json', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [...CLI_ARGS, 'nodes', '--json'],
      { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH, EMD_CDS_POSTGRES_URL: place.location } },
    );
    const list = (JSON.parse(stdout) as { nodes: ListedNode[] }).nodes;
    expect(
      list
        .filter((n) => n.status === 'up')
        .map((n) => n.port)
        .sort(),
    ).toEqual(nodes.map(portOf).sort());
  });

  it(
    'refuses to start a node whose audit key differs, naming the setting',
    async () => {
      const child = startBuiltService({
        PORT: '0',
        HOST: '127.0.0.1',
        AUTH_LOCAL_ISSUER_DIR: shared.keyDir,
        EMD_CDS_POSTGRES_URL: place.location,
        EMD_CDS_AUDIT_SECRET: randomBytes(32).toString('base64'),
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => {
        const deadline = setTimeout(() => {
          child.kill('SIGKILL');
        }, EXIT_DEADLINE_MS);
        child.once('exit', (exitCode) => {
          clearTimeout(deadline);
          resolve(exitCode);
        });
      });
      expect(code).toBe(1);
      expect(output).toContain('EMD_CDS_AUDIT_SECRET (or store.auditSecretFile)');
      expect(output).not.toContain(shared.auditSecret);
    },
    EXIT_DEADLINE_MS + 5000,
  );
});
