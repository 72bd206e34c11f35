/**
 * Small probes of the servers under load, outside the measurement: one sanity call, the
 * service's own counters from /metrics, this process's RSS, and a run's summary line.
 */
import type { LoadResult } from './load.js';
import type { Scenario } from './payloads.js';
import { fmt } from './stats.js';

export function targetUrl(base: string, scenario: Scenario): string {
  return `${base}/cds-services/${scenario.serviceId}`;
}

/** One call outside the measurement: the status and how many cards came back. */
export async function sanityCall(
  url: string,
  body: string,
  token?: string,
): Promise<{ status: number; cards: number | undefined }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
  const text = await response.text();
  let cards: number | undefined;
  try {
    cards = (JSON.parse(text) as { cards?: unknown[] }).cards?.length;
  } catch {
    cards = undefined;
  }
  if (response.status !== 200)
    console.log(`    ! ${url} answered ${String(response.status)}: ${text}`);
  return { status: response.status, cards };
}

/** Sums a counter's samples whose labels contain every `labels` fragment. */
export async function scrapeCounter(
  baseUrl: string,
  name: string,
  labels: string[],
): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (!labels.every((label) => line.includes(label))) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1)) || 0;
  }
  return sum;
}

export async function serviceCounters(baseUrl: string) {
  return {
    unavailable: await scrapeCounter(baseUrl, 'emd_cds_prefetch_keys_total', [
      'source="unavailable"',
    ]),
    fhirErrors: await scrapeCounter(baseUrl, 'emd_cds_fhir_read_seconds_count', [
      'outcome="error"',
    ]),
  };
}

export function describeRun(label: string, result: LoadResult): string {
  const codes = Object.entries(result.statusCodes)
    .map(([status, count]) => `${status}×${String(count)}`)
    .join(' ');
  return `    ${label.padEnd(30)} ${fmt(result.requestsPerSecond).padStart(7)} req/s  p50 ${fmt(result.latencyP50Ms).padStart(6)} ms  p99 ${fmt(result.latencyP99Ms).padStart(6)} ms  [${codes}]${result.errors > 0 ? `  errors ${String(result.errors)} (timeouts ${String(result.timeouts)})` : ''}`;
}

/** RSS of this process every 50 ms until stopped: the highest seen (or now, if higher). */
export function sampleRss(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}
