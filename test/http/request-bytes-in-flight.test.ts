/**
 * The node's bound on request body bytes read at once (docs/security.md §3, "Oversized input"):
 * 128 MiB, every caller's bodies together, as test/fhir/node-read-bound.test.ts checks the
 * bound on FHIR answers. BODY_LIMIT (32 MiB by default) bounds one body, not many. A body
 * whose next chunk would pass the bound is refused 503 with Retry-After and an
 * OperationOutcome saying the node is reading too much at once (transient); the others are
 * read; every body gives its bytes back when it ends, so a later body is never refused for
 * bytes no body holds.
 */
import { request as httpRequest, type ClientRequest } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { requestBytesInFlight } from '../../src/http/request-bytes-in-flight.js';
import { listeningTestApp, patientViewRequest } from '../support/app.js';

const MiB = 1024 * 1024;
const SERVICE = '/cds-services/emd-patient-view';
const padding = Buffer.alloc(MiB, 0x78);

const app = listeningTestApp(() => ({ bodyLimit: '32mb' }));

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: {
    resourceType?: string;
    issue?: { severity: string; code: string; diagnostics: string }[];
  };
}

/**
 * A valid call whose unknown member `zz` is `mib` MiB of `x`: its head and padding written
 * now, its end only when `end` is called. `written` resolves once all of it but the end is
 * on the socket.
 */
function heldCall(mib: number): {
  request: ClientRequest;
  written: Promise<void>;
  end: () => void;
  answer: Promise<Answer>;
} {
  const url = new URL(`${app.base()}${SERVICE}`);
  const call = JSON.stringify(patientViewRequest('p1', { conditions: null }));
  let request: ClientRequest | undefined;
  const answer = new Promise<Answer>((resolve, reject) => {
    request = httpRequest(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer['body'],
          });
        });
      },
    );
    request.on('error', reject);
  });
  const out = request as unknown as ClientRequest;
  const written = new Promise<void>((resolve) => {
    out.write(`${call.slice(0, -1)},"zz":"`);
    let left = mib;
    const more = (): void => {
      while (left > 0) {
        left -= 1;
        if (!out.write(padding)) {
          out.once('drain', more);
          return;
        }
      }
      resolve();
    };
    more();
  });
  return { request: out, written, end: () => out.end('"}'), answer };
}

/** A 30 MiB call alone (under BODY_LIMIT): refused if the count leaked. */
async function expectLargeCallToBeRead(): Promise<void> {
  const call = heldCall(30);
  await call.written;
  call.end();
  expect((await call.answer).status).toBe(200);
  expect(requestBytesInFlight.count).toBe(0);
}

describe("the node's bound on request body bytes read at once", () => {
  it('refuses one of five 30 MiB bodies read at once (150 MiB > 128 MiB) with 503, and reads the rest', async () => {
    const calls = Array.from({ length: 5 }, () => heldCall(30));
    await Promise.all(calls.map((call) => call.written));
    // Every body's padding is on its socket; the node holds what it has read of each. Once it
    // has read all it will take (four bodies, 120 MiB, and the refused one's bytes dropped),
    // the bodies end. Without the bound nothing is ever refused.
    let last = -1;
    await vi.waitFor(
      () => {
        const now = requestBytesInFlight.count;
        const settled = now === last && now >= 120 * MiB;
        last = now;
        expect(settled).toBe(true);
      },
      { timeout: 30_000, interval: 200 },
    );
    for (const call of calls) call.end();
    const answers = await Promise.all(calls.map((call) => call.answer));

    const refused = answers.filter((answer) => answer.status === 503);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 503]);
    expect(refused[0]?.retryAfter).toMatch(/^\d+$/);
    expect(refused[0]?.body).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'transient',
          diagnostics:
            'request body: not read, as this node is already reading 128 MiB of request bodies at once; a transient state: retry after a few seconds',
        },
      ],
    });
    expect(requestBytesInFlight.count).toBe(0);
    await expectLargeCallToBeRead();
  }, 60_000);

  it('gives a body its bytes back when its client goes away mid-body: a large body is then read', async () => {
    const call = heldCall(8);
    call.answer.catch(() => undefined);
    await call.written;
    await vi.waitFor(() => {
      expect(requestBytesInFlight.count).toBeGreaterThanOrEqual(7 * MiB);
    });
    // The socket closes before the body's end: the read ends as aborted.
    call.request.destroy();
    await vi.waitFor(() => {
      expect(requestBytesInFlight.count).toBe(0);
    });
    await expectLargeCallToBeRead();
  });
});
