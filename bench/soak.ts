/**
 * `npm run soak [-- --minutes 30] [--fleet 3]`: holds one node (default) or a fleet behind
 * nginx (PostgreSQL from EMD_CDS_SOAK_POSTGRES_URL or EMD_CDS_TEST_POSTGRES_URL, nginx from
 * EMD_CDS_TEST_NGINX) at 80 % of the throughput a short calibration measured in the same
 * run, for a set time, in windows: each window's req/s, p50/p99, failed requests and each
 * node's RSS. Exits 1 when a node's RSS grew more than 10 % after warm-up or a request
 * failed. The typical scenario of `npm run bench` (50 prefetched resources) is the body.
 * Not part of `npm test`: CI time is tight, and a soak proves nothing in seconds.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoad } from './load.js';
import { buildScenarios } from './payloads.js';
import { startExampleFhirServer } from './services.js';
import { startFleet, startSingleNode, type SoakTarget } from './soak-nodes.js';
import { growthTable, soakVerdict, windowsTable, type SoakWindow } from './soak-report.js';
import { fmt } from './stats.js';
import { exitWithUsage, parseScriptArgs } from '../tools/script-args.js';

const LOAD_SHARE = 0.8;
const CONNECTIONS = 16;
const CALIBRATION_SECONDS = 15;
const RSS_SAMPLE_MS = 2000;
/** The first fifth of the run (at least one window) is warm-up: caches fill, the JIT settles. */
const WARM_UP_SHARE = 0.2;

const USAGE = 'npm run soak -- [--minutes 30] [--fleet <nodes>] [--out <file.json>]';
const { values } = parseScriptArgs(USAGE, {
  options: {
    minutes: { type: 'string', default: '30' },
    fleet: { type: 'string' },
    out: { type: 'string' },
  },
});
const minutes = Number(values.minutes);
if (!(minutes > 0)) exitWithUsage(USAGE, '--minutes must be a positive number');
const fleetSize = values.fleet === undefined ? 0 : Number(values.fleet);
if (!Number.isInteger(fleetSize) || fleetSize < 0)
  exitWithUsage(USAGE, '--fleet takes a node count');
const totalSeconds = Math.round(minutes * 60);
// One-minute windows for long runs, at least ten windows for short ones.
const windowSeconds = Math.max(5, Math.min(60, Math.floor(totalSeconds / 10)));
const windowCount = Math.max(2, Math.floor(totalSeconds / windowSeconds));
const warmUpWindows = Math.max(1, Math.ceil(windowCount * WARM_UP_SHARE));

const log = (line: string) => {
  process.stdout.write(`${line}\n`);
};

async function startTarget(dir: string, fhirServerUrl: string): Promise<SoakTarget> {
  if (fleetSize === 0) return startSingleNode(dir, fhirServerUrl);
  const postgresUrl =
    process.env.EMD_CDS_SOAK_POSTGRES_URL ?? process.env.EMD_CDS_TEST_POSTGRES_URL;
  if (!postgresUrl) throw new Error('--fleet needs EMD_CDS_SOAK_POSTGRES_URL (or _TEST_)');
  return startFleet({ dir, fhirServerUrl, postgresUrl, count: fleetSize });
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'emd-cds-soak-'));
  const fhir = await startExampleFhirServer();
  const target = await startTarget(dir, fhir.url);
  try {
    const scenario = buildScenarios(fhir.url).find((s) => s.name === 'typical');
    if (!scenario) throw new Error('bench/payloads.ts has no typical scenario');
    const load = (name: string, seconds: number, overallRate?: number) =>
      runLoad({
        url: target.url,
        path: `/cds-services/${scenario.serviceId}`,
        body: scenario.body,
        connections: CONNECTIONS,
        durationSeconds: seconds,
        dir,
        name,
        ...(overallRate ? { overallRate } : {}),
      });
    const what = fleetSize === 0 ? 'one node' : `${String(fleetSize)} nodes behind nginx`;
    log(
      `soak: ${what}, ${String(minutes)} min in ${String(windowCount)} windows of ${String(windowSeconds)} s, first ${String(warmUpWindows)} warm-up`,
    );
    const calibration = await load('calibration', CALIBRATION_SECONDS);
    const rate = Math.max(1, Math.round(calibration.requestsPerSecond * LOAD_SHARE));
    log(
      `calibration: ${fmt(calibration.requestsPerSecond, 0)} req/s at full speed → soak at ${String(rate)} req/s`,
    );

    const windows: SoakWindow[] = [];
    for (let i = 0; i < windowCount; i += 1) {
      const rss: Record<string, number[]> = Object.fromEntries(
        target.nodes.map((node) => [node.name, [] as number[]]),
      );
      const sample = () => {
        for (const node of target.nodes) rss[node.name]?.push(node.rss());
      };
      const timer = setInterval(sample, RSS_SAMPLE_MS);
      const result = await load(`window-${String(i)}`, windowSeconds, rate);
      clearInterval(timer);
      sample();
      const window: SoakWindow = {
        atMinutes: ((i + 1) * windowSeconds) / 60,
        warmUp: i < warmUpWindows,
        requestsPerSecond: result.requestsPerSecond,
        p50Ms: result.latencyP50Ms,
        p99Ms: result.latencyP99Ms,
        errors: result.errors + result.timeouts + result.non2xx,
        rss,
      };
      windows.push(window);
      log(windowsTable([window]).split('\n')[2] ?? '');
    }
    const verdict = soakVerdict(windows);
    const report = [
      `# Soak: ${what}, ${String(minutes)} min at ${String(rate)} req/s (80 % of ${fmt(calibration.requestsPerSecond, 0)} calibrated), ${new Date().toISOString()}`,
      '',
      windowsTable(windows),
      '',
      growthTable(windows),
      '',
      verdict.passed ? 'PASSED' : `FAILED: ${verdict.reasons.join('; ')}`,
    ].join('\n');
    log(`\n${report}`);
    if (values.out) writeFileSync(values.out, `${report}\n`);
    return verdict.passed ? 0 : 1;
  } finally {
    await target.close();
    await fhir.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
