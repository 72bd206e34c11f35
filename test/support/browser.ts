/**
 * Browser tests: real headless Chromium from Debian (`chromium-headless-shell`, the same Blink
 * as `chromium` without its window layer, about half the CPU; either runs them), driven by
 * playwright-core. `.ci/run` installs it and sets
 * EMD_CDS_TEST_CHROMIUM=/usr/bin/chromium-headless-shell; without that
 * variable the browser tests are skipped with the reason printed, except under CI=true,
 * where a missing browser is an error (CI never skips them).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { PATHS, PROJECT_ROOT } from '../../src/config/project-paths.js';

const executablePath = process.env.EMD_CDS_TEST_CHROMIUM;

/** Why the browser tests are skipped, or undefined when they run. */
export const browserSkipReason: string | undefined = executablePath
  ? undefined
  : 'browser tests skipped: EMD_CDS_TEST_CHROMIUM is not set (apt-get install chromium-headless-shell; .ci/run sets it to /usr/bin/chromium-headless-shell)';

if (browserSkipReason) {
  if (process.env.CI === 'true')
    throw new Error(`CI must run the browser tests: ${browserSkipReason}`);
  console.warn(browserSkipReason);
}

/** Where the tests' screenshots are kept (docs/contributing.md); ignored by git. */
export const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-results', 'screenshots');

/**
 * Screenshots are taken only when asked for (EMD_CDS_TEST_SCREENSHOTS=1, docs/contributing.md):
 * no check reads them, and a full-page PNG costs Chromium CPU that CI, which keeps none of
 * them, would pay 28 times a run.
 */
const takeScreenshots = process.env.EMD_CDS_TEST_SCREENSHOTS === '1';

/**
 * Flags Debian's Chromium needs here: root needs --no-sandbox; this machine's closed network
 * refuses Chromium's own background connections, so they are switched off.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function launchChromium(): Promise<Browser> {
  if (!executablePath) throw new Error(browserSkipReason);
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/** The contexts `newPageIn` has opened, by browser and by their options. */
const contextsByOptions = new WeakMap<Browser, Map<string, Promise<BrowserContext>>>();

/** This worker's Chromium, once launched; dropped if it goes away (a crash). */
let workerChromium: Promise<Browser> | undefined;

/**
 * One Chromium per vitest worker, shared by the test files it runs one after another (the
 * worker keeps its modules, `isolate: false`): a launch costs about a second of CPU, and a
 * file's tests each open contexts of their own in it anyway. Playwright closes it when the
 * worker's process exits. What the files share is only the browser process: each test's
 * context has its own cookies, storage and cache, and `useChromium` closes every context a
 * file opened after its tests, so the next file starts with none.
 */
function sharedChromium(): Promise<Browser> {
  workerChromium ??= launchChromium().then((browser) => {
    browser.on('disconnected', () => {
      workerChromium = undefined;
    });
    return browser;
  });
  return workerChromium;
}

/**
 * For the file (or suite) it is called in: the worker's Chromium (`sharedChromium`), the
 * returned getter's value once the `beforeAll` has run. Before the tests, the browser must
 * hold no context (a file before this one left one open: a leak, so a failure); after them,
 * every context the tests opened is closed, pages, timers and requests with it.
 */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await sharedChromium();
    expect(browser.contexts(), 'contexts left open by an earlier test file').toEqual([]);
  }, 60_000);
  afterAll(async () => {
    if (browser) contextsByOptions.delete(browser);
    await Promise.all(browser?.contexts().map((context) => context.close()) ?? []);
  });
  return () => {
    if (!browser) throw new Error('the browser is opened in beforeAll');
    return browser;
  };
}

/**
 * A new page in `browser`'s context of these options (locale, viewport), one context per
 * options, opened at the first page and closed with the file's (`useChromium`): a new context
 * and its page cost Chromium about 1.4 s of CPU, a new page in an open one about 0.5 s
 * (benches of 20, session 39). A page has its own document and its own sessionStorage (the
 * console's token); the pages of a context share cookies, localStorage and the HTTP cache,
 * and the apps keep nothing in the first two (web/ reads neither), so the context is checked
 * to hold no cookie before each page is handed out. Close the page, not its context.
 */
export async function newPageIn(browser: Browser, options: BrowserContextOptions): Promise<Page> {
  const contexts = contextsByOptions.get(browser) ?? new Map<string, Promise<BrowserContext>>();
  contextsByOptions.set(browser, contexts);
  const key = JSON.stringify(options);
  let opening = contexts.get(key);
  if (!opening) {
    opening = browser.newContext(options);
    contexts.set(key, opening);
    void opening.then((context) => context.on('close', () => contexts.delete(key)));
  }
  const context = await opening;
  expect(await context.cookies(), 'cookies left by an earlier page').toEqual([]);
  return context.newPage();
}

/**
 * The browser apps (web/) as the tests' global setup has just built them (test/global-setup.ts,
 * `npm run build:web` into dist/web, at the start of every run, so never stale): the folder
 * to serve as the app's webRoot. One build per run, not one more per worker.
 */
export function builtWebApps(): string {
  if (!existsSync(join(PATHS.web, 'console', 'index.html')))
    throw new Error(`${PATHS.web} holds no built console: the global setup builds it`);
  return PATHS.web;
}

/**
 * Saves a full-page screenshot as test-results/screenshots/<name>.png when screenshots are
 * asked for (`takeScreenshots`); otherwise does nothing.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!takeScreenshots) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The console's node-health banner as a reader sees it: its words, spaces collapsed. */
export async function healthBannerText(page: Page): Promise<string> {
  return (await page.getByTestId('health-banner').innerText()).replace(/\s+/g, ' ').trim();
}

/**
 * The console's node-health banner says `text` (or one of the texts, where what /readyz says
 * may change while the tabs are visited) on the tab sign-in lands on and on every other tab: a
 * node's trouble is shown whatever the analyst is looking at.
 */
export async function expectBannerOnEveryTab(
  page: Page,
  text: string | readonly string[],
): Promise<void> {
  const texts = typeof text === 'string' ? [text] : text;
  await page.getByTestId('health-banner').waitFor();
  expect(texts).toContain(await healthBannerText(page));
  for (const tab of ['Dry run', 'Alerts', 'Fleet']) {
    await page.getByRole('tab', { name: tab }).click();
    expect(texts).toContain(await healthBannerText(page));
  }
}
