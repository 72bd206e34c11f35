/**
 * `npm run bench -- --profile`: a CPU profile of this process's main thread (where the
 * baseline and the single-process services answer) over a measured run, written to
 * bench/results/ (git-ignored) as a .cpuprofile that Chrome DevTools or VS Code opens.
 * Taken with the inspector, so nothing else has to start node with --cpu-prof; the
 * profiler's own cost lowers the rate of the profiled runs a little.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

export interface Profiler {
  /** Profiles `work` and writes `<name>.cpuprofile`; returns the file. */
  around<T>(name: string, work: () => Promise<T>): Promise<{ value: T; file: string }>;
  close(): void;
}

export async function startProfiler(dir: string): Promise<Profiler> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // 200 µs: fine enough for a 5 s run without slowing it much (the default is 1 ms).
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  return {
    async around(name, work) {
      const file = join(dir, `${name}.cpuprofile`);
      await session.post('Profiler.start');
      try {
        return { value: await work(), file };
      } finally {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(file, JSON.stringify(profile));
      }
    },
    close: () => {
      session.disconnect();
    },
  };
}
