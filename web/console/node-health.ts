/**
 * This node's health as its /readyz says it (issue #16), on every tab: while the audit
 * database is down the node still serves cards and spools each audit record locally, and the
 * spooled records exist on this host's disk only until the database is back, so this node
 * must not be wiped or replaced meanwhile. When the spool cannot be written either, /readyz
 * answers 503 "cannot record audit": the node serves no cards, which the banner says more
 * loudly. A degraded node may be degraded for other reasons (a config file refused on reload,
 * settings that wait for a restart, the shared state down, fewer cluster workers than set):
 * each reason /readyz gives is said in its own words, so the analyst is sent to the right
 * place, and never one for another.
 */
import { html, type TemplateResult } from 'lit';
import { fillIn, type MessageKey } from './i18n.js';
import type { DegradedReason, NodeHealth } from './readyz-report.js';
import { laterCheckWords, reloadTriggerWords } from './reload-words.js';
import type { ReloadRefusal } from './types.js';

type Messages = Record<MessageKey, string>;

/** One paragraph of the banner: what is wrong, then what it means and where to look. */
export interface HealthNotice {
  head: string;
  body: string;
  /** Lines said as they are written (a file's problems), each apart, after the body. */
  items?: readonly string[];
  /** Said after the items. */
  tail?: string;
}

/**
 * What GET /admin/config tells of the file behind the settings shown: the config file, the
 * keys that wait for a restart, and why the last reload was refused. Undefined until signed in.
 */
export interface ConfigStanding {
  file?: string | undefined;
  restartKeys?: readonly string[];
  refusal?: ReloadRefusal | null | undefined;
}

/** The banner's paragraph for one reason, said with what the console knows of the file. */
function noticeOf(
  t: Messages,
  reason: DegradedReason,
  health: NodeHealth,
  { file, restartKeys = [], refusal }: ConfigStanding,
): HealthNotice {
  const hash = health.configHash ?? '—';
  switch (reason.kind) {
    case 'audit store down':
      return {
        head: t.auditDown,
        body: fillIn(t.auditSpooledWillReplay, { n: health.auditSpooled ?? 0 }),
      };
    case 'shared state down':
      return { head: t.sharedStateDown, body: t.sharedStateNodeLocal };
    case 'config reload refused':
      // The problems of this refusal, if the config answer read is of the same one.
      return refusal?.at === reason.at
        ? refusalNotice(t, refusal, hash, file)
        : {
            head: fillIn(t.reloadRefused, { at: reason.at }),
            body: fillIn(t.reloadRefusedPreviousInForce, { hash, file: file ?? '…' }),
          };
    case 'restart needed':
      return {
        head: t.restartNeeded,
        body:
          restartKeys.length > 0
            ? fillIn(t.restartNeededKeys, { keys: restartKeys.join(', '), hash })
            : fillIn(t.restartNeededCount, { n: reason.count, hash }),
      };
    case 'workers short':
      return {
        head: fillIn(t.workersShort, { serving: reason.serving, wanted: reason.wanted }),
        body: t.workersShortRestarting,
      };
    case 'other':
      return { head: t.degradedOther, body: reason.words };
  }
}

/**
 * A refused reload with its problems, as `validate` writes them: the analyst sees which file
 * broke and where without the service log, which the console cannot show.
 */
function refusalNotice(
  t: Messages,
  refusal: ReloadRefusal,
  hash: string,
  file: string | undefined,
): HealthNotice {
  const files = refusal.files.length > 0 ? refusal.files.join(', ') : (file ?? '…');
  const more =
    refusal.moreProblems > 0
      ? [fillIn(t.reloadRefusedMore, { n: refusal.moreProblems, file: file ?? files })]
      : [];
  const later =
    refusal.later.length > 0
      ? [
          fillIn(t.reloadRefusedLater, {
            later: refusal.later.map((later) => laterCheckWords(t, later)).join('; '),
          }),
        ]
      : [];
  return {
    head: fillIn(t.reloadRefusedFiles, { at: refusal.at, files }),
    body: fillIn(t.reloadRefusedProblems, {
      hash,
      trigger: reloadTriggerWords(t, refusal.trigger),
    }),
    items: refusal.problems,
    tail: [...more, ...later, t.reloadRefusedFix].join(' '),
  };
}

/** What the banner says, one notice a reason; empty for a node that is ready. */
export function healthNotices(
  t: Messages,
  health: NodeHealth | undefined,
  file?: string,
  refusal?: ReloadRefusal | null,
): HealthNotice[] {
  if (!health) return [];
  const cannotRecord: HealthNotice[] =
    health.status === 'cannot record audit'
      ? [
          {
            head: t.auditCannotRecord,
            body: fillIn(t.auditCannotRecordNoCards, { n: health.auditSpooled ?? 0 }),
          },
        ]
      : [];
  return [...cannotRecord, ...health.reasons.map((r) => noticeOf(t, r, health, { file, refusal }))];
}

/**
 * The notices about the config file alone, for the Rules view that shows the file's settings,
 * naming the keys that wait for a restart (`restartKeys`, from GET /admin/config).
 */
export function configNotices(
  t: Messages,
  health: NodeHealth | undefined,
  file?: string,
  restartKeys: readonly string[] = [],
  refusal?: ReloadRefusal | null,
): HealthNotice[] {
  if (!health) return [];
  return health.reasons
    .filter((r) => r.kind === 'config reload refused' || r.kind === 'restart needed')
    .map((r) => noticeOf(t, r, health, { file, restartKeys, refusal }));
}

/** Notices as paragraphs: each reason said apart, its head first, then its lines as written. */
export function noticeParagraphs(notices: readonly HealthNotice[]): TemplateResult[] {
  return notices.map(
    (n) =>
      html`<p><strong>${n.head}</strong> ${n.body}</p>
        ${
          n.items && n.items.length > 0
            ? html`<ul class="problems" data-testid="refusal-problems">
                ${n.items.map((item) => html`<li><code>${item}</code></li>`)}
              </ul>`
            : ''
        }
        ${n.tail ? html`<p>${n.tail}</p>` : ''}`,
  );
}

/**
 * The banner above the views while this node is degraded or cannot record audit; nothing
 * otherwise. role=status: announced by screen readers without taking the focus from the
 * work under way.
 */
export function healthBanner(
  t: Messages,
  health: NodeHealth | undefined,
  file?: string,
  refusal?: ReloadRefusal | null,
): TemplateResult {
  const notices = healthNotices(t, health, file, refusal);
  if (notices.length === 0) return html``;
  const critical = health?.status === 'cannot record audit';
  return html`<div
    class="health-banner${critical ? ' critical' : ''}"
    role="status"
    data-testid="health-banner"
  >
    ${noticeParagraphs(notices)}
  </div>`;
}

const STATUS_TEXT: Record<NodeHealth['status'], MessageKey> = {
  ready: 'nodeReady',
  degraded: 'nodeDegraded',
  'cannot record audit': 'nodeCannotRecord',
  'shutting down': 'nodeShuttingDown',
  unreachable: 'nodeUnreachable',
};

/** A reason in a few words, for the Fleet view's line. */
function shortReason(t: Messages, reason: DegradedReason): string {
  switch (reason.kind) {
    case 'audit store down':
      return t.reasonAuditDown;
    case 'shared state down':
      return t.reasonSharedStateDown;
    case 'config reload refused':
      return fillIn(t.reasonReloadRefused, { at: reason.at });
    case 'restart needed':
      return fillIn(t.reasonRestartNeeded, { n: reason.count });
    case 'workers short':
      return fillIn(t.reasonWorkersShort, { serving: reason.serving, wanted: reason.wanted });
    case 'other':
      return reason.words;
  }
}

/** The node's status in words, with each reason it is degraded for. */
export function nodeStatusText(t: Messages, health: NodeHealth): string {
  const status = t[STATUS_TEXT[health.status]];
  if (health.reasons.length === 0) return status;
  const reasons = health.reasons.map((r) => shortReason(t, r)).join(t.reasonSeparator);
  return fillIn(t.statusBecause, { status, reasons });
}

/** The Fleet view's "This node" line: its readiness and spool depth, as of the last check. */
export function thisNodeLine(t: Messages, health: NodeHealth | undefined): TemplateResult {
  if (!health) return html``;
  return html`<p data-testid="this-node">
    <strong>${t.thisNode}</strong> ${nodeStatusText(t, health)}${
      health.auditSpooled === undefined
        ? ''
        : html` · ${fillIn(t.spoolDepth, { n: health.auditSpooled })}`
    }
    <span class="muted"
      >(${t.asOf} <time datetime=${health.checkedAt}>${health.checkedAt}</time>)</span
    >
  </p>`;
}
