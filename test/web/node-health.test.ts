/**
 * The console's health banner, Fleet line and Rules view say what /readyz says
 * (docs/configuring.md, "Reloading, and the config hash"): a config file refused on reload
 * is said to be refused, when, where to see why, and which configuration (its hash) is still
 * in force; the audit database only when /readyz names it; several reasons each. The /readyz
 * answers below are typed from the docs, and the sentences from what an analyst should read.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { messages } from '../../web/console/i18n.js';
import { configNotices, healthBanner, thisNodeLine } from '../../web/console/node-health.js';
import { readNodeHealth } from '../../web/console/readyz-report.js';
import { templateText } from './template-text.js';

const en = messages('en');
const FILE = '/srv/site/emd-cds.yaml';
const REFUSED_AT = '2026-12-06T16:52:05.732Z';
const HASH = 'b392d3b3bcb39c58';

/** /readyz after a refused reload, as docs/configuring.md describes it. */
const REFUSED = {
  status: 'degraded',
  configHash: HASH,
  auditSpooled: 0,
  degraded: [
    `configuration reload refused at ${REFUSED_AT}: the previous configuration is in force (see the log)`,
  ],
  configReloadRefusedAt: REFUSED_AT,
};

const REFUSED_BANNER = `The config file on disk was refused at ${REFUSED_AT}. None of its changes are in force: this node still runs the previous configuration, hash ${HASH}. Why the file was refused is in the service log, and “emd-cds validate ${FILE}” says it too. Fix the file and save it again.`;
const AUDIT_BANNER =
  'The audit database is unreachable from this node. Cards are still served. 2 audit record(s) are spooled on this node and will be replayed when the database is back.';

/** readNodeHealth with /readyz answering `body`. */
async function healthFrom(body: unknown) {
  vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify(body))));
  return readNodeHealth();
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the health banner', () => {
  it('says a refused reload, when, where to see why and the hash in force, and nothing of the audit', async () => {
    const text = templateText(healthBanner(en, await healthFrom(REFUSED), FILE));
    expect(text).toBe(REFUSED_BANNER);
    expect(text).not.toMatch(/audit/i);
  });

  it('says the audit database only when /readyz names it', async () => {
    const health = await healthFrom({
      status: 'degraded',
      configHash: HASH,
      auditSpooled: 2,
      degraded: ['audit store unavailable: cards are spooled locally'],
      auditStoreDown: true,
    });
    expect(templateText(healthBanner(en, health, FILE))).toBe(AUDIT_BANNER);
  });

  it('says each reason when there are several', async () => {
    const health = await healthFrom({
      ...REFUSED,
      auditSpooled: 2,
      degraded: ['audit store unavailable: cards are spooled locally', ...REFUSED.degraded],
      auditStoreDown: true,
      restartNeeded: 2,
    });
    // /readyz is open, so it counts the keys; the banner sends the analyst to where they are named.
    expect(templateText(healthBanner(en, health, FILE))).toBe(
      [
        AUDIT_BANNER,
        REFUSED_BANNER,
        `Some settings in the config file take effect only after a restart. 2 setting(s) changed since this node started; it still runs with the values it started with. The rest of the file is in force (hash ${HASH}). The Rules view and the service log name them; restart the node to apply them.`,
      ].join(' '),
    );
    expect(templateText(thisNodeLine(en, health))).toContain('restart needed for 2 setting(s)');
  });

  it("says /readyz's own words for a reason it has no field for", async () => {
    const health = await healthFrom({ status: 'degraded', degraded: ['a reason from elsewhere'] });
    expect(templateText(healthBanner(en, health))).toBe(
      'This node reports itself degraded: a reason from elsewhere',
    );
  });

  it('says a cluster node runs fewer workers than configured, and that cards are still served', async () => {
    const health = await healthFrom({
      status: 'degraded',
      configHash: HASH,
      auditSpooled: 0,
      degraded: [
        'workers short: 3 of 4 workers serving; the primary is restarting the others (see the log)',
      ],
      workersShort: { serving: 3, wanted: 4 },
    });
    expect(templateText(healthBanner(en, health, FILE))).toBe(
      'Only 3 of this node’s 4 worker processes are serving. Cards are still served, with less capacity. The node keeps starting the missing workers, waiting longer after each one that fails at start; the service log says why each one exited.',
    );
  });

  it('shows nothing for a ready node', async () => {
    const health = await healthFrom({ status: 'ready', configHash: HASH, auditSpooled: 0 });
    expect(templateText(healthBanner(en, health, FILE))).toBe('');
  });

  it('says a refused reload in Chinese too', async () => {
    const text = templateText(healthBanner(messages('zh-CN'), await healthFrom(REFUSED), FILE));
    expect(text).toBe(
      `磁盘上的配置文件于 ${REFUSED_AT} 被拒绝加载。 其中的更改均未生效：本节点仍在运行之前的配置，哈希 ${HASH}。文件被拒绝的原因见服务日志，“emd-cds validate ${FILE}” 也会给出。请修正文件后再次保存。`,
    );
  });
});

describe("the Fleet view's line for this node", () => {
  it('says how many workers serve when fewer than configured, in both languages', async () => {
    const health = await healthFrom({
      status: 'degraded',
      auditSpooled: 0,
      workersShort: { serving: 1, wanted: 2 },
    });
    expect(templateText(thisNodeLine(en, health))).toBe(
      `This node: degraded: 1 of 2 workers serving · 0 audit record(s) spooled (As of ${health.checkedAt})`,
    );
    expect(templateText(thisNodeLine(messages('zh-CN'), health))).toBe(
      `本节点： 降级：2 个工作进程中仅 1 个在服务 · 已暂存 0 条审计记录 (截至 ${health.checkedAt})`,
    );
  });

  it('says the refused reload, not the audit database', async () => {
    const health = await healthFrom(REFUSED);
    expect(templateText(thisNodeLine(en, health))).toBe(
      `This node: degraded: configuration reload refused at ${REFUSED_AT} · 0 audit record(s) spooled (As of ${health.checkedAt})`,
    );
  });

  it('says the audit database when it is the reason, in both languages', async () => {
    const health = await healthFrom({ status: 'degraded', auditSpooled: 2, auditStoreDown: true });
    expect(templateText(thisNodeLine(en, health))).toBe(
      `This node: degraded: audit database unreachable · 2 audit record(s) spooled (As of ${health.checkedAt})`,
    );
    expect(templateText(thisNodeLine(messages('zh-CN'), health))).toBe(
      `本节点： 降级：审计数据库不可达 · 已暂存 2 条审计记录 (截至 ${health.checkedAt})`,
    );
  });
});

describe('the Rules view', () => {
  // Its page is checked in Chromium (test/browser/console-reload-refused.test.ts); here, what
  // it is given to say: the notices about the config file, and no others.
  it('is told of the refusal, and of the keys that wait for a restart (from GET /admin/config)', async () => {
    const health = await healthFrom({ ...REFUSED, auditStoreDown: true, restartNeeded: 1 });
    const notices = configNotices(en, health, FILE, ['service.logLevel']);
    expect(notices.map((n) => `${n.head} ${n.body}`)).toEqual([
      REFUSED_BANNER,
      `Some settings in the config file take effect only after a restart. service.logLevel changed since this node started; it still runs with the values it started with. The rest of the file is in force (hash ${HASH}). Restart the node to apply them.`,
    ]);
  });

  it('is told nothing while the file on disk is the one in force', async () => {
    const health = await healthFrom({ status: 'degraded', auditSpooled: 2, auditStoreDown: true });
    expect(configNotices(en, health, FILE)).toEqual([]);
  });
});
