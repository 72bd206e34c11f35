/**
 * A refused reload as GET /admin/config tells it (behind the admin token): when, what set it
 * off, which file broke and each problem at its file:line:col, as `emd-cds validate` says them,
 * so that an analyst who cannot read the service log sees why the file on disk is not in force;
 * with the warnings `validate` gives of the configuration in force. The open /readyz still says
 * only when. The real service, a site folder with its own wording (docs/configuring.md §2 e).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfigFile } from '../../src/config/config-file.js';
import type { ConfigAnswer } from '../../src/config/config-standing.js';
import { serviceOptions } from '../../src/config/environment.js';
import { PATHS } from '../../src/config/project-paths.js';
import { startService, type RunningService } from '../../src/service.js';

const ADMIN = 'admin-token-for-refusal-test-0123';
const SITE = 'wording:\n  dir: wording\nrules:\n  emd-soft-tissue:\n    enabled: false\n';

let service: RunningService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

async function startSite() {
  const dir = mkdtempSync(join(tmpdir(), 'emd-cds-refusal-'));
  cpSync(PATHS.wording, join(dir, 'wording'), { recursive: true });
  const file = join(dir, 'emd-cds.yaml');
  writeFileSync(file, SITE);
  const options = serviceOptions(readConfigFile(file), {
    PORT: '0',
    AUTH: 'off',
    AUTH_LOCAL_ISSUER: 'off',
    EMD_CDS_ADMIN_TOKEN: ADMIN,
    EMD_CDS_SQLITE_FILE: join(dir, 'emd-cds.sqlite'),
    EMD_CDS_AUDIT_SECRET: Buffer.alloc(32, 7).toString('base64'),
  });
  const running = await startService(options, pino({ level: 'silent' }), file);
  service = running;
  const base = new URL(running.discoveryUrl).origin;
  const config = async (authorization = `Bearer ${ADMIN}`) => {
    const response = await fetch(`${base}/admin/config`, { headers: { authorization } });
    return { status: response.status, body: (await response.text()) || '{}' };
  };
  const readyz = async () => (await fetch(`${base}/readyz`)).text();
  return { running, zhCn: join(dir, 'wording', 'zh-CN.yaml'), config, readyz };
}

describe('GET /admin/config after a refused reload', () => {
  it('names the file that broke, its problems at file:line:col, and when; /readyz only when', async () => {
    const { running, zhCn, config, readyz } = await startSite();
    const first = JSON.parse((await config()).body) as ConfigAnswer;
    expect(first.reloadRefused).toBeNull();
    // docs/go-live.md: every start and reload warn of a rule switched off.
    // Its place first (`validate` gives every warning one where it has one), then the words.
    expect(first.warnings).toContainEqual(
      expect.stringMatching(/^\S+:\d+:\d+ rule emd-soft-tissue is switched off by configuration/),
    );

    const good = readFileSync(zhCn, 'utf8');
    // A mapping item indented one column less than its siblings: a YAML syntax error.
    writeFileSync(zhCn, 'rules:\n  emd-cns:\n summary: x\n');
    expect(running.reload('SIGHUP')).toBe(false);

    const answer = JSON.parse((await config()).body) as ConfigAnswer;
    expect(answer.provenance.configHash).toBe(first.provenance.configHash);
    const refusal = answer.reloadRefused;
    expect(refusal).toMatchObject({ trigger: 'SIGHUP', files: [zhCn], moreProblems: 0 });
    // The YAML parser's words, at the place it gives, and the hint on indentation, as
    // `validate` prints them (only the first syntax error of a wording file).
    expect(refusal?.problems).toEqual([
      expect.stringMatching(
        /^\S+:\d+:\d+ All mapping items must start at the same column: check the indentation here/,
      ),
    ]);
    expect(refusal?.problems[0]?.startsWith(`${zhCn}:`)).toBe(true);
    expect(refusal?.later).toEqual([`the rest of ${zhCn}`]);
    const open = JSON.parse(await readyz()) as { configReloadRefusedAt?: string };
    expect(open.configReloadRefusedAt).toBe(refusal?.at);
    // The open probe says when, never the site's paths or problems.
    expect(await readyz()).not.toContain('zh-CN.yaml');
    // Behind the admin token, as the rest of the config answer.
    expect((await config('Bearer wrong')).status).toBe(401);

    writeFileSync(zhCn, good);
    expect(running.reload('SIGHUP')).toBe(true);
    expect((JSON.parse((await config()).body) as ConfigAnswer).reloadRefused).toBeNull();
  });
});
