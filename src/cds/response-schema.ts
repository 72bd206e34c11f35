/**
 * The CDS Hooks 2.0 response (§CDS Service Response) as TypeScript types. The service does not
 * check its own responses at run time: card building (./cards/build-card.ts) writes them so,
 * and tests check them against test/support/cds-hooks-schema.ts, a schema written apart from
 * src/ from the spec. The comments say what the spec requires beyond the types: its
 * invariants (FSH cds-resp-1…6) and no empty optional values (spec §JSON: `null`, "", [] and
 * {} are not allowed; every string here is non-empty, every optional list has an entry).
 */

/** CDS Hooks Coding: `display` is required for override reasons (cds-resp-4). */
export interface OverrideReason {
  code: string;
  system: string;
  display: string;
}

/**
 * A create and an update action carry a `resource`; a delete action carries a `resourceId`
 * (cds-resp-2).
 */
export interface Action {
  type: 'create' | 'update' | 'delete';
  description: string;
  resource?: { resourceType: string; [field: string]: unknown };
  resourceId?: string;
}

export interface Suggestion {
  label: string;
  /** A UUID. */
  uuid?: string;
  isRecommended?: boolean;
  /** At least one action when present. */
  actions?: Action[];
}

export interface Link {
  label: string;
  /** An absolute URL. */
  url: string;
  type: 'absolute' | 'smart';
  /** Only on a `smart` link (cds-resp-3). */
  appContext?: string;
  autolaunchable?: boolean;
}

export interface Card {
  /** A UUID. */
  uuid: string;
  /** Under 140 characters. */
  summary: string;
  detail?: string;
  indicator: 'info' | 'warning' | 'critical';
  source: {
    label: string;
    url?: string;
    icon?: string;
    topic?: { code: string; system: string; display?: string };
  };
  /** At least one when present; `selectionBehavior` is then required (cds-resp-6). */
  suggestions?: Suggestion[];
  /** With `at-most-one`, at most one suggestion `isRecommended` (cds-resp-1). */
  selectionBehavior?: 'at-most-one' | 'any';
  overrideReasons?: OverrideReason[];
  links?: Link[];
  /** Keys are reverse-domain names (`org.example.field`). */
  extension?: Record<string, unknown>;
}

export interface HookResponse {
  cards: Card[];
  /** At least one when present. */
  systemActions?: Action[];
}
