/**
 * Fleet (issue #16): the nodes of GET /admin/instances, each with its version, config hash,
 * start and last heartbeat, and what needs an operator's eye: a version or configuration
 * that differs from most running nodes (a rolling upgrade half done, a config file not
 * copied) or a heartbeat that is late (a node gone without stopping). The server decides
 * both (src/store/fleet-view.ts); this view only says them in words, not colour alone.
 */
import { html, type TemplateResult } from 'lit';
import type { MessageKey } from './i18n.js';
import { thisNodeLine } from './node-health.js';
import type { NodeHealth } from './readyz-report.js';
import type { FleetState } from './state.js';
import type { FleetNode } from './types.js';

type Messages = Record<MessageKey, string>;

/** What is wrong with a node, in words; empty when nothing is. */
export function nodeProblems(t: Messages, node: FleetNode): string[] {
  return [
    ...(node.differs.includes('version') ? [t.versionDiffers] : []),
    ...(node.differs.includes('configHash') ? [t.configDiffers] : []),
    ...(node.status === 'late' ? [t.heartbeatLate] : []),
  ];
}

const STATUS: Record<FleetNode['status'], MessageKey> = {
  up: 'statusUp',
  late: 'statusLate',
  stopped: 'statusStopped',
};

function row(t: Messages, node: FleetNode): TemplateResult {
  const problems = nodeProblems(t, node);
  const rowClass = problems.length > 0 ? 'attention' : node.status === 'stopped' ? 'muted' : '';
  return html`<tr class=${rowClass} data-node=${node.id}>
    <th scope="row"><code>${node.id}</code></th>
    <td>${node.host}:${node.port}</td>
    <td>${node.version}</td>
    <td><code title=${node.configHash}>${node.configHash.slice(0, 12)}</code></td>
    <td><time datetime=${node.startedAt}>${node.startedAt}</time></td>
    <td><time datetime=${node.lastSeenAt}>${node.lastSeenAt}</time></td>
    <td>${t[STATUS[node.status]]}</td>
    <td>
      ${problems.map((problem) => html`<span class="badge badge-warning">${problem}</span> `)}
    </td>
  </tr>`;
}

export function fleetView(
  t: Messages,
  state: FleetState,
  health: NodeHealth | undefined,
  actions: { load: () => void },
): TemplateResult {
  const nodes = state.instances ?? [];
  const flagged = nodes.filter((node) => nodeProblems(t, node).length > 0).length;
  return html`<h2>${t.fleet}</h2>
    <p class="muted">${t.fleetHelp}</p>
    ${thisNodeLine(t, health)}
    <p>
      <button
        type="button"
        aria-disabled=${state.loading ? 'true' : 'false'}
        @click=${actions.load}
      >
        ${t.refresh}
      </button>
      ${state.loadedAt ? html`<span class="muted">${t.asOf} ${state.loadedAt}</span>` : ''}
    </p>
    <p class="error" role="alert">${state.error ?? ''}</p>
    ${state.loading && !state.instances ? html`<p>${t.loading}</p>` : ''}
    ${
      state.instances
        ? html`<p data-testid="fleet-summary" role="status">
              ${flagged > 0 ? `${String(flagged)} ${t.needAttention}` : t.fleetAgrees}
            </p>
            ${
              nodes.length === 0
                ? html`<p>${t.noNodes}</p>`
                : html`<div class="table-scroll" role="region" aria-label=${t.fleet} tabindex="0">
                    <table data-testid="fleet-table" aria-label=${t.fleet}>
                      <thead>
                        <tr>
                          <th scope="col">${t.node}</th>
                          <th scope="col">${t.host}</th>
                          <th scope="col">${t.version}</th>
                          <th scope="col">${t.configHash}</th>
                          <th scope="col">${t.startedAt}</th>
                          <th scope="col">${t.lastSeen}</th>
                          <th scope="col">${t.status}</th>
                          <th scope="col">${t.attention}</th>
                        </tr>
                      </thead>
                      <tbody>
                        ${nodes.map((node) => row(t, node))}
                      </tbody>
                    </table>
                  </div>`
            }`
        : ''
    }`;
}
