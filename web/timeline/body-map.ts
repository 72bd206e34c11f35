/**
 * A simple body map (SVG, front view): head with brain and meninges, spine with its
 * segments, chest, abdomen, limbs. Each site of each finding is a numbered mark in its
 * class's shape and colour; the numbered key under the map names site and class in text.
 * Sites the map has no place for are listed, with their class, not dropped.
 */
import { html, svg, type TemplateResult } from 'lit';
import { placeMarks, type BodyRegion } from './body-regions.js';
import { withFurtherAside } from './i18n.js';
import type { Labels } from './labels.js';
import { markKindOf, markShape } from './marks.js';
import type { TimelineFinding, TimelineModel } from './timeline-model.js';

/** A site of a finding, numbered as the map and its key number it. */
export interface SiteMark {
  number: number;
  finding: TimelineFinding;
  siteLabel: string;
}

const OUTLINE = '#4b5563';

export function bodyMap(model: TimelineModel, labels: Labels): TemplateResult {
  const onMap: { item: SiteMark; region: BodyRegion }[] = [];
  const offMap: SiteMark[] = [];
  let number = 0;
  for (const finding of model.findings) {
    const sites = finding.sites.length ? finding.sites : [undefined];
    for (const site of sites) {
      number += 1;
      const item = { number, finding, siteLabel: site ? labels.site(site) : labels.t.noSite };
      if (site?.region) onMap.push({ item, region: site.region });
      else offMap.push(item);
    }
  }
  const placed = placeMarks(onMap);
  const { colon } = labels.t;

  return html`<div class="body-map">
    <svg
      viewBox="0 0 240 480"
      role="group"
      aria-labelledby="map-heading"
      aria-describedby="map-description"
    >
      ${figure()}
      ${placed.map(
        ({
          item,
          region,
          x,
          y,
        }) => svg`<g class="site-mark" data-class=${item.finding.findingClass ?? 'text-only'} data-region=${region} tabindex="0" role="img" aria-label=${siteMarkName(item, labels)}>
          <title>${siteMarkName(item, labels)}</title>
          ${markShape(markKindOf(item.finding.findingClass), x, y, {
            size: 7,
            hollow: item.finding.status === 'history',
            dashed: item.finding.isUncertain,
          })}
          <text x=${x} y=${y - 11} text-anchor="middle" class="site-number">${item.number}</text>
        </g>`,
      )}
    </svg>
    <ol class="map-key">
      ${placed.map(
        ({ item, region }) =>
          html`<li
            value=${item.number}
            data-region=${region}
            data-class=${item.finding.findingClass ?? 'text-only'}
          >
            ${item.siteLabel}${colon}${labels.classLabel(item.finding.findingClass)}
          </li>`,
      )}
    </ol>
    ${
      offMap.length
        ? html`<h3 class="off-map-heading">${labels.t.notOnMap}</h3>
            <ol class="map-key off-map">
              ${offMap.map(
                (item) =>
                  html`<li
                    value=${item.number}
                    data-class=${item.finding.findingClass ?? 'text-only'}
                  >
                    ${item.siteLabel}${colon}${labels.classLabel(item.finding.findingClass)}
                  </li>`,
              )}
            </ol>`
        : ''
    }
  </div>`;
}

/** A mark's full description: its number and site, then its class, with its status aside. */
export function siteMarkName(mark: SiteMark, labels: Labels): string {
  const { finding } = mark;
  const { t } = labels;
  const what = withFurtherAside(t, labels.classLabel(finding.findingClass), labels.status(finding));
  return `${String(mark.number)}${t.numbered}${mark.siteLabel}${t.colon}${what}`;
}

/** The drawing: outline, brain, meninges, spine with cervical / thoracic / lumbar segments. */
function figure() {
  return svg`<g aria-hidden="true" fill="none" stroke=${OUTLINE} stroke-width="2">
    <circle cx="120" cy="44" r="34" fill="#f8fafc"></circle>
    <path d="M96 40 q24 -28 48 0 q4 20 -24 22 q-28 -2 -24 -22z" fill="#eef2f7" stroke-dasharray="2 2"></path>
    <path d="M108 78 h24 v14 h-24z" fill="#f8fafc"></path>
    <path d="M70 96 q50 -12 100 0 l6 170 q-56 18 -112 0z" fill="#f8fafc"></path>
    <path d="M70 100 l-36 130 l14 4 l36 -110" fill="#f8fafc"></path>
    <path d="M170 100 l36 130 l-14 4 l-36 -110" fill="#f8fafc"></path>
    <path d="M76 268 l8 196 h26 l8 -180 h4 l8 180 h26 l8 -196" fill="#f8fafc"></path>
    <line x1="120" y1="82" x2="120" y2="270" stroke-width="5" stroke="#9aa3af"></line>
    <line x1="112" y1="112" x2="128" y2="112"></line>
    <line x1="112" y1="214" x2="128" y2="214"></line>
  </g>`;
}
