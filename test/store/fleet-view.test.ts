/** The fleet view (issue #16): status from the heartbeat, and nodes differing from the rest. */
import { describe, expect, it } from 'vitest';
import type { NodeRow } from '../../src/store/fleet-node.js';
import { fleetView } from '../../src/store/fleet-view.js';

const NOW = new Date('2026-12-03T12:00:00.000Z');
const row = (overrides: Partial<NodeRow>): NodeRow => ({
  nodeId: 'n1',
  host: 'cds-a',
  port: 3000,
  version: '0.1.0',
  configHash: 'c1',
  startedAt: '2026-12-03T11:00:00.000Z',
  lastSeenAt: '2026-12-03T11:59:55.000Z',
  stoppedAt: undefined,
  ...overrides,
});

describe('fleet view', () => {
  it('reports up, late (three heartbeats missed: over 30 s) and stopped', () => {
    const view = fleetView(
      [
        row({ nodeId: 'up' }),
        row({ nodeId: 'late', lastSeenAt: '2026-12-03T11:59:29.000Z' }),
        row({ nodeId: 'stopped', stoppedAt: '2026-12-03T11:30:00.000Z' }),
      ],
      NOW,
    );
    expect(view.map((n) => [n.id, n.status])).toEqual([
      ['up', 'up'],
      ['late', 'late'],
      ['stopped', 'stopped'],
    ]);
  });

  it('flags the running node whose version or config differs from most', () => {
    const view = fleetView(
      [
        row({ nodeId: 'a' }),
        row({ nodeId: 'b' }),
        row({ nodeId: 'c', version: '0.2.0', configHash: 'c2' }),
        row({ nodeId: 'old', version: '0.0.9', stoppedAt: '2026-12-03T10:00:00.000Z' }),
      ],
      NOW,
    );
    expect(view.map((n) => [n.id, n.differs])).toEqual([
      ['a', []],
      ['b', []],
      ['c', ['version', 'configHash']],
      ['old', []],
    ]);
  });

  it('on a tie flags the node started later (the one that changed), whatever the order', () => {
    const view = fleetView(
      [
        row({ nodeId: 'upgraded', configHash: 'c2', startedAt: '2026-12-03T11:50:00.000Z' }),
        row({ nodeId: 'established', startedAt: '2026-12-03T09:00:00.000Z' }),
      ],
      NOW,
    );
    expect(view.map((n) => [n.id, n.differs])).toEqual([
      ['upgraded', ['configHash']],
      ['established', []],
    ]);
  });
});
