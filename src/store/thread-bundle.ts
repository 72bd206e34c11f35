/**
 * The entry of an SQLite thread (./sqlite-thread.ts: the writer and the reader) when the
 * service runs from its TypeScript sources (vitest, tsx): its modules bundled into one ES
 * module by esbuild. From dist/ the thread loads tsc's output and nothing here runs.
 *
 * Node 20 runs no TypeScript and does not give a worker the loader its process has, so the
 * thread used to register tsx itself. That cost about 0.7 s of CPU a thread, nearly all of it
 * tsx's own start (its hooks run on a further thread, which loads tsx again), not compiling:
 * tsx caches what it compiles (docs/performance-log.md section 24). Bundling the thread's six
 * modules, with packages left as imports, takes a few ms, most of it in esbuild's own
 * process, and the thread then starts as from dist/. A bundle is made at every start from
 * the sources as they are then, so the thread cannot run code older than the sources: there
 * is no kept build that could go stale, and nothing to check.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Esbuild from 'esbuild';

/**
 * In node_modules/ (which git ignores, like tools' other caches there), because Node
 * resolves the bundle's imports of packages (better-sqlite3) from where the file is, as it
 * does from src/: it could not from the temporary folder or from a data: URL.
 */
const CACHE_DIR = new URL('../../node_modules/.cache/emd-cds-sqlite-thread/', import.meta.url);

/** Bundles `entry` (a .ts file URL) and its imports; the URL of the bundle, an .mjs file. */
export function bundleThreadEntry(entry: URL): URL {
  // A development dependency, as tsx is: required here, never on the path from dist/.
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof Esbuild;
  const { outputFiles } = esbuild.buildSync({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    // What tsx compiles with: syntax as this Node runs it, functions keep their names.
    target: `node${process.versions.node}`,
    keepNames: true,
    // In a bundle, import.meta.url names the bundle, not the module's file: refuse it.
    supported: { 'import-meta': false },
    logOverride: { 'empty-import-meta': 'error' },
    logLevel: 'silent',
    write: false,
  });
  const code = outputFiles[0]?.contents;
  if (code === undefined) throw new Error(`esbuild wrote no bundle of ${entry.href}`);
  // Named by content: processes bundling the same sources share one file, and a file of
  // that name is whole (written aside, then renamed).
  const name = createHash('sha256').update(code).digest('hex');
  const bundle = new URL(`${name}.mjs`, CACHE_DIR);
  if (!existsSync(bundle)) {
    mkdirSync(CACHE_DIR, { recursive: true });
    const partial = new URL(`${name}.${String(process.pid)}.partial`, CACHE_DIR);
    writeFileSync(partial, code);
    renameSync(partial, bundle);
  }
  return bundle;
}
