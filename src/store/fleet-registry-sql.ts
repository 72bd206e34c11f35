/**
 * The fleet registry's SQL (the same in SQLite and PostgreSQL, written with `?`) and the
 * registry over any connection that runs it (./fleet-registry.ts).
 */
import type { FleetRegistry } from './fleet-node.js';

export const SQL = {
  claim: `INSERT INTO fleet_identity (name, value, recorded_at) VALUES ('audit-key-fingerprint', ?, ?)
    ON CONFLICT (name) DO NOTHING`,
  fingerprint: `SELECT value FROM fleet_identity WHERE name = 'audit-key-fingerprint'`,
  heartbeat: `INSERT INTO fleet_node (node_id, host, port, version, config_hash, started_at,
      last_seen_at, stopped_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
    ON CONFLICT (node_id) DO UPDATE SET host = excluded.host, port = excluded.port,
      version = excluded.version, config_hash = excluded.config_hash,
      started_at = excluded.started_at, last_seen_at = excluded.last_seen_at, stopped_at = NULL`,
  stopped: 'UPDATE fleet_node SET stopped_at = ? WHERE node_id = ?',
  nodes: `SELECT node_id, host, port, version, config_hash, started_at, last_seen_at, stopped_at
    FROM fleet_node ORDER BY host, port, node_id`,
} as const;

export type FleetRow = Record<string, string | number | null>;
/** Runs one statement; resolves with its rows (none for a write). */
export type FleetQuery = (sql: string, params?: (string | number)[]) => Promise<FleetRow[]>;

/** The registry whose every call runs through `query`. */
export function registryOver(query: FleetQuery, close: () => Promise<void>): FleetRegistry {
  return {
    claimAuditKeyFingerprint: async (fingerprint, nowIso) => {
      await query(SQL.claim, [fingerprint, nowIso]);
      const [row] = await query(SQL.fingerprint);
      return String(row?.value);
    },
    heartbeat: async (node) => {
      await query(SQL.heartbeat, [
        node.nodeId,
        node.host,
        node.port,
        node.version,
        node.configHash,
        node.startedAt,
        node.lastSeenAt,
      ]);
    },
    markStopped: async (nodeId, nowIso) => {
      await query(SQL.stopped, [nowIso, nodeId]);
    },
    nodes: async () =>
      (await query(SQL.nodes)).map((row) => ({
        nodeId: String(row.node_id),
        host: String(row.host),
        port: Number(row.port),
        version: String(row.version),
        configHash: String(row.config_hash),
        startedAt: String(row.started_at),
        lastSeenAt: String(row.last_seen_at),
        stoppedAt: row.stopped_at === null ? undefined : String(row.stopped_at),
      })),
    close,
  };
}
