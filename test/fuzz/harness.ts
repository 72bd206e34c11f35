/**
 * The HTTP side of the fuzz tests: the real app (test/support/app.ts, which turns any 200
 * answer that breaks the CDS Hooks response schema into a 500) on one listening server per
 * file, raw request bodies, and the checks every answer must pass.
 *
 * `npm run fuzz` runs 10,000 cases a property; `npm test` runs FUZZ_RUNS (default 200).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { expect } from 'vitest';
import { cdsHookResponse, type CdsCard as Card } from '../support/cds-hooks-schema.js';
import { testApp } from '../support/app.js';
import { REGRESSIONS_DIR } from './remembered-property.js';

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** How long a fuzz request may go unanswered before the service counts as stalled. */
const STALL_MS = 15_000;

/** Writes a request that stalled the service to test/fuzz/regressions/stalled/, to replay. */
function saveStalledRequest(path: string, text: string): string {
  const folder = join(REGRESSIONS_DIR, 'stalled');
  const file = join(folder, `${createHash('sha256').update(text).digest('hex').slice(0, 16)}.json`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(file, `${JSON.stringify({ path, body: text })}\n`);
  return file;
}

/** One app on one port for a whole test file, so a case costs a request, not a listen. */
export class FuzzServer {
  readonly #server: Server = createServer(testApp());

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.close((error) => {
        if (error) reject(error);
        else resolve();
      });
    });
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /**
   * POSTs `text` as is. A call not answered within the client timeout fails the property as
   * "the service stalled", with the request saved to replay (issue #19: one request held the
   * event loop for 22 s).
   */
  async post(path: string, text: string, contentType = 'application/json'): Promise<Answer> {
    try {
      return await this.#post(path, text, contentType);
    } catch (error) {
      if ((error as { timeout?: unknown }).timeout === undefined) throw error;
      throw new Error(
        `the service stalled: no answer within ${String(STALL_MS / 1000)} s to POST ${path} ` +
          `(${String(text.length)} characters); the request is saved in ${saveStalledRequest(path, text)}`,
        { cause: error },
      );
    }
  }

  async #post(path: string, text: string, contentType: string): Promise<Answer> {
    const res = await request(this.#server)
      .post(path)
      .set('Content-Type', contentType)
      .timeout({ response: STALL_MS })
      .buffer(true)
      .parse((stream, done) => {
        let data = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (data += chunk));
        stream.on('end', () => {
          done(null, data);
        });
      })
      .send(text);
    return {
      status: res.status,
      contentType: res.get('Content-Type') ?? '',
      text: res.body as string,
    };
  }

  async getJson(path: string): Promise<unknown> {
    const res = await request(this.#server).get(path).expect(200);
    return res.body as unknown;
  }
}

/** What a stack trace or a source location looks like in a body (house style: never shown). */
const STACK_TRACE = /(?:\\n|\n)[\t ]+at |node_modules|\.ts:/;
const ERROR_STATUSES = [400, 404, 412, 413, 415];
const SEVERITIES = ['fatal', 'error', 'warning', 'information'];

export interface OutcomeIssue {
  severity: string;
  code: string;
  diagnostics: string;
  expression?: string[];
}

/**
 * Every answer: no 5xx; a 4xx is an OperationOutcome (CDS Hooks 3.0 §Response: SHOULD) with
 * severity, code and diagnostics on each issue; no body shows a stack trace (unless the
 * request itself contained such text, which an error message may quote); and no request
 * pollutes Object.prototype.
 */
export function expectSoundAnswer(answer: Answer, sent: string): void {
  expect(answer.status, answer.text.slice(0, 500)).toBeLessThan(500);
  if (!STACK_TRACE.test(sent)) expect(answer.text).not.toMatch(STACK_TRACE);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  if (answer.status >= 400) {
    expect(ERROR_STATUSES).toContain(answer.status);
    issuesOf(answer);
  } else {
    expect(answer.status).toBe(200);
  }
}

/** The OperationOutcome's issues, after checking the body is one. */
export function issuesOf(answer: Answer): OutcomeIssue[] {
  expect(answer.contentType).toMatch(/^application\/fhir\+json/);
  const body = JSON.parse(answer.text) as { resourceType?: unknown; issue?: unknown };
  expect(body.resourceType).toBe('OperationOutcome');
  expect(Array.isArray(body.issue) && body.issue.length > 0, answer.text).toBe(true);
  const issues = body.issue as OutcomeIssue[];
  for (const issue of issues) {
    expect(SEVERITIES).toContain(issue.severity);
    expect(typeof issue.code === 'string' && issue.code.length > 0).toBe(true);
    expect(typeof issue.diagnostics === 'string' && issue.diagnostics.length > 0).toBe(true);
  }
  return issues;
}

/** A 400 names what is wrong: an `expression`, or diagnostics about the whole body. */
export function expectFieldNamed(issues: readonly OutcomeIssue[]): void {
  for (const issue of issues) {
    const named = (issue.expression ?? []).some((e) => e.length > 0);
    expect(named || issue.diagnostics.startsWith('request body'), JSON.stringify(issue)).toBe(true);
  }
}

/** The cards of a 200 answer (already schema-checked by testApp on its way out). */
export function cardsOf(answer: Answer): Card[] {
  return cdsHookResponse.parse(JSON.parse(answer.text)).cards;
}

export const ruleIdOf = (card: Card): unknown => card.extension?.['org.emd-cds.rule-id'];

export function evidenceOf(card: Card): string[] {
  const evidence = card.extension?.['org.emd-cds.evidence'];
  return Array.isArray(evidence) ? evidence.map(String) : [];
}

/** What must not change between two identical calls: everything but the uuids. */
export function cardFacts(cards: readonly Card[]): unknown[] {
  return cards.map((card) => ({
    ruleId: ruleIdOf(card),
    indicator: card.indicator,
    evidence: evidenceOf(card),
    phase: card.extension?.['org.emd-cds.phase'],
    summary: card.summary,
    detail: card.detail,
  }));
}
