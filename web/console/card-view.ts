/**
 * A card as an EHR shows it (CDS Hooks 2.0 §Card): indicator (colour and word, never colour
 * alone), summary, detail from Markdown, source, suggestions (shown, not executed) and links.
 * Markdown is rendered with HTML switched off, so a card cannot inject markup. The card's
 * words carry the card's locale as `lang`, which may differ from the console's (WCAG 3.1.2).
 */
import MarkdownIt from 'markdown-it';
import { html, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { MessageKey } from './i18n.js';
import { indicatorBadge } from './indicator-badge.js';
import type { Card } from './types.js';

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
// Links in card detail open outside the console.
markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  tokens[index]?.attrSet('target', '_blank');
  tokens[index]?.attrSet('rel', 'noopener noreferrer');
  return self.renderToken(tokens, index, options);
};

/** Only http(s) links are followed: a `javascript:` URL in a card (a bad config) stays text. */
function isWebUrl(url: string | undefined): url is string {
  return url !== undefined && /^https?:\/\//i.test(url);
}

/** The SMART launch URL an EHR would open: iss, a launch id and (open servers) the patient. */
export function smartLaunchUrl(url: string, fhirServer: string, patientId: string): string {
  const launch = crypto.randomUUID();
  const separator = url.includes('?') ? '&' : '?';
  return `${url}${separator}iss=${encodeURIComponent(fhirServer)}&launch=${launch}&patient=${encodeURIComponent(patientId)}`;
}

/**
 * A card's SMART link as a launch button. A SMART launch needs `iss`, the FHIR server the app
 * reads (SMART App Launch §EHR launch): with the console's field empty, as it is when the
 * service has no FHIR_SERVERS (getting-started §5), the button opened `launch.html?iss=&…`
 * and the app could only say it needed an iss. So it stays disabled, and says what to fill in.
 */
function smartLaunchItem(
  t: Record<MessageKey, string>,
  label: string,
  locale: string,
  canLaunch: boolean,
  open: () => void,
): TemplateResult {
  return html`<li>
    <button type="button" class="secondary" ?disabled=${!canLaunch} @click=${open}>
      ${t.launch}: <span lang=${locale}>${label}</span>
    </button>
    ${
      canLaunch
        ? ''
        : html`<span class="muted" data-testid="launch-needs-fhir-server"
            >${t.launchNeedsFhirServer}</span
          >`
    }
  </li>`;
}

export function cardView(
  t: Record<MessageKey, string>,
  card: Card,
  launch: { fhirServer: string; patientId: string },
  locale: string,
): TemplateResult {
  const openSmart = (url: string) => () => {
    window.open(smartLaunchUrl(url, launch.fhirServer, launch.patientId), '_blank', 'noopener');
  };
  const canLaunch = isWebUrl(launch.fhirServer.trim());
  return html`<article
    class="card card-${card.indicator}"
    data-testid="card"
    aria-label=${card.summary}
  >
    <header>
      ${indicatorBadge(t, card.indicator)}
      <h4 class="card-summary" lang=${locale}>${card.summary}</h4>
    </header>
    ${
      card.detail
        ? html`<div class="card-detail" lang=${locale}>
            ${unsafeHTML(markdown.render(card.detail))}
          </div>`
        : ''
    }
    <p class="card-source">
      ${t.source}:
      ${
        isWebUrl(card.source.url)
          ? html`<a href=${card.source.url} target="_blank" rel="noopener noreferrer" lang=${locale}
              >${card.source.label}</a
            >`
          : html`<span lang=${locale}>${card.source.label}</span>`
      }
    </p>
    ${
      card.suggestions?.length
        ? html`<div class="card-suggestions" role="group" aria-label=${t.suggestions}>
            <span class="muted">${t.suggestions}</span>
            <ul class="inline-list">
              ${card.suggestions.map(
                (s) => html`<li><span class="suggestion" lang=${locale}>${s.label}</span></li>`,
              )}
            </ul>
          </div>`
        : ''
    }
    ${
      card.links?.length
        ? html`<ul class="card-links">
            ${card.links.map((link) =>
              !isWebUrl(link.url)
                ? html`<li>
                    <span lang=${locale}>${link.label}</span> (<code>${link.url}</code>)
                  </li>`
                : link.type === 'smart'
                  ? smartLaunchItem(t, link.label, locale, canLaunch, openSmart(link.url))
                  : html`<li>
                      <a href=${link.url} target="_blank" rel="noopener noreferrer" lang=${locale}
                        >${link.label}</a
                      >
                    </li>`,
            )}
          </ul>`
        : ''
    }
  </article>`;
}
