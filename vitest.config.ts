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
    // Vitest's default of 5 s fails tests that only wait on a machine others share (CI's
    // two cores, or a developer's build beside the tests); a hung test still fails.
    testTimeout: 20_000,
  },
});
