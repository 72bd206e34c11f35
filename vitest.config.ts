import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    // Vitest's default is one worker fewer than the cores: on CI's two cores that is one file
    // at a time, while many files mostly wait on the processes they start (the service, the
    // CLI, nginx, Chromium). Two workers there took the tests from about 480 s to 380 s
    // (2026-12-04); every file already gets its own ports, temp folders and database schema.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
