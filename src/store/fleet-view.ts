/**
 * The fleet as an operator reads it (GET /admin/nodes, `emd-cds nodes`): each node's
 * status from its heartbeat, and which nodes run another version or configuration than
 * most of the running fleet (a rolling upgrade half done, a config file not copied).
 */
import type { NodeHeartbeat, NodeRow } from './fleet-node.js';

/** Nodes write a heartbeat this often. */
export const HEARTBEAT_MS = 10_000;
/** A running node whose last heartbeat is older than this is "late" (three missed beats). */
export const LATE_AFTER_MS = 3 * HEARTBEAT_MS;

/** A node's heartbeat as the operator reads it: its id, its status and what differs. */
export interface FleetNode extends Omit<NodeHeartbeat, 'nodeId'> {
  id: string;
  status: 'up' | 'late' | 'stopped';
  /** What differs from most running nodes; empty when the node agrees with them. */
  differs: ('version' | 'configHash')[];
}

export function fleetView(rows: readonly NodeRow[], now: Date): FleetNode[] {
  const nodes = rows.map((row) => ({
    id: row.nodeId,
    host: row.host,
    port: row.port,
    version: row.version,
    configHash: row.configHash,
    startedAt: row.startedAt,
    lastSeenAt: row.lastSeenAt,
    status: row.stoppedAt
      ? ('stopped' as const)
      : now.getTime() - Date.parse(row.lastSeenAt) > LATE_AFTER_MS
        ? ('late' as const)
        : ('up' as const),
  }));
  // Earliest started first: on a tie (two nodes, one upgraded) the established value is the
  // usual one, and the node that changed is the one flagged, whatever the rows' order.
  const running = nodes
    .filter((node) => node.status !== 'stopped')
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  const usualVersion = mostCommon(running.map((node) => node.version));
  const usualConfig = mostCommon(running.map((node) => node.configHash));
  return nodes.map((node) => ({
    ...node,
    differs:
      node.status === 'stopped'
        ? []
        : [
            ...(node.version !== usualVersion ? (['version'] as const) : []),
            ...(node.configHash !== usualConfig ? (['configHash'] as const) : []),
          ],
  }));
}

/** The most frequent value; on a tie, the one that comes first. */
function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, count] of counts)
    if (best === undefined || count > (counts.get(best) ?? 0)) best = value;
  return best;
}
