/**
 * The imaging lane's label layout (web/timeline/label-rows.ts): three studies days apart once
 * wrote over each other's names and status words (H50). Every expected row and extent below
 * is worked out by hand from the rule (first row at least 6 units clear of every label placed
 * before it, in date order), not taken from the code.
 */
import { describe, expect, it } from 'vitest';
import {
  extraLaneHeight,
  labelExtent,
  rowOffset,
  stackRows,
} from '../../web/timeline/label-rows.js';
import { estimateTextWidth } from '../../web/timeline/label-text.js';

describe('study labels in rows', () => {
  it('puts three labels a few units apart in three rows, and a fourth far off back in the first', () => {
    const extents = [
      { start: 300, end: 450 },
      { start: 307, end: 457 },
      { start: 314, end: 464 },
      { start: 600, end: 700 },
    ];
    expect(stackRows(extents)).toEqual([0, 1, 2, 0]);
  });

  it('keeps labels that do not meet in one row, and counts the spacing between them', () => {
    // 456 + 6 = 462 ≤ 462: clear. 520 + 6 = 526 > 525: not clear.
    expect(
      stackRows([
        { start: 300, end: 456 },
        { start: 462, end: 520 },
        { start: 525, end: 600 },
      ]),
    ).toEqual([0, 0, 1]);
  });

  it('fills a gap in an earlier row before opening a new one', () => {
    // Row 0: 100–200; row 1: 150–250; the third (210–240) meets row 1 only, so it goes in row 0.
    expect(
      stackRows([
        { start: 100, end: 200 },
        { start: 150, end: 250 },
        { start: 210, end: 240 },
      ]),
    ).toEqual([0, 1, 0]);
  });

  it('keeps a later label clear of a leader line crossing its row, by the same spacing', () => {
    // Row 0: 100–700. Row 1: 100–300. The third (150–650, moved from its mark at 500) meets
    // both: row 2, its leader crossing row 1 at 500. The fourth (480–520) would fit row 1 beside
    // 100–300, but the leader at 500 is inside it: past row 2's 150–650, row 3. The fifth
    // (520–560) is 20 clear of the leader (≥ 6): row 1.
    expect(
      stackRows([
        { start: 100, end: 700 },
        { start: 100, end: 300 },
        { start: 150, end: 650, leaderX: 500 },
        { start: 480, end: 520 },
        { start: 520, end: 560 },
      ]),
    ).toEqual([0, 1, 2, 3, 1]);
  });

  it('lets a leader from row 0 or row 1 cross no row', () => {
    // Row 1 is just below the mark: its leader ends there, and 480–520 may take row 2 under it.
    expect(
      stackRows([
        { start: 100, end: 700 },
        { start: 150, end: 650, leaderX: 500 },
        { start: 480, end: 520 },
      ]),
    ).toEqual([0, 1, 2]);
  });

  it('places a label to the right of its mark, or to its left when leftward', () => {
    expect(labelExtent(500, 120, 9, false)).toEqual({ start: 509, end: 629 });
    expect(labelExtent(700, 120, 9, true)).toEqual({ start: 571, end: 691 });
  });

  it('estimates a Latin character by its class and an ideograph a full em, at 14 units', () => {
    // C 0.8, T 0.65, the space 0.42, a b d o e n 0.65 each, m 1: 6.77 em.
    expect(estimateTextWidth('CT abdomen')).toBeCloseTo(94.78);
    expect(estimateTextWidth('状态不明')).toBe(4 * 14);
    // M 1, R 0.8, I 0.42, then ten full-width characters.
    expect(estimateTextWidth('MRI（已登记，尚无图像）')).toBeCloseTo(31.08 + 140);
    // i, l and the space narrow; é as e; @ and anything unknown a full em.
    expect(estimateTextWidth('il é')).toBeCloseTo(3 * 5.88 + 9.1);
    expect(estimateTextWidth('@Ω')).toBe(28);
  });

  it('writes row 0 above the mark and the others below, one line apart, the lane growing past two', () => {
    expect([0, 1, 2, 3].map(rowOffset)).toEqual([-16, 26, 43, 60]);
    expect([0, 1, 2, 3, 4].map(extraLaneHeight)).toEqual([0, 0, 0, 17, 34]);
  });
});
