/**
 * The built-in patterns of a myeloma diagnosis written as text only (probe 11, F4; hazard H136).
 * Rules page §3.1 reads myeloma from codes only, and "No myeloma → no cards" (H17): a
 * "Multiple myeloma" or 多发性骨髓瘤 with no code from a known system is not the myeloma
 * diagnosis. These patterns change no card; they let the explain trace name such a Condition
 * (../rules/myeloma-text-lines.ts), where it said only that the patient has no myeloma
 * Condition. Data, not rule code, as the plasmacytoma patterns are (./text-only-defaults.ts):
 * matched ignoring case, with the same negation and family cues ("no evidence of multiple
 * myeloma", 骨髓瘤家族史 name none). Plain words, so linear in the text.
 *
 * The default of the config key `textOnlyMyelomaPatterns`: a site's list replaces it, checked
 * at load as `textOnlyPatterns` are (docs/configuring.md); the trace line is its only reader.
 */
export const DEFAULT_MYELOMA_TEXT_PATTERNS: readonly string[] = [
  'multiple[\\s-]myeloma',
  'myelomatosis',
  'plasma[\\s-]cell[\\s-]myeloma',
  // 骨髓瘤 holds 多发性骨髓瘤; it also reads 骨髓瘤 alone, as Chinese problem lists write it.
  '骨髓瘤',
];
