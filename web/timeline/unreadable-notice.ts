/**
 * What the timeline shows instead of drawing when the record holds a Condition the service
 * cannot read and a rule might (H37, H51), or one sent only in part (H108): the service
 * refuses the record, so no card, and a timeline drawn without it may be wrong. Each such entry
 * is named by its `Type/id` and the fields that are wrong (./unreadable-text.ts), never by its
 * content, so that it can be found and corrected.
 */
import { html, type TemplateResult } from 'lit';
import type { MalformedReference } from './fhir-data.js';
import type { Dictionary } from './i18n.js';
import type { Labels } from './labels.js';
import { entryRuns, unreadableText, type UnreadableItem } from './unreadable-text.js';

export function unreadableNotice(
  references: readonly MalformedReference[],
  { t, listComma }: Labels,
): TemplateResult {
  const text = unreadableText(references, t);
  return html`<section class="error unreadable" role="alert">
    <h2>${text.heading}</h2>
    <p>${text.message}</p>
    <p>${text.toCorrect}</p>
    <ul class="unreadable-references">
      ${text.items.map((item) => html`<li>${entry(item, t, listComma)}</li>`)}
    </ul>
  </section>`;
}

/** `Type/id`, what is wrong, then the fields (./unreadable-text.ts `entryRuns`). */
function entry(item: UnreadableItem, t: Dictionary, listComma: string): TemplateResult[] {
  return entryRuns(item, t, listComma).map(({ text, code }) =>
    code === 'name'
      ? html`<code>${text}</code>`
      : code === 'field'
        ? html`<code class="unreadable-field">${text}</code>`
        : html`${text}`,
  );
}
