/**
 * The soak's verdict, apart from the run so it can be tested on its own: per window the
 * load figures and each node's RSS samples; RSS growth after warm-up per node; pass or fail.
 */
import { fmt, mb, percentile, table } from './stats.js';

/** RSS may grow by at most this share after warm-up (issue #16). */
export const MAX_RSS_GROWTH = 0.1;

export interface SoakWindow {
  /** Minutes since the measured run began, at the window's end. */
  atMinutes: number;
  warmUp: boolean;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts and non-2xx answers. */
  errors: number;
  /** RSS samples in bytes taken during the window, per node name. */
  rss: Record<string, number[]>;
}

export interface NodeGrowth {
  node: string;
  /** RSS in the first third of the windows after warm-up, and in the last third. */
  afterWarmUp: number;
  atEnd: number;
  growth: number;
}

/** The median of each window's samples, then the median of those over `windows`. */
function typicalRss(windows: readonly SoakWindow[], node: string): number {
  return percentile(
    windows.map((window) => percentile(window.rss[node] ?? [], 50)),
    50,
  );
}

/**
 * Growth of each node's RSS from the first third of the windows after warm-up to the last
 * third, each a median of window medians: one sample taken during a garbage collection, or
 * one window before V8 gives back a heap it had grown, would otherwise decide.
 */
export function rssGrowth(windows: readonly SoakWindow[]): NodeGrowth[] {
  const measured = windows.filter((window) => !window.warmUp);
  if (measured.length === 0) return [];
  const third = Math.max(1, Math.floor(measured.length / 3));
  const early = measured.slice(0, third);
  const late = measured.slice(-third);
  return Object.keys(measured[0]?.rss ?? {}).map((node) => {
    const afterWarmUp = typicalRss(early, node);
    const atEnd = typicalRss(late, node);
    return { node, afterWarmUp, atEnd, growth: atEnd / afterWarmUp - 1 };
  });
}

export interface SoakVerdict {
  passed: boolean;
  reasons: string[];
}

export function soakVerdict(windows: readonly SoakWindow[]): SoakVerdict {
  const reasons: string[] = [];
  const growths = rssGrowth(windows);
  if (growths.length === 0) reasons.push('no window after warm-up: run longer');
  // Compared as sizes, not as the rounded ratio: 220 MB after 200 MB is 10 %, not 10.000…1 %.
  for (const { node, growth, afterWarmUp, atEnd } of growths)
    if (!(atEnd <= afterWarmUp * (1 + MAX_RSS_GROWTH)))
      reasons.push(
        `${node}: RSS grew ${fmt(growth * 100, 1)} % after warm-up (limit ${String(MAX_RSS_GROWTH * 100)} %)`,
      );
  const errors = windows.reduce((sum, window) => sum + window.errors, 0);
  if (errors > 0) reasons.push(`${String(errors)} failed requests`);
  return { passed: reasons.length === 0, reasons };
}

/** The windows as a Markdown table: time, load, latency, errors, then RSS (MB) per node. */
export function windowsTable(windows: readonly SoakWindow[]): string {
  const nodes = Object.keys(windows[0]?.rss ?? {});
  return table(
    ['min', 'req/s', 'p50 ms', 'p99 ms', 'errors', ...nodes.map((node) => `${node} RSS MB`)],
    windows.map((window) => [
      `${fmt(window.atMinutes, 1)}${window.warmUp ? ' (warm-up)' : ''}`,
      fmt(window.requestsPerSecond, 0),
      fmt(window.p50Ms),
      fmt(window.p99Ms),
      String(window.errors),
      ...nodes.map((node) => mb(percentile(window.rss[node] ?? [], 50))),
    ]),
  );
}

export function growthTable(windows: readonly SoakWindow[]): string {
  return table(
    ['node', 'RSS after warm-up MB', 'RSS at end MB', 'growth %'],
    rssGrowth(windows).map((row) => [
      row.node,
      mb(row.afterWarmUp),
      mb(row.atEnd),
      fmt(row.growth * 100, 1),
    ]),
  );
}
