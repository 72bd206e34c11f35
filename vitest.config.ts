import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    // Vitest's default is one worker fewer than the cores: on CI's two cores that is one file
    // at a time, while many files mostly wait on the processes they start (the service, the
    // CLI, nginx, Chromium) or on timers (the fleet's rolling restart). On one two-core
    // machine minutes apart: 574 s with one worker, 382 s with two (2026-12-04); after the
    // built entries (test/support/built.ts), 338 s with two and 307 s with three
    // (later on 2026-12-04). Every file gets its own ports, temp folders and database schema.
    maxWorkers: Math.max(3, availableParallelism() - 1),
    // Each worker keeps the modules it has loaded from one test file to the next, rather than
    // loading express, zod and the service again in a fresh process for every file. No test
    // leans on a fresh module state: each restores the clock, TZ and what else it changes.
    // The full suite on one two-core machine minutes apart (2026-12-05): 356 s and 561 s of
    // CPU isolated (217 s of it loading modules), 254 s and 381 s of CPU not (39 s loading);
    // it passed too with the files in shuffled order (--sequence.shuffle.files).
    isolate: false,
    // Vitest's default of 5 s fails tests that only wait on a machine others share (CI's
    // two cores, or a developer's build beside the tests); a hung test still fails.
    testTimeout: 20_000,
  },
});
