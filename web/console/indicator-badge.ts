/**
 * A card's level as a badge: colour and word, never colour alone (WCAG 1.4.1). Apart from
 * ./card-view.ts, which opens windows, so that views without a card load outside a browser
 * (their tests).
 */
import { html, type TemplateResult } from 'lit';
import type { MessageKey } from './i18n.js';
import type { Indicator } from './types.js';

export function indicatorBadge(
  t: Record<MessageKey, string>,
  indicator: Indicator,
): TemplateResult {
  return html`<span class="badge badge-${indicator}" data-indicator=${indicator}
    >${t[indicator]}</span
  >`;
}
