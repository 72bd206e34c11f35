/**
 * The problems docs/configuring.md §1 shows a site, produced as the page says they arise and
 * compared with what the page prints (`…` in the page stands for a folder or for words left
 * out). The wording examples are of a fresh copy of the shipped wording (`cp -r config/wording
 * site/wording`), whose line numbers move whenever a shipped template does; the role example
 * is of the page's own site/emd-cds.yaml. So the page cannot drift from the program.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEFAULTS } from '../../src/config/defaults.js';
import { PATHS, PROJECT_ROOT } from '../../src/config/project-paths.js';
import { configProblems } from '../config/config-problems.js';
import { blockWith, fencedBlocks } from './doc-blocks.js';

const PAGE = join(PROJECT_ROOT, 'docs', 'configuring.md');
const DOC = readFileSync(PAGE, 'utf8');
const BLOCKS = fencedBlocks(DOC, PAGE);

const ROOT = mkdtempSync(join(tmpdir(), 'emd-cds-configuring-problems-'));
afterAll(() => {
  rmSync(ROOT, { recursive: true, force: true });
});

/** A fresh `site/` folder: the shipped wording copied, and `wording.yaml` naming it. */
function siteWithWording(): string {
  const site = join(mkdtempSync(join(ROOT, 'case-')), 'site');
  cpSync(PATHS.wording, join(site, 'wording'), { recursive: true });
  writeFileSync(join(site, 'wording.yaml'), 'wording:\n  dir: wording\n');
  return site;
}

/** Edits one line of a file, which must hold it once. */
function replaceLine(file: string, from: RegExp, to: (line: string) => string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  const at = lines.flatMap((line, i) => (from.test(line) ? [i] : []));
  expect(at, `${file}: ${String(from)}`).toHaveLength(1);
  lines[at[0] ?? 0] = to(lines[at[0] ?? 0] ?? '');
  writeFileSync(file, lines.join('\n'));
}

/**
 * The page's first inline example starting with `start` and then, if `lineNumber`, a line
 * number, as a pattern in which `…` matches anything.
 */
function inlineExample(start: string, lineNumber = false): RegExp {
  const head = `${escape(start)}${lineNumber ? '\\d' : ''}`;
  const shown = new RegExp(`\`(${head}[^\`]*)\``).exec(DOC)?.[1];
  if (!shown) throw new Error(`${PAGE}: no inline example starting ${start}`);
  return new RegExp(`^${shown.split('…').map(escape).join('.*')}$`);
}
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Problems as the page writes them: the temporary folder above site/ is `…`. */
const asOnPage = (lines: readonly string[], site: string) =>
  lines.map((line) => line.split(dirname(site)).join('…'));

describe('docs/configuring.md §1, problems of a wording file', () => {
  it('a misspelt key gives the two lines the page shows, at their lines', () => {
    const site = siteWithWording();
    replaceLine(join(site, 'wording', 'en.yaml'), /^ {2}orderPetCt:/, (line) =>
      line.replace('orderPetCt', 'orderPETCT'),
    );
    const shown = blockWith(BLOCKS, 'output', 'wording-typo').body.trimEnd().split('\n');
    expect(asOnPage(configProblems(join(site, 'wording.yaml')), site)).toEqual(shown);
  });

  it('an unknown variable in a summary is named at the template, as the page shows', () => {
    const site = siteWithWording();
    // The soft-tissue summary is the first summary after its rule's key.
    const en = join(site, 'wording', 'en.yaml');
    const lines = readFileSync(en, 'utf8').split('\n');
    const rule = lines.indexOf('  emd-soft-tissue:');
    expect(lines[rule + 1]).toMatch(/^ {4}summary: '/);
    lines[rule + 1] = "    summary: 'True EMD for {{patientName}}'";
    writeFileSync(en, lines.join('\n'));
    const [problem] = asOnPage(configProblems(join(site, 'wording.yaml')), site);
    expect(problem).toMatch(inlineExample('…/site/wording/en.yaml:', true));
  });

  it('a file saved as UTF-16 is refused as the page shows', () => {
    const site = siteWithWording();
    const zh = join(site, 'wording', 'zh-CN.yaml');
    const text = readFileSync(zh, 'utf8');
    writeFileSync(zh, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const problems = asOnPage(configProblems(join(site, 'wording.yaml')), site);
    expect(problems[0]).toMatch(inlineExample('…/site/wording/zh-CN.yaml: is saved as UTF-16'));
  });
});

describe('docs/configuring.md §1, a role whose value set no file defines', () => {
  it('is named at the url in the page\u2019s site/emd-cds.yaml', () => {
    const site = siteWithWording();
    for (const block of BLOCKS) {
      const title = block.attrs.get('title');
      if (!title?.startsWith('site/value-sets/') && title !== 'site/emd-cds.yaml') continue;
      mkdirSync(dirname(join(dirname(site), title)), { recursive: true });
      writeFileSync(join(dirname(site), title), block.body);
    }
    // The overrideReasons the page's file lists need their displays (example f).
    for (const [locale, display] of [
      ['en', 'Discussed at the myeloma MDT'],
      ['zh-CN', '讨论'],
    ])
      replaceLine(
        join(site, 'wording', `${String(locale)}.yaml`),
        /^overrideReasons:$/,
        (line) => `${line}\n  discussed-at-mdt: '${String(display)}'`,
      );
    const config = join(site, 'emd-cds.yaml');
    replaceLine(config, /^ {4}cnsInvolvement: /, (line) =>
      line.replace('cns-involvement', 'cns-involvment'),
    );
    const problems = configProblems(config).map((line) => line.split(`${dirname(site)}/`).join(''));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(inlineExample('site/emd-cds.yaml:', true));
  });
});

// docs/configuring.md "Status words" says of its block "These are the defaults": a site copies
// it to start its own lists, so a default left out of it would be dropped by the copy.
describe('the status words block of docs/configuring.md', () => {
  it('lists the shipped history and ignored words, all of them', () => {
    const block = BLOCKS.find((b) => b.lang === 'yaml' && b.body.startsWith('statusWords:'));
    expect(block, 'a yaml block starting statusWords:').toBeDefined();
    const shown = parseYaml(block?.body ?? '') as {
      statusWords: { history: string[]; ignored: string[] };
    };
    expect(shown.statusWords.history).toEqual(DEFAULTS.statusWords.history);
    expect(shown.statusWords.ignored).toEqual(DEFAULTS.statusWords.ignored);
  });
});
