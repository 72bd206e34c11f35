/**
 * The "codes not read" section before → now, for --compare: the informatics team adds the
 * codes the section lists to its value sets (docs/configuring.md, example h), runs again
 * against the earlier configuration or report, and sees what the codes did. A code added to
 * a value set leaves the section, which must read as a drop to 0, not as a code left out.
 * So must a code system whose myeloma codes were added: every patient of it who had myeloma
 * is now looked at no more (unknown systems are looked for only without myeloma read).
 */
import type { UnreadKind } from '../rules/unread-kinds.js';
import type {
  CodesNotReadReport,
  KindReport,
  SystemCount,
  UnknownSystemReport,
} from './codes-not-read.js';

/**
 * Patients in one run: counted; at most this many (the code is below that run's listed
 * codes, so its count was not kept); or unknown (an earlier report written before the
 * section existed).
 */
export type PatientCount = number | { atMost: number } | undefined;

export interface CountChange {
  before: PatientCount;
  now: PatientCount;
}

export interface CodeChange extends CountChange {
  system?: string;
  code: string;
}

export interface SystemChange extends CountChange {
  system?: string;
}

export interface CodesNotReadChange {
  patients: CountChange;
  byKind: Record<UnreadKind, { patients: CountChange; codes: CodeChange[] }>;
  /** The unknown systems either run lists: this run's in its order, then the other's. */
  unknownSystems: SystemChange[];
}

/** The codes listed in either run: this run's in its order, then those only the other lists. */
export function compareCodesNotRead(
  now: CodesNotReadReport,
  before: CodesNotReadReport | undefined,
): CodesNotReadChange {
  const kindChange = (kind: UnreadKind) => {
    // Undefined too for a report written before the kind was counted (H109's): "–".
    const was = before?.[kind];
    const is = now[kind];
    const listed = [...is.topCodes, ...(was?.topCodes ?? [])];
    const seen = new Set<string>();
    const codes: CodeChange[] = [];
    for (const { system, code } of listed) {
      const key = JSON.stringify([system ?? null, code]);
      if (seen.has(key)) continue;
      seen.add(key);
      codes.push({
        ...(system === undefined ? {} : { system }),
        code,
        before: was && countIn(was, system, code),
        now: countIn(is, system, code),
      });
    }
    return { patients: { before: was?.patients, now: is.patients }, codes };
  };
  return {
    patients: { before: before?.patients, now: now.patients },
    byKind: {
      unknownSystem: kindChange('unknownSystem'),
      icd10cmCategory: kindChange('icd10cmCategory'),
      codeExtension: kindChange('codeExtension'),
    },
    unknownSystems: systemChanges(now.unknownSystem, before?.unknownSystem),
  };
}

/**
 * Every system is listed, so one a run does not list had no patient in it: 0. A run without
 * the list at all (a --json report written before it) is unknown: "–".
 */
function systemChanges(
  now: UnknownSystemReport,
  before: UnknownSystemReport | undefined,
): SystemChange[] {
  const countIn = (systems: SystemCount[] | undefined, system: string | undefined) =>
    systems && (systems.find((s) => s.system === system)?.patients ?? 0);
  const listed = [...(now.systems ?? []), ...(before?.systems ?? [])];
  const seen = new Set<string | undefined>();
  const changes: SystemChange[] = [];
  for (const { system } of listed) {
    if (seen.has(system)) continue;
    seen.add(system);
    changes.push({
      ...(system === undefined ? {} : { system }),
      before: countIn(before?.systems, system),
      now: countIn(now.systems, system),
    });
  }
  return changes;
}

/**
 * A code's patients in a kind: its count when listed; 0 when every code of the kind is
 * listed; else at most the fewest patients a listed code has (the list is most patients first).
 */
function countIn(kind: KindReport, system: string | undefined, code: string): PatientCount {
  const listed = kind.topCodes.find((c) => c.system === system && c.code === code);
  if (listed) return listed.patients;
  if (kind.distinctCodes <= kind.topCodes.length) return 0;
  return { atMost: kind.topCodes.at(-1)?.patients ?? 0 };
}

/** `4 → 0 (-4)`; `– → 6` when the earlier report did not count it; `≤ 3 → 5` when not kept. */
export function changeText({ before, now }: CountChange): string {
  const delta = typeof before === 'number' && typeof now === 'number' ? now - before : undefined;
  const sign = delta !== undefined && delta > 0 ? '+' : '';
  return `${countText(before)} → ${countText(now)}${delta === undefined ? '' : ` (${sign}${fmt(delta)})`}`;
}

const countText = (count: PatientCount) =>
  count === undefined ? '–' : typeof count === 'number' ? fmt(count) : `≤ ${fmt(count.atMost)}`;

const fmt = (n: number) => n.toLocaleString('en-US');
