/**
 * What the timeline shows instead of drawing when the record holds a Condition the service
 * cannot read and a rule might (H37, H51): the service refuses the record, so no card, and a
 * timeline drawn without it may be wrong. Each such Condition is named by its `Type/id` only,
 * never by its content, so that it can be found and corrected.
 */
import { html, type TemplateResult } from 'lit';
import type { MalformedReference } from './fhir-data.js';
import type { Labels } from './labels.js';

export function unreadableNotice(
  references: readonly MalformedReference[],
  { t }: Labels,
): TemplateResult {
  return html`<section class="error unreadable" role="alert">
    <h2>${t.unreadable.heading}</h2>
    <p>${t.unreadable.message}</p>
    <p>${t.unreadable.toCorrect}</p>
    <ul class="unreadable-references">
      ${references.map((reference) => html`<li>${named(reference, t.unreadable.noId)}</li>`)}
    </ul>
  </section>`;
}

function named({ resourceType, id }: MalformedReference, noId: string): TemplateResult {
  return id === undefined
    ? html`<code>${resourceType}</code> (${noId})`
    : html`<code>${resourceType}/${id}</code>`;
}
