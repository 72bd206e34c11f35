/**
 * The service writes what set a refused reload off and what it left unchecked in English
 * (GET /admin/config's `reloadRefused.trigger` and `.later`: src/config/settings-store.ts,
 * config-file.ts, load-wording.ts). The forms it writes are said in the console's language;
 * any other text is shown as written, a file's name as written always.
 */
import { fillIn, type MessageKey } from './i18n.js';

type Messages = Record<MessageKey, string>;

/** `<files> changed`, or `SIGHUP`. */
export function reloadTriggerWords(t: Messages, trigger: string): string {
  const changed = /^(.+) changed$/.exec(trigger);
  if (changed?.[1]) return fillIn(t.reloadTriggerChanged, { files: changed[1] });
  return trigger === 'SIGHUP' ? t.reloadTriggerSighup : trigger;
}

const LATER_FIXED: Readonly<Record<string, MessageKey>> = {
  'the value set and wording files and the value set roles': 'laterClinicalFiles',
  'the keys and values, then the value set and wording files and the value set roles':
    'laterKeysThenClinicalFiles',
};

/** One check left for later: a fixed sentence, or `the rest of <file>`, `the templates of <file>`. */
export function laterCheckWords(t: Messages, later: string): string {
  const fixed = LATER_FIXED[later];
  if (fixed) return t[fixed];
  const rest = /^the rest of (.+)$/.exec(later);
  if (rest?.[1]) return fillIn(t.laterRestOf, { file: rest[1] });
  const templates = /^the templates of (.+)$/.exec(later);
  if (templates?.[1]) return fillIn(t.laterTemplatesOf, { file: templates[1] });
  return later;
}
