/**
 * The console's banner after a refused reload, once GET /admin/config has told why: it names
 * the file that broke (not the config file, when a wording file broke), each problem as
 * `validate` writes it, and when; an analyst cannot read the service log. Told of another
 * refusal than /readyz's (read at another time), it says what /readyz says, as before.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReloadRefusal } from '../../src/config/reload-refusal.js';
import { messages } from '../../web/console/i18n.js';
import { healthBanner } from '../../web/console/node-health.js';
import { readNodeHealth } from '../../web/console/readyz-report.js';
import { templateText } from './template-text.js';

const FILE = '/srv/site/emd-cds.yaml';
const ZH = '/srv/site/wording/zh-CN.yaml';
const AT = '2026-12-07T03:44:29.530Z';
const HASH = 'fabb68618afe1ccf';
const PROBLEM = `${ZH}:73:1 All mapping items must start at the same column`;

const REFUSAL: ReloadRefusal = {
  at: AT,
  trigger: 'zh-CN.yaml changed',
  files: [ZH],
  problems: [PROBLEM],
  moreProblems: 0,
  later: [`the rest of ${ZH}`],
};

async function refusedHealth() {
  const body = { status: 'degraded', configHash: HASH, auditSpooled: 0, configReloadRefusedAt: AT };
  vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify(body))));
  return readNodeHealth();
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the banner after a refused reload, with its problems', () => {
  it('names the file that broke, its problems and when, and sends no one to the log', async () => {
    const text = templateText(healthBanner(messages('en'), await refusedHealth(), FILE, REFUSAL));
    expect(text).toBe(
      `The config file on disk was refused at ${AT}, for problems in ${ZH}. None of its changes are in force: this node still runs the previous configuration, hash ${HASH}. The reload (zh-CN.yaml changed) found: ${PROBLEM} Checked only once these are fixed: the rest of ${ZH}. Fix the file and save it again.`,
    );
    expect(text).not.toContain('service log');
  });

  it('says how many problems are left off, and where to see them all', async () => {
    const text = templateText(
      healthBanner(messages('en'), await refusedHealth(), FILE, {
        ...REFUSAL,
        moreProblems: 3,
        later: [],
      }),
    );
    expect(text).toContain(
      `${PROBLEM} 3 more problem(s): “emd-cds validate ${FILE}” lists them all.`,
    );
  });

  it('says it in Chinese too', async () => {
    const text = templateText(
      healthBanner(messages('zh-CN'), await refusedHealth(), FILE, REFUSAL),
    );
    expect(text).toBe(
      `磁盘上的配置文件于 ${AT} 被拒绝加载，问题位于 ${ZH}。 其中的更改均未生效：本节点仍在运行之前的配置，哈希 ${HASH}。此次重新加载（zh-CN.yaml 已更改）发现以下问题： ${PROBLEM} 修正这些问题后还将检查：${ZH} 的其余部分。 请修正文件后再次保存。`,
    );
  });

  // The service writes these few forms in English (src/config/settings-store.ts,
  // config-file.ts, load-wording.ts); a Chinese sentence around them read half English.
  it('says in Chinese what set the reload off and each check left for later', async () => {
    const zh = async (trigger: string, later: string[]) =>
      templateText(
        healthBanner(messages('zh-CN'), await refusedHealth(), FILE, {
          ...REFUSAL,
          trigger,
          later,
        }),
      );
    const sighup = await zh('SIGHUP', ['the value set and wording files and the value set roles']);
    expect(sighup).toContain('此次重新加载（收到 SIGHUP 信号）发现以下问题：');
    expect(sighup).toContain('修正这些问题后还将检查：值集文件、措辞文件及值集角色。');
    const keys = await zh('emd-cds.yaml, en.yaml changed', [
      'the keys and values, then the value set and wording files and the value set roles',
      `the templates of ${ZH}`,
    ]);
    expect(keys).toContain('此次重新加载（emd-cds.yaml, en.yaml 已更改）');
    expect(keys).toContain(
      `修正这些问题后还将检查：各键及其取值，然后是值集文件、措辞文件及值集角色; ${ZH} 中的模板。`,
    );
    // A form the console does not know is shown as the service wrote it.
    expect(await zh('a new reason', ['something new'])).toContain('（a new reason）');
  });

  it("says what /readyz says when the refusal told is not /readyz's", async () => {
    const stale = { ...REFUSAL, at: '2026-12-07T03:40:00.000Z' };
    const text = templateText(healthBanner(messages('en'), await refusedHealth(), FILE, stale));
    expect(text).toContain(`The config file on disk was refused at ${AT}.`);
    expect(text).not.toContain(PROBLEM);
  });
});
