/**
 * The clinical sections of the config file (./config-schema.ts): rules, windows, text-only
 * patterns, status words, value sets, links, override reasons and wording. They reload with
 * the file; with none of them set, the defaults reproduce ../shared/spec/emd-rules.md.
 */
import { z } from 'zod';
import { VALUE_SET_ROLES } from '../rules/value-set-roles.js';
import { TEXT_PATTERN_FLAGS } from '../rules/rule-settings.js';
import { INDICATORS, RULE_IDS } from '../rules/types.js';
import { DEFAULTS } from './defaults.js';
import { refusedPatternReason } from './linear-pattern.js';

const regexSource = z
  .string()
  .refine(
    (source) => {
      try {
        new RegExp(source, TEXT_PATTERN_FLAGS);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be a valid regular expression' },
  )
  .superRefine((source, ctx) => {
    const reason = refusedPatternReason(source);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });

const ruleSchema = z.strictObject({
  enabled: z.boolean().default(true).describe('false switches the rule off'),
  mode: z
    .enum(['live', 'silent'])
    .default('live')
    .describe(
      'silent: the rule is evaluated and its cards audited (marked silent), never shown; for a trial run before go-live (docs/go-live.md)',
    ),
  indicator: z
    .enum(INDICATORS)
    .optional()
    .describe('the card level before any lowering; default: the rules page'),
  acknowledgement: z
    .string()
    // Blanks say nothing: twelve spaces must not switch a critical rule off.
    .trim()
    .min(10, 'must say who decided it and why: at least 10 characters besides blanks')
    .optional()
    .describe(
      'required to switch off, silence or lower a critical rule, or to set suppressCritical on any rule: who decided it and why (logged at every start)',
    ),
  suppressAfterOverrideDays: wholeDays(0, 365)
    .default(0)
    .describe(
      'after a clinician overrides this card for a patient, do not show it again to that client (issuer and tenant) for this many days unless its evidence changes; 0 = never suppress',
    ),
  suppressCritical: z
    .boolean()
    .default(false)
    .describe(
      'allow suppressing this rule when its card is critical (never by default); needs an acknowledgement, like switching a critical rule off',
    ),
});

/**
 * A number of days, said as an analyst fixes it: YAML reads `'365'` and `365d` as text, and
 * `90.5` is no day count; zod's own words ("expected number, received string") say neither.
 */
function wholeDays(min: number, max: number) {
  const days = (n: number) => `${String(n)} ${n === 1 ? 'day' : 'days'}`;
  return z
    .number({
      error: (issue) => {
        if (typeof issue.input !== 'string') return undefined;
        const how = /^\s*\d+\s*$/.test(issue.input) ? 'without quotes' : 'digits only';
        return `a whole number of days, ${how} (not the text ${JSON.stringify(issue.input)})`;
      },
    })
    .int({ error: (issue) => `a whole number of days (not ${String(issue.input)})` })
    .min(min, { error: (issue) => `at least ${days(min)} (not ${String(issue.input)})` })
    .max(max, { error: (issue) => `at most ${days(max)} (not ${String(issue.input)})` });
}

/** `rules`: each rule's switch, mode, level and suppression, by rule id. */
export const rulesSection = z.partialRecord(z.enum(RULE_IDS), ruleSchema).default({});

/** `phase`: the diagnosis window, days either side of the myeloma onset (rules page §3.2). */
export const phaseSection = z
  .strictObject({
    // 0 would make the window one day: a finding recorded a day after the myeloma would be of
    // unknown phase, which is no window the rules page means.
    windowDays: wholeDays(1, 3650).default(DEFAULTS.phaseWindowDays),
  })
  .prefault({});

/** `imaging`: how far back imaging counts as recent (rules page). */
export const imagingSection = z
  .strictObject({
    lookbackDays: wholeDays(1, 3650).default(DEFAULTS.imagingLookbackDays),
  })
  .prefault({});

/** `textOnlyPatterns`: plasmacytomas recorded as text only, no known coding (`emd-unclassified`). */
export const textOnlyPatternsSection = z.array(regexSource).default([...DEFAULTS.textOnlyPatterns]);

/**
 * `textOnlyMyelomaPatterns`: a myeloma diagnosis in words, on a Condition with no code from a
 * known system; named in the explain trace, never read as the diagnosis (H136).
 */
export const textOnlyMyelomaPatternsSection = z
  .array(regexSource)
  .default([...DEFAULTS.textOnlyMyelomaPatterns])
  .describe(
    'a myeloma diagnosis in words ("multiple myeloma", 骨髓瘤) on a Condition with no code from a known system: the explain trace names it and asks for a code; it never gives a card (H136)',
  );

/**
 * `textOnlyOtherDiseasePatterns`: another disease in a coded finding's own text, noted in the
 * explain trace; the finding's card keeps its level (H135).
 */
export const textOnlyOtherDiseasePatternsSection = z
  .array(regexSource)
  .default([...DEFAULTS.textOnlyOtherDiseasePatterns])
  .describe(
    "another disease in a coded plasmacytoma finding's own text (lymphoma, carcinoma, 癌): the explain trace notes it; the card keeps its level. The text-only patterns' own exclusions are not changed by it (H135)",
  );

/**
 * A negation cue: words and single blanks, at most 40 characters, so that the matcher's look
 * around each match stays short (../rules/negation.ts).
 */
const negationCue = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}'’-]+(?: [\p{L}\p{N}'’-]+)*$/u, {
    message: 'must be words separated by single blanks (letters, digits, apostrophes, hyphens)',
  });
const cueList = (defaults: readonly string[], description: string) =>
  z
    .array(negationCue)
    .max(100)
    .default([...defaults])
    .describe(description);

/** `textOnlyNegation`: cues that make a text-only pattern's match say there is none (H88). */
export const textOnlyNegationSection = z
  .strictObject({
    before: cueList(
      DEFAULTS.textOnlyNegation.before,
      'cues just before a match, at most three words between (no evidence of, 未见)',
    ),
    after: cueList(
      DEFAULTS.textOnlyNegation.after,
      'cues just after a match, at most three words between (excluded, 已排除)',
    ),
    pseudo: cueList(
      DEFAULTS.textOnlyNegation.pseudo,
      'phrases holding a cue that do not negate (cannot be excluded, 不能排除)',
    ),
    scopeEnds: z
      .array(negationCue.regex(/^\S+$/u, { message: 'must be one word' }))
      .max(100)
      .default([...DEFAULTS.textOnlyNegation.scopeEnds])
      .describe('words between a cue and a match that end its reach (but, however)'),
  })
  .prefault({})
  .describe(
    'NegEx-style negation of text-only matches, in the same sentence: "No evidence of extramedullary disease" raises no card; a coded finding is never affected',
  );

/**
 * A context cue: as a negation cue, and also a slash or a question mark ("h/o", "s/p", "?",
 * 待排？), which shorthand writes.
 */
const contextCue = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}'’/?？-]+(?: [\p{L}\p{N}'’/?？-]+)*$/u, {
    message:
      'must be words separated by single blanks (letters, digits, apostrophes, hyphens, slashes, question marks)',
  });
/**
 * Cues a `textOnlyContext` list may hold: the longest default list has 15. The `current` words
 * were once looked for through the whole text one by one: 100 one-letter words took 11.8 s on
 * a 1 MB text of that letter (a probe in session 38). One pass reads them all now (session 39),
 * and the other lists are read only around each match; the bound keeps the lists readable.
 */
const MAX_CONTEXT_CUES = 50;
const contextList = (defaults: readonly string[], description: string) =>
  z
    .array(contextCue)
    .max(MAX_CONTEXT_CUES, {
      error: (issue) =>
        `holds ${String((issue.input as unknown[]).length)} cues; at most ${String(MAX_CONTEXT_CUES)} in a list, so that reading a long text stays quick`,
    })
    .default([...defaults])
    .describe(description);

/** `textOnlyContext`: whose disease a text-only match names, and when (H100, H101). */
export const textOnlyContextSection = z
  .strictObject({
    familyBefore: contextList(
      DEFAULTS.textOnlyContext.familyBefore,
      "cues just before a match that make it a relative's disease: no card (family history of, FH, 家族史)",
    ),
    familyAfter: contextList(
      DEFAULTS.textOnlyContext.familyAfter,
      "cues just after a match that make it a relative's disease (家族史)",
    ),
    historyBefore: contextList(
      DEFAULTS.textOnlyContext.historyBefore,
      'cues just before a match that make it past: history, no card of its own (h/o, s/p, 既往)',
    ),
    historyAfter: contextList(
      DEFAULTS.textOnlyContext.historyAfter,
      'cues just after a match that make it past (病史, 术后, resected)',
    ),
    hedgeBefore: contextList(
      DEFAULTS.textOnlyContext.hedgeBefore,
      "cues just before a match that make it suspected (r/o, 疑似): named in a coded finding's trace",
    ),
    hedgeAfter: contextList(
      DEFAULTS.textOnlyContext.hedgeAfter,
      "cues just after a match that make it suspected (?, 待排): named in a coded finding's trace",
    ),
    current: contextList(
      DEFAULTS.textOnlyContext.current,
      'words anywhere in the text that keep a history cue from counting (recurrent, 复发)',
    ),
  })
  .prefault({})
  .describe(
    "ConText-style reading of text-only matches in the same sentence: a relative's or a past disease raises no card; a coded finding's level is never affected",
  );

/** `statusWords`: how a Condition status given only as text is read. */
export const statusWordsSection = z
  .strictObject({
    history: z
      .array(z.string().trim().min(1))
      .default([...DEFAULTS.statusWords.history])
      .describe(
        'a status given only as these words counts as history (resolved, inactive, remission)',
      ),
    ignored: z
      .array(z.string().trim().min(1))
      .default([...DEFAULTS.statusWords.ignored])
      .describe(
        'a status given only as these words makes the Condition ignored (refuted, entered in error)',
      ),
    notAbated: z
      .array(z.string().trim().min(1))
      .default([...DEFAULTS.statusWords.notAbated])
      .describe(
        'an abatementString that is one of these words says the Condition has not abated (ongoing, 持续): no abatement, read by its clinicalStatus',
      ),
  })
  .prefault({})
  .describe(
    'words a Condition status or abatementString given only as text is read as (whole text, any case); any other text status makes the Condition uncertain',
  );

/** `valueSets`: the site’s own ValueSets and which plays each role. */
export const valueSetsSection = z
  .strictObject({
    files: z
      .array(z.string().min(1))
      .default([])
      .describe('extra ValueSet JSON files or folders, relative to this file'),
    roles: z
      .partialRecord(z.enum(VALUE_SET_ROLES), z.string().min(1))
      .default({})
      .describe('which ValueSet (canonical URL) plays each role'),
  })
  .prefault({});

/**
 * A link a card carries: http or https only. Cards emit it as an `absolute` link the EHR
 * opens; `javascript:` or `data:` would run or render whatever the file says.
 */
/**
 * An http(s) link for the cards. A space parses (WHATWG URL encodes it), but the card would
 * carry the text as written, which is no URL (CDS Hooks 2.0 Link.url: an absolute URL).
 */
const httpUrl = () =>
  z
    .url({ protocol: /^https?$/, error: 'must be an http or https URL (http://… or https://…)' })
    .refine((url) => !/\s/.test(url), {
      error: 'has a space in it: write each space as %20 (a card link is sent as written)',
    });

/** `links`: the links every EMD and CNS card carries. */
export const linksSection = z
  .strictObject({
    trials: httpUrl()
      .nullable()
      .default(DEFAULTS.trialsUrl)
      .describe('clinical-trial search on every EMD and CNS card; null for none'),
    pathway: httpUrl().optional().describe('the institution’s myeloma pathway'),
    timeline: httpUrl()
      .nullable()
      .optional()
      .describe(
        'SMART launch URL of the EMD timeline app, a smart link on every EMD and CNS card; default <service.publicBaseUrl>/timeline/launch.html; null for none',
      ),
  })
  .prefault({});

/** `overrideReasons`: the reasons a clinician may give for overriding a card. */
export const overrideReasonsSection = z
  .strictObject({
    system: z.string().min(1).default(DEFAULTS.overrideReasonSystem),
    codes: z
      .array(z.string().min(1))
      .min(1)
      // A card offers each reason once: a repeated code would show twice in the EHR's list.
      .superRefine((codes, ctx) => {
        codes.forEach((code, index) => {
          if (codes.indexOf(code) < index)
            ctx.addIssue({
              code: 'custom',
              path: [index],
              message: `repeats the code ${code}: each reason is offered once`,
            });
        });
      })
      .default([...DEFAULTS.overrideReasonCodes])
      .describe('each needs a display in every wording file'),
  })
  .prefault({});

/** `wording`: where the card templates come from. */
export const wordingSection = z
  .strictObject({
    dir: z
      .string()
      .optional()
      .describe(
        'a folder of <locale>.yaml files replacing the shipped wording, relative to this file',
      ),
  })
  .prefault({});
