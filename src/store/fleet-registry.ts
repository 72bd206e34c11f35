/**
 * The fleet in the store's database (issue #16, tables of migration 4): the audit key's
 * fingerprint that every node must share, and one heartbeat row per node. Nothing here is
 * clinical or personal: node ids, host names, ports, versions and config hashes.
 */
import { createHmac } from 'node:crypto';
import Database from 'better-sqlite3';
import { Pool } from 'pg';
import type { StoreOptions } from './open-store.js';
import { numberPlaceholders } from './postgres-store.js';
import { BUSY_TIMEOUT_MS } from './sqlite-store.js';

export interface NodeHeartbeat {
  nodeId: string;
  host: string;
  port: number;
  version: string;
  configHash: string;
  startedAt: string;
  lastSeenAt: string;
}

export interface NodeRow extends NodeHeartbeat {
  stoppedAt: string | undefined;
}

export interface FleetRegistry {
  /** Records `fingerprint` when the fleet has none yet; returns the fleet's (first) one. */
  claimAuditKeyFingerprint(fingerprint: string, nowIso: string): Promise<string>;
  heartbeat(node: NodeHeartbeat): Promise<void>;
  markStopped(nodeId: string, nowIso: string): Promise<void>;
  nodes(): Promise<NodeRow[]>;
  close(): Promise<void>;
}

/** A fixed label HMACed under the audit key: equal keys give equal fingerprints, and the key never leaves the node. */
export function auditKeyFingerprint(auditKey: Buffer): string {
  return createHmac('sha256', auditKey).update('emd-cds audit key fingerprint v1').digest('hex');
}

const SQL = {
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

type Row = Record<string, string | number | null>;
type Query = (sql: string, params?: (string | number)[]) => Promise<Row[]>;

/** Opens the registry in the store's database; the store's `migrate()` must have run. */
export function openFleetRegistry(options: StoreOptions): FleetRegistry {
  let query: Query;
  let close: () => Promise<void>;
  if ('postgresUrl' in options) {
    const pool = new Pool({ connectionString: options.postgresUrl, max: 2 });
    pool.on('error', () => undefined);
    query = async (sql, params = []) =>
      (await pool.query<Row>(numberPlaceholders(sql), params)).rows;
    close = () => pool.end();
  } else {
    const db = new Database(options.sqliteFile);
    db.pragma(`busy_timeout = ${String(BUSY_TIMEOUT_MS)}`);
    query = (sql, params = []) =>
      new Promise((resolve) => {
        const statement = db.prepare(sql);
        resolve(
          statement.reader ? (statement.all(...params) as Row[]) : (statement.run(...params), []),
        );
      });
    close = () => Promise.resolve(db.close()).then(() => undefined);
  }
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
