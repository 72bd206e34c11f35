/**
 * Runs `emd-cds` as a user would (the built command, test/support/built.ts), with a
 * throwaway data folder; `scratch()` gives temporary folders that `removeScratch()` deletes after the tests.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { CLI_ARGS } from '../support/built.js';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** A fixed audit key (32 bytes, base64), so no key file is written into the worktree. */
const AUDIT_SECRET = Buffer.alloc(32, 7).toString('base64');

export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  const base = { ...process.env };
  delete base.EMD_CDS_CONFIG;
  delete base.FHIR_SERVERS;
  const dataDir = mkdtempSync(join(tmpdir(), 'emd-cds-cli-'));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...CLI_ARGS, ...args],
      {
        cwd: PROJECT_ROOT,
        env: {
          ...base,
          EMD_CDS_AUDIT_SECRET: AUDIT_SECRET,
          EMD_CDS_DATA_DIR: dataDir,
          ...env,
        },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        rmSync(dataDir, { recursive: true, force: true });
        const code = (error as { code?: unknown } | null)?.code;
        resolve({ status: typeof code === 'number' ? code : error ? -1 : 0, stdout, stderr });
      },
    );
  });
}

const scratchDirs: string[] = [];

export function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}

export function removeScratch(): void {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
