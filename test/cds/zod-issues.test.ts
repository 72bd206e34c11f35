/**
 * zod issues as OperationOutcome issues (house style: `expression` from the zod path). zod 4
 * leaves the rejected value off its issues, so an absent field is told from a mistyped one
 * by the parsed input when the caller gives it, else by zod's own wording (the feedback
 * endpoint, src/cds/feedback.ts, passes no input).
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { feedbackRequestSchema } from '../../src/cds/feedback-schema.js';
import { zodIssuesToOutcome } from '../../src/cds/zod-issues.js';

const issuesOf = (schema: z.ZodType, body: unknown, withInput: boolean) => {
  const parsed = schema.safeParse(body);
  if (parsed.success) throw new Error('expected the body to be refused');
  return zodIssuesToOutcome(parsed.error, withInput ? { input: body } : {});
};

const item = { card: 'c1', outcome: 'overridden', outcomeTimestamp: '2026-11-01T09:00:00+01:00' };

describe('feedback issues, read without the input', () => {
  const cases: [string, unknown, { code: string; diagnostics: string; expression?: string[] }][] = [
    [
      'feedback absent',
      {},
      { code: 'required', diagnostics: 'feedback: is required', expression: ['feedback'] },
    ],
    [
      'feedback null',
      { feedback: null },
      { code: 'value', diagnostics: 'feedback: must be an array', expression: ['feedback'] },
    ],
    [
      'card a number',
      { feedback: [{ ...item, card: 7 }] },
      {
        code: 'value',
        diagnostics: 'feedback[0].card: must be a string',
        expression: ['feedback[0].card'],
      },
    ],
    [
      'outcomeTimestamp absent',
      { feedback: [{ card: 'c1', outcome: 'overridden' }] },
      {
        code: 'required',
        diagnostics: 'feedback[0].outcomeTimestamp: is required',
        expression: ['feedback[0].outcomeTimestamp'],
      },
    ],
    ['the body an array', [], { code: 'value', diagnostics: 'request body: must be an object' }],
  ];
  for (const [name, body, issue] of cases)
    it(`says "${issue.diagnostics}" for ${name}`, () => {
      expect(issuesOf(feedbackRequestSchema, body, false)).toEqual([
        { severity: 'error', ...issue },
      ]);
    });
});

describe('a schema message on a type check', () => {
  const schema = z.object({ id: z.guid('must be a UUID') });

  it('is kept for a mistyped value', () => {
    for (const withInput of [true, false])
      expect(issuesOf(schema, { id: 5 }, withInput)).toEqual([
        { severity: 'error', code: 'value', diagnostics: 'id: must be a UUID', expression: ['id'] },
      ]);
  });

  it('gives way to "is required" when the input shows the field absent', () => {
    expect(issuesOf(schema, {}, true)).toEqual([
      { severity: 'error', code: 'required', diagnostics: 'id: is required', expression: ['id'] },
    ]);
  });
});

describe('the prefix', () => {
  it('names the field from the request root, and the input is read at the issue path', () => {
    const context = { userId: 'Practitioner/1', encounterId: null };
    const parsed = z
      .object({ patientId: z.string(), encounterId: z.string().optional() })
      .safeParse(context);
    if (parsed.success) throw new Error('expected the context to be refused');
    expect(zodIssuesToOutcome(parsed.error, { input: context, prefix: ['context'] })).toEqual([
      {
        severity: 'error',
        code: 'required',
        diagnostics: 'context.patientId: is required',
        expression: ['context.patientId'],
      },
      {
        severity: 'error',
        code: 'value',
        diagnostics: 'context.encounterId: must be a string',
        expression: ['context.encounterId'],
      },
    ]);
  });
});
