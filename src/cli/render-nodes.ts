/** `emd-cds nodes`: the fleet sharing this store database, read from it directly. */
import { openFleetRegistry } from '../store/fleet-registry.js';
import { fleetView, type FleetNode } from '../store/fleet-view.js';
import { openStore, type StoreOptions } from '../store/open-store.js';

export async function listNodes(options: StoreOptions): Promise<FleetNode[]> {
  // The schema may be older than this release (no fleet table yet): bring it up first.
  const store = openStore(options);
  try {
    await store.migrate();
  } finally {
    await store.close();
  }
  const registry = openFleetRegistry(options);
  try {
    return fleetView(await registry.nodes(), new Date());
  } finally {
    await registry.close();
  }
}

/** One line per node; a node differing from the rest, or late, is marked with "!". */
export function renderNodes(nodes: readonly FleetNode[]): string {
  if (nodes.length === 0) return 'no nodes have registered in this store database\n';
  const rows = nodes.map((node) => [
    node.status !== 'stopped' && (node.status === 'late' || node.differs.length > 0) ? '!' : ' ',
    node.id,
    `${node.host}:${String(node.port)}`,
    node.version,
    node.configHash,
    node.status,
    node.lastSeenAt,
    node.differs.length > 0 ? `differs: ${node.differs.join(', ')}` : '',
  ]);
  const header = [' ', 'node', 'host:port', 'version', 'config', 'status', 'last seen', ''];
  const widths = header.map((_, i) =>
    Math.max(...[header, ...rows].map((row) => row[i]?.length ?? 0)),
  );
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}
