/**
 * The built-in context cues of text-only matches (hazards H100, H101): whose finding a text
 * names and when, after ConText (Harkema et al., J Biomed Inform 2009;42:839), which adds
 * "experiencer" and "historical" to NegEx's negation. Read like the negation cues
 * (../rules/negation.ts: matched whole, ignoring case, within three English words of the
 * match; a Chinese cue touches it; one colon after a `before` cue or before an `after` cue,
 * or an opening bracket before an `after` cue, does not end the reach).
 *
 * - family: a relative's disease, not this patient's finding ("Family history of
 *   plasmacytoma", "FH: plasmacytoma", 浆细胞瘤家族史): no card;
 * - history: this patient's past disease (h/o, s/p, 既往, 病史, 术后): rules page §2 gives a
 *   history Condition no card of its own, so a text-only one that reads so raises none; the
 *   explain trace says so (§6). Unless a `current` word stands anywhere in the text
 *   ("s/p resection of plasmacytoma, now recurrent", 浆细胞瘤术后复发): then it asks for a code;
 * - hedge: suspected, not confirmed (r/o, 待排, "?"). A text-only mention still asks for a
 *   code (info either way); the cue is named in the trace of a coded finding whose own text
 *   reads so (H101).
 * Kept short, as the negation cues are: a wrong family or history reading hides an info card.
 * "Previous" and "prior" are left out: "recurrence of prior plasmacytoma" is current.
 */
export const DEFAULT_TEXT_ONLY_CONTEXT = {
  familyBefore: [
    'family history of',
    'family history',
    'family hx',
    'fh',
    'fhx',
    'mother',
    'father',
    'sister',
    'brother',
    '家族史',
    '家族',
    '母亲',
    '父亲',
    '母亲患',
    '父亲患',
  ],
  familyAfter: ['family history', 'in mother', 'in father', '家族史'],
  historyBefore: [
    'history of',
    'hx of',
    'h/o',
    'pmh',
    'past medical history',
    's/p',
    'status post',
    '既往',
    '既往史',
    '既往有',
    '曾患',
  ],
  historyAfter: ['resected', 'in remission', '病史', '既往史', '术后', '切除术后', '已切除'],
  hedgeBefore: [
    'r/o',
    'rule out',
    'possible',
    'probable',
    'suspected',
    'suspicion of',
    'query',
    '疑似',
    '考虑',
    '可疑',
    '拟诊',
    '待排',
  ],
  hedgeAfter: [
    '?',
    '？',
    'to be ruled out',
    'to be excluded',
    'cannot be excluded',
    'not excluded',
    'not ruled out',
    'suspected',
    'possible',
    '待排',
    '待排除',
    '待除外',
    '不除外',
    '可能',
    '待查',
  ],
  current: [
    'recurrent',
    'recurrence',
    'relapse',
    'relapsed',
    'progressive',
    'progression',
    'new',
    'active',
    '复发',
    '进展',
    '新发',
    '活动性',
  ],
};
