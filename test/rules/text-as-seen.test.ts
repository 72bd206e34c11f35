/**
 * H150: the text-only patterns read a record's words as a reader sees them: HTML character
 * references decoded (once or twice escaped), NFKC (full-width → ASCII, a no-break space → a
 * space), format characters removed; nothing else. Expectations typed by hand.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/evaluate.js';
import { textAsSeen } from '../../src/rules/text-as-seen.js';
import { condition, defaultRuleSettings, icd, NOW, PATIENT_ID, recordOf } from './fixtures.js';

/** As sent → as seen. */
const SEEN: [string, string][] = [
  ['Plasma\u200Bcytoma', 'Plasmacytoma'],
  ['Plasma\u00ADcytoma', 'Plasmacytoma'],
  ['\uFEFFPlasmacytoma', 'Plasmacytoma'],
  ['浆细胞\u200D瘤', '浆细胞瘤'],
  ['ＣＮＳ myeloma', 'CNS myeloma'],
  ['Leptomeningeal\u00A0myeloma', 'Leptomeningeal myeloma'],
  ['Leptomeningeal&nbsp;myeloma', 'Leptomeningeal myeloma'],
  ['Leptomeningeal&amp;nbsp;myeloma', 'Leptomeningeal myeloma'],
  ['Plasma&#173;cytoma', 'Plasmacytoma'],
  ['Plasma&#xAD;cytoma', 'Plasmacytoma'],
  ['Myeloma &amp; plasmacytoma', 'Myeloma & plasmacytoma'],
  ['浆细胞瘤（除外）', '浆细胞瘤(除外)'],
];

/** Read as sent: plain text, an unknown reference, a reference to no character. */
const AS_SENT = ['Plasmacytoma of liver', 'R&D', '&bogus;', '&#0;', '&#xD800;', '漿細胞瘤'];

describe('a text as a reader sees it (H150)', () => {
  for (const [sent, seen] of SEEN)
    it(`reads ${JSON.stringify(sent)} as ${JSON.stringify(seen)}`, () => {
      expect(textAsSeen(sent)).toBe(seen);
    });

  for (const sent of AS_SENT)
    it(`reads ${JSON.stringify(sent)} as itself`, () => {
      expect(textAsSeen(sent)).toBe(sent);
    });

  it('names the words as read in the text-only line of the trace', () => {
    const { trace } = evaluate({
      record: recordOf([
        condition('mm', { code: [icd('C90.02')] }),
        condition('pc1', { text: 'Plasma\u200Bcytoma of liver' }),
      ]),
      settings: defaultRuleSettings,
      context: { kind: 'patient-view', patientId: PATIENT_ID },
      now: NOW,
    });
    expect(trace.map((line) => line.message)).toContain(
      'text-only plasmacytoma: "Plasma\u200Bcytoma of liver" matches a text pattern and has no coding from a known system; read as "Plasmacytoma of liver" (HTML character references, full-width forms and format characters as a reader sees them, H150)',
    );
  });
});
