/**
 * What the fleet registry records of each node and what it answers (./fleet-registry.ts opens
 * one): apart from it, so that each registry over a connection (./fleet-registry-sql.ts,
 * ./sqlite-fleet-registry.ts, the writer thread's) names the type without importing the
 * module that opens them.
 */
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
