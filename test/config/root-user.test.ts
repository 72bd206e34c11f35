/**
 * A production start as root (uid 0) is warned of, not refused: containers often run as root.
 * The warning says what to do instead. End to end: test/config/production-guard.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { rootUserWarning } from '../../src/config/root-user.js';

describe('the warning of a start as root', () => {
  it('comes in production as uid 0, saying what to run it as instead', () => {
    const warning = rootUserWarning(true, 0);
    expect(warning).toMatch(/^running as root \(uid 0\) with NODE_ENV=production: /);
    expect(warning).toContain('run it as a user of its own');
    expect(warning).toContain('User= in deploy/systemd/emd-cds.service');
  });

  it('does not come for another user, outside production, or where there are no uids', () => {
    for (const [production, uid] of [
      [true, 1000],
      [true, 65534],
      [false, 0],
      [true, undefined],
    ] as const)
      expect({ production, uid, warning: rootUserWarning(production, uid) }).toEqual({
        production,
        uid,
        warning: undefined,
      });
  });
});
