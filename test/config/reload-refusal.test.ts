/**
 * A refused reload as the console is told it (src/config/reload-refusal.ts): each problem as
 * `validate` writes it, the files they name, a bounded list, and no credentials of a URL a
 * site wrote into a key (GET /admin/config shows it; the common brief: never secrets there).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { MAX_REFUSAL_PROBLEMS, reloadRefusalOf } from '../../src/config/reload-refusal.js';

const AT = '2026-12-07T03:44:29.530Z';

describe('reloadRefusalOf', () => {
  it('names the files of the problems, in order, once each', () => {
    const error = new ConfigError(
      [
        'site/wording/zh-CN.yaml:73:1 All mapping items must start at the same column',
        'site/emd-cds.yaml:3:5 rules.emd-cns.acknowledgement: emd-cns is a critical rule',
        'site/value-sets: not found',
      ],
      { later: ['the rest of site/wording/zh-CN.yaml'] },
    );
    expect(reloadRefusalOf(error, AT, 'zh-CN.yaml changed')).toEqual({
      at: AT,
      trigger: 'zh-CN.yaml changed',
      files: ['site/wording/zh-CN.yaml', 'site/emd-cds.yaml', 'site/value-sets'],
      problems: [
        'site/wording/zh-CN.yaml:73:1 All mapping items must start at the same column',
        'site/emd-cds.yaml:3:5 rules.emd-cns.acknowledgement: emd-cns is a critical rule',
        'site/value-sets: not found',
      ],
      moreProblems: 0,
      later: ['the rest of site/wording/zh-CN.yaml'],
    });
  });

  it(`tells the first ${String(MAX_REFUSAL_PROBLEMS)} problems and how many more`, () => {
    const problems = Array.from({ length: 25 }, (_, i) => `a.yaml:${String(i + 1)}:1 bad`);
    const refusal = reloadRefusalOf(new ConfigError(problems), AT, 'SIGHUP');
    expect(refusal.problems).toEqual(problems.slice(0, MAX_REFUSAL_PROBLEMS));
    expect(refusal.moreProblems).toBe(25 - MAX_REFUSAL_PROBLEMS);
  });

  it("masks a URL's user and password, and cuts a long problem", () => {
    const refusal = reloadRefusalOf(
      new ConfigError([
        'a.yaml:2:3 store.postgresUrl: postgres://emd:s3cret@db.hospital.example/emd',
        `a.yaml:4:1 ${'x'.repeat(2000)}`,
      ]),
      AT,
      'SIGHUP',
    );
    expect(refusal.problems[0]).toBe(
      'a.yaml:2:3 store.postgresUrl: postgres://***@db.hospital.example/emd',
    );
    expect(JSON.stringify(refusal)).not.toContain('s3cret');
    expect(refusal.problems[1]?.length).toBeLessThan(600);
  });

  it('says another error in its first line, and names no file for it', () => {
    const refusal = reloadRefusalOf(new Error('EACCES: permission denied\n  at x'), AT, 'SIGHUP');
    expect(refusal).toMatchObject({
      files: [],
      problems: ['EACCES: permission denied'],
      later: [],
    });
  });
});
