/**
 * CPU time of the benchmark's main thread, apart from the whole process. The baseline and the
 * services under test answer on the main thread, while autocannon, the audit writer and V8's
 * collector helpers run on other threads of the same process: a ratio of request rates says
 * how far a service is from its baseline, and the main thread's CPU per request says what
 * that costs in milliseconds (docs/performance-log.md §15). Linux only: the main thread's time
 * is read from /proc (its thread id is the process id; `schedstat` counts nanoseconds on
 * the CPU); elsewhere the main-thread figure is undefined.
 */
import { readFileSync, readdirSync } from 'node:fs';

export interface CpuSnapshot {
  /** Nanoseconds the main thread has run, if the platform says. */
  mainNs: number | undefined;
  /** process.cpuUsage(): user + system over all threads, in microseconds. */
  processMicros: number;
}

export interface CpuPerRequest {
  /** The main thread's CPU per request, ms; undefined where /proc cannot tell. */
  mainMs: number | undefined;
  /** All threads of the process (load generator, writer, collector helpers included), ms. */
  processMs: number;
}

export function cpuSnapshot(): CpuSnapshot {
  const usage = process.cpuUsage();
  return { mainNs: mainThreadNs(), processMicros: usage.user + usage.system };
}

/** CPU spent since `start`, per request of the `requests` answered meanwhile. */
export function cpuPerRequest(start: CpuSnapshot, requests: number): CpuPerRequest {
  const end = cpuSnapshot();
  const per = Math.max(requests, 1);
  return {
    mainMs:
      end.mainNs === undefined || start.mainNs === undefined
        ? undefined
        : (end.mainNs - start.mainNs) / 1e6 / per,
    processMs: (end.processMicros - start.processMicros) / 1e3 / per,
  };
}

function mainThreadNs(): number | undefined {
  return onCpuNs(`/proc/self/task/${String(process.pid)}`);
}

/**
 * CPU time every thread of another process (the FHIR server's) has spent so far, in ms: the
 * sum of its threads' `schedstat`. Undefined where /proc cannot tell (not Linux, or the
 * process has gone). A thread that ends between two readings takes its time with it; the
 * FHIR server's threads live as long as it does.
 */
export function processCpuMs(pid: number): number | undefined {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${String(pid)}/task`))
      ns += onCpuNs(`/proc/${String(pid)}/task/${tid}`) ?? Number.NaN;
    return Number.isFinite(ns) ? ns / 1e6 : undefined;
  } catch {
    return undefined;
  }
}

/** Nanoseconds one thread (its /proc task folder) has run; undefined where /proc cannot tell. */
function onCpuNs(task: string): number | undefined {
  try {
    // "<ns on the CPU> <ns waiting to run> <time slices>" (Documentation/scheduler/sched-stats).
    const ns = Number(readFileSync(`${task}/schedstat`, 'utf8').split(' ')[0]);
    return Number.isFinite(ns) ? ns : undefined;
  } catch {
    return undefined;
  }
}
