/**
 * The timeline app's first load carries no zod (about 25 KB of the compressed app). zod words
 * what is wrong with a malformed resource; almost every record passes the fast check, so the
 * schemas come in a chunk of their own, fetched only for a record that needs them
 * (web/timeline/fhir-data.ts). Read from the build the global setup makes before every run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtWebApps } from '../support/browser.js';

/** zod 4 keeps its internals under `_zod`, a property name no minifier renames. */
const ZOD = /\b_zod\b/;

describe('the built timeline app', () => {
  const web = builtWebApps();
  const read = (asset: string) => readFileSync(join(web, asset), 'utf8');

  it('loads no zod with its page: neither its script nor any module it preloads', () => {
    const page = read(join('timeline', 'index.html'));
    const scripts = [...page.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map(
      (match) => match[1] ?? '',
    );
    expect(scripts.length).toBeGreaterThan(1);
    for (const script of scripts) expect(ZOD.test(read(script)), script).toBe(false);
  });

  it('still has zod in a chunk of its own, for a record with a malformed resource', () => {
    const chunks = readdirSync(join(web, 'assets')).filter((file) => file.endsWith('.js'));
    expect(chunks.filter((file) => ZOD.test(read(join('assets', file)))).length).toBeGreaterThan(0);
  });
});
