/**
 * `emd-cds evaluate` runs "exactly what the service runs for a hook call"
 * (docs/getting-started.md): its cards link the timeline app under the service's URL as
 * `npm start` works it out from the same environment (docs/configuring.md: PUBLIC_BASE_URL,
 * else http://localhost:<PORT>; the link defaults to <publicBaseUrl>/timeline/launch.html).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../../src/config/project-paths.js';
import { runCli } from '../backtest/run-cli.js';

const BUNDLE = join(PATHS.examples, 'emd-and-cns.json');

/** The smart links of the cards `evaluate --json` prints. */
async function timelineLinks(env: Record<string, string>): Promise<string[]> {
  const run = await runCli(['evaluate', BUNDLE, '--now', '2026-11-01', '--json'], env);
  expect(run.status).toBe(0);
  const answer = JSON.parse(run.stdout) as { cards: { links?: { url: string; type: string }[] }[] };
  return [
    ...new Set(
      answer.cards.flatMap((card) =>
        (card.links ?? []).filter((l) => l.type === 'smart').map((l) => l.url),
      ),
    ),
  ];
}

describe('emd-cds evaluate names the service as npm start would', { timeout: 60_000 }, () => {
  it('links the timeline on the PORT the service would listen on', async () => {
    expect(await timelineLinks({ PORT: '3917', PUBLIC_BASE_URL: '' })).toEqual([
      'http://localhost:3917/timeline/launch.html',
    ]);
  });

  it('links the timeline under PUBLIC_BASE_URL when it is set', async () => {
    expect(
      await timelineLinks({ PORT: '3917', PUBLIC_BASE_URL: 'https://cds.hospital.example/' }),
    ).toEqual(['https://cds.hospital.example/timeline/launch.html']);
  });

  // docs/configuring.md: the environment is checked, "a typo stops the start with a message
  // naming the variable"; evaluate, which runs what the service runs, says so too rather than
  // linking port 3000 (records probe 8, session 39).
  for (const [name, value] of [
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PUBLIC_BASE_URL', 'ftp://cds.hospital.example'],
  ] as const)
    it(`refuses ${name}=${value}, as npm start does, naming the variable`, async () => {
      const run = await runCli(['evaluate', BUNDLE, '--now', '2026-11-01', '--json'], {
        PORT: '3917',
        PUBLIC_BASE_URL: '',
        [name]: value,
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(name);
    });
});
