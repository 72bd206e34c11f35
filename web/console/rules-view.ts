/** Rules: the running configuration, read-only, with where it came from. */
import { html, type TemplateResult } from 'lit';
import type { ConfigView } from './types.js';
import { rulesTable } from './rules-table.js';
import { fillIn, type MessageKey } from './i18n.js';
import { CONTEXT_LISTS } from '../../src/rules/text-context.js';
import { configNotices, noticeParagraphs } from './node-health.js';
import { startSettingsView } from './start-settings-view.js';
import type { NodeHealth } from './readyz-report.js';

export function rulesView(
  t: Record<MessageKey, string>,
  config: ConfigView,
  language: string,
  health: NodeHealth | undefined,
): TemplateResult {
  const { provenance } = config;
  // The file on disk may not be what is shown here: said where the settings are read.
  const notices = configNotices(
    t,
    health,
    provenance.file ?? undefined,
    config.restartNeededFor,
    config.reloadRefused,
  );
  const { wordingDir } = config.clinicalFiles;
  return html`<h2>${t.rules}</h2>
    <section aria-labelledby="provenance-heading">
      <h3 id="provenance-heading">${t.provenance}</h3>
      ${
        notices.length > 0
          ? html`<div class="health-banner" role="note" data-testid="config-notice">
              ${noticeParagraphs(notices)}
            </div>`
          : ''
      }
      <dl class="facts">
        <dt>${t.configFile}</dt>
        <dd data-testid="config-file">${provenance.file ?? t.builtIn}</dd>
        <dt>${t.loadedAt}</dt>
        <dd><time datetime=${provenance.loadedAt}>${provenance.loadedAt}</time></dd>
        <dt>${t.configHash}</dt>
        <dd><code data-testid="config-hash">${provenance.configHash}</code></dd>
        <dt>${t.serviceVersion}</dt>
        <dd>${provenance.serviceVersion}</dd>
        <dt>${t.valueSetFiles}</dt>
        <dd data-testid="value-set-files">
          ${clinicalFiles(t, config.clinicalFiles.valueSetFiles)}
        </dd>
        <dt>${t.wordingDir}</dt>
        <dd data-testid="wording-dir">${clinicalFiles(t, wordingDir ? [wordingDir] : [])}</dd>
      </dl>
      ${configWarnings(t, config)}
    </section>
    ${rulesTable(t, config.rules)}
    <section aria-labelledby="windows-heading">
      <h3 id="windows-heading">${t.windows}</h3>
      <dl class="facts">
        <dt>${t.phaseWindow}</dt>
        <dd>${config.windows.phaseWindowDays}</dd>
        <dt>${t.imagingLookback}</dt>
        <dd>${config.windows.imagingLookbackDays}</dd>
      </dl>
    </section>
    <section aria-labelledby="classes-heading">
      <h3 id="classes-heading">${t.siteClasses}</h3>
      <ul>
        ${config.siteClasses.map(
          (c) =>
            html`<li>
              <strong>${c.class}</strong>:
              ${c.valueSetRoles.length > 0 ? c.valueSetRoles.join(', ') : t.none}
            </li>`,
        )}
      </ul>
    </section>
    <section aria-labelledby="links-heading">
      <h3 id="links-heading">${t.links}</h3>
      <ul>
        ${Object.entries(config.links).map(
          ([name, url]) =>
            html`<li>
              ${name}: ${url ? html`<a href=${url} rel="noopener">${url}</a>` : t.none}
            </li>`,
        )}
      </ul>
      <h3>${t.textPatterns}</h3>
      <ul class="inline-list">
        ${config.textOnlyPatterns.map((p) => html`<li><code>${p}</code></li>`)}
      </ul>
      <h3>${t.myelomaTextPatterns}</h3>
      ${wordList(config.textOnlyMyelomaPatterns, t.none)}
      <h3>${t.otherDiseaseTextPatterns}</h3>
      ${wordList(config.textOnlyOtherDiseasePatterns, t.none)}
      <h3>${t.negationCues}</h3>
      <dl>
        ${(['before', 'after', 'pseudo', 'scopeEnds'] as const).map(
          (list) =>
            html`<dt><code>${list}</code></dt>
              <dd>${wordList(config.textOnlyNegation[list], t.none)}</dd>`,
        )}
      </dl>
      <h3>${t.contextCues}</h3>
      <dl>
        ${CONTEXT_LISTS.map(
          (list) =>
            html`<dt><code>${list}</code></dt>
              <dd>${wordList(config.textOnlyContext[list], t.none)}</dd>`,
        )}
      </dl>
      <h3>${t.statusWords}</h3>
      <dl>
        ${(['history', 'ignored', 'notAbated'] as const).map(
          (list) =>
            html`<dt><code>${list}</code></dt>
              <dd>${wordList(config.statusWords[list], t.none)}</dd>`,
        )}
      </dl>
      <h3>${t.overrideReasons}</h3>
      <ul>
        ${config.overrideReasons.codes.map(
          (reason) =>
            html`<li>
              <code>${reason.code}</code>: ${reason.display[language] ?? reason.display.en}
            </li>`,
        )}
      </ul>
      <h3>${t.locales}</h3>
      <p>${config.locales.available.join(', ')} (${config.locales.default})</p>
    </section>
    <section aria-labelledby="valuesets-heading">
      <h3 id="valuesets-heading">${t.valueSets}</h3>
      ${config.valueSets.map(
        (vs) =>
          html`<details>
            <summary>
              <strong>${vs.role}</strong> — ${vs.name} (${vs.codes.length} ${t.codeCount})
            </summary>
            <p><code>${vs.url}</code></p>
            ${
              vs.codes.length === 0
                ? html`<p>${t.none}</p>`
                : html`<div class="table-scroll" role="region" aria-label=${vs.name} tabindex="0">
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">${t.system}</th>
                          <th scope="col">${t.code}</th>
                          <th scope="col">${t.display}</th>
                        </tr>
                      </thead>
                      <tbody>
                        ${vs.codes.map(
                          (c) =>
                            html`<tr>
                              <td><code>${c.system}</code></td>
                              <td><code>${c.code}</code></td>
                              <td>${c.display ?? ''}</td>
                            </tr>`,
                        )}
                      </tbody>
                    </table>
                  </div>`
            }
          </details>`,
      )}
    </section>
    ${startSettingsView(t, config.startOnly)}`;
}

/**
 * What `validate` warns of the configuration in force (a critical rule switched off, a silent
 * rule switched off, an empty value set): the service logs them at every load, and an analyst
 * reads them here.
 */
function configWarnings(t: Record<MessageKey, string>, config: ConfigView): TemplateResult {
  if (config.warnings.length === 0) return html``;
  return html`<h4 id="warnings-heading">${t.configWarnings}</h4>
    <ul aria-labelledby="warnings-heading" data-testid="config-warnings">
      ${config.warnings.map((warning) => html`<li>${warning}</li>`)}
    </ul>
    ${config.moreWarnings > 0 ? html`<p>${fillIn(t.moreWarnings, { n: config.moreWarnings })}</p>` : ''}`;
}

/** A list of cues or words, one `code` each, or "none" for an empty list (a site may empty one). */
function wordList(words: readonly string[], none: string): TemplateResult {
  if (words.length === 0) return html`<em>${none}</em>`;
  return html`<ul class="inline-list">
    ${words.map((word) => html`<li><code>${word}</code></li>`)}
  </ul>`;
}

/** The site's clinical files as the config names them, or "the shipped ones only". */
function clinicalFiles(t: Record<MessageKey, string>, paths: readonly string[]): TemplateResult {
  if (paths.length === 0) return html`<em>${t.shippedOnly}</em>`;
  return html`<ul class="inline-list">
      ${paths.map((path) => html`<li><code>${path}</code></li>`)}
    </ul>
    (${t.relativeToConfig})`;
}
