/**
 * Keyboard checks for the browser tests (WCAG 2.1.1 keyboard, 2.4.3 focus order, 2.4.7
 * focus visible): where Tab goes, and whether the focused element draws its focus ring.
 * Evaluated as strings: these files are type-checked without the DOM library.
 */
import type { Page } from 'playwright-core';

export interface TabStop {
  /** e.g. `BUTTON#tab-rules "Rules"` or `INPUT#now[date]`. */
  name: string;
  /** An outline of at least 2 px is drawn round it (the apps' :focus-visible rule). */
  hasVisibleFocus: boolean;
}

const DESCRIBE_FOCUS = `(() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const style = getComputedStyle(e);
  const labelledBy = document.getElementById(e.getAttribute('aria-labelledby') || '');
  const label = e.getAttribute('aria-label') || labelledBy?.textContent || e.textContent || '';
  const text = label.replace(/\\s+/g, ' ').trim();
  const type = e.tagName === 'INPUT' ? '[' + e.getAttribute('type') + ']' : '';
  return {
    name: e.tagName + (e.id ? '#' + e.id : '') + type + (text ? ' "' + text.slice(0, 40) + '"' : ''),
    hasVisibleFocus: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  };
})()`;

/** The focused element, or null when the focus is on the page itself. */
export function focused(page: Page): Promise<TabStop | null> {
  return page.evaluate<TabStop | null>(DESCRIBE_FOCUS);
}

/**
 * Every stop of one round of the Tab order, top to bottom, until the focus leaves the page's
 * last stop (at most `limit` presses). The round starts from the page's body, focused for a
 * moment: after a removed control or a mouse click, Tab would go on from there instead.
 */
export async function tabStops(page: Page, limit = 120): Promise<TabStop[]> {
  await page.evaluate(
    "document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex')",
  );
  const stops: TabStop[] = [];
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const stop = await focused(page);
    if (!stop) break;
    stops.push(stop);
  }
  return stops;
}

/** Presses Tab (or Shift+Tab) until the focused element's name matches; throws if it never does. */
export async function tabTo(page: Page, name: RegExp, key = 'Tab', limit = 80): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press(key);
    if (name.test((await focused(page))?.name ?? '')) return;
  }
  throw new Error(`${key} never reached ${String(name)}`);
}

/**
 * The stops that draw no focus ring. Chromium's date field has one stop more than its parts:
 * its calendar button, which draws the browser's own ring inside the field (seen in
 * screenshots), not the field's outline, so that one stop is not counted.
 */
export function stopsWithoutVisibleFocus(stops: readonly TabStop[]): string[] {
  return stops
    .filter((stop) => !stop.hasVisibleFocus && !/^INPUT#[\w-]+\[date\]/.test(stop.name))
    .map((stop) => stop.name);
}
