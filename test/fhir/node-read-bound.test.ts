/**
 * The node's bound on FHIR answer bytes read at once (docs/security.md §3, "Many FHIR answers
 * read at once"): 128 MiB, all calls' reads together, counted on the wire. Reads whose bytes
 * together pass it are refused with a message naming the node's bound, not the answer's
 * size; every read gives its bytes back when it ends, however it ends, so a later read is
 * never refused for bytes no read holds. And a read still streaming when the call's time
 * budget runs out ends by the budget (§3, "Slow or hanging FHIR server").
 */
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { fhirBytesInFlight } from '../../src/fhir/fhir-client.js';
import { FhirBudgetExhausted } from '../../src/fhir/fhir-query.js';
import { fhirKitRunner } from '../../src/fhir/fhir-kit-runner.js';
import { rawAnswerServer } from '../support/raw-answer-server.js';
import { conditionSearch } from './condition-search.js';

const conditions = conditionSearch;
const MiB = 1024 * 1024;
// Far longer than any of these reads should take, but for the budget's own test.
const limits = { timeoutMs: 20_000, maxPages: 3 };
const NODE_BOUND =
  /^the FHIR server's answer to the Condition search was cut off: the node's bound of 128 MiB of FHIR answers read at once was reached$/;
const TOO_LARGE = /^the FHIR server's answer to the Condition search is larger than 32 MiB/;

const entry = JSON.stringify({
  resource: { resourceType: 'Condition', id: 'c1', subject: { reference: 'Patient/p1' } },
});
const head = `{"resourceType":"Bundle","type":"searchset","entry":[${entry}]`;
const padding = Buffer.alloc(MiB, 0x20);

/** Writes the searchset's head and `mib` MiB of JSON whitespace, then `done` once written. */
function writePadded(res: ServerResponse, mib: number, done: () => void): void {
  res.writeHead(200, { 'content-type': 'application/fhir+json' });
  res.write(head);
  let left = mib;
  const more = () => {
    while (left > 0 && !res.destroyed) {
      left -= 1;
      if (!res.write(padding)) {
        res.once('drain', more);
        return;
      }
    }
    if (!res.destroyed) done();
  };
  more();
}

const serve = rawAnswerServer('/fhir');
const read = (base: string, timeoutMs = limits.timeoutMs) =>
  fhirKitRunner(base, 'token-123', { ...limits, timeoutMs }).run(
    conditions,
    'Condition?patient=p1',
  );
const ids = (resources: { resource: { id?: string } }[]) => resources.map((r) => r.resource.id);

/** A read of a 30 MiB answer (under the 32 MiB cap) alone: refused if the count leaked. */
async function expectLargeReadToSucceed(): Promise<void> {
  const base = await serve((res) => {
    writePadded(res, 30, () => res.end('}'));
  });
  expect(ids(await read(base))).toEqual(['c1']);
  expect(fhirBytesInFlight.count).toBe(0);
}

describe("the node's bound on FHIR answer bytes read at once", () => {
  it('refuses a read once five 30 MiB answers read at once pass 128 MiB, and reads the rest', async () => {
    // Each answer alone is under the 32 MiB cap. The server holds every answer's end until
    // the service cuts one off (its connection closes early), then ends the others: four
    // answers, 120 MiB, are within the bound. A service without the bound reads all five;
    // the server then ends them 5 s after it has written all (by then read, on any machine).
    const open = new Set<ServerResponse>();
    let written = 0;
    let fallback: NodeJS.Timeout | undefined;
    const endAll = () => {
      for (const res of open) res.end('}');
      open.clear();
    };
    const base = await serve((res) => {
      open.add(res);
      res.on('close', () => {
        if (open.delete(res)) endAll();
      });
      writePadded(res, 30, () => {
        written += 1;
        if (written === 5) fallback = setTimeout(endAll, 5000);
      });
    });

    const results = await Promise.allSettled(Array.from({ length: 5 }, () => read(base)));
    clearTimeout(fallback);

    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    const answered = results.flatMap((r) => (r.status === 'fulfilled' ? [ids(r.value)] : []));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(Error);
    expect((refused[0] as Error).message).toMatch(NODE_BOUND);
    expect(answered).toEqual([['c1'], ['c1'], ['c1'], ['c1']]);
    expect(fhirBytesInFlight.count).toBe(0);
    await expectLargeReadToSucceed();
  });

  const endings: [string, (res: ServerResponse) => void, RegExp | undefined][] = [
    [
      'completes',
      (res) => {
        writePadded(res, 8, () => res.end('}'));
      },
      undefined,
    ],
    [
      'completes, inflated from gzip',
      (res) => {
        res.writeHead(200, {
          'content-type': 'application/fhir+json',
          'content-encoding': 'gzip',
        });
        res.end(
          gzipSync(
            Buffer.concat([Buffer.from(head), Buffer.alloc(8 * MiB, 0x20), Buffer.from('}')]),
          ),
        );
      },
      undefined,
    ],
    [
      'fails at the 32 MiB cap, streamed without end',
      (res) => {
        writePadded(res, 64, () => res.end('}'));
      },
      TOO_LARGE,
    ],
    [
      'fails as the server drops the connection midway',
      (res) => {
        writePadded(res, 8, () => res.destroy());
      },
      /^the FHIR server could not be reached for the Condition search$/,
    ],
    [
      'fails as a gzip body that does not decode',
      (res) => {
        res.writeHead(200, {
          'content-type': 'application/fhir+json',
          'content-encoding': 'gzip',
        });
        res.end(Buffer.alloc(8 * MiB, 0x20));
      },
      /^the FHIR server could not be reached for the Condition search$/,
    ],
  ];
  for (const [ending, answer, failure] of endings) {
    it(`gives a read's bytes back when it ${ending}: a large read then succeeds`, async () => {
      const base = await serve(answer);
      if (failure) await expect(read(base)).rejects.toThrow(failure);
      else expect(ids(await read(base))).toEqual(['c1']);
      expect(fhirBytesInFlight.count).toBe(0);
      await expectLargeReadToSucceed();
    });
  }

  it('refuses at once a read whose first chunk finds the bound already reached', async () => {
    // The whole answer comes in the turn that brings its headers. Refused in that turn, fetch
    // left the body waiting until the call's budget: the failure must be the bound's.
    const base = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.end(`${head}}`);
    });
    expect(fhirBytesInFlight.take(128 * MiB)).toBe(true);
    try {
      await expect(read(base, 5000)).rejects.toThrow(NODE_BOUND);
    } finally {
      fhirBytesInFlight.give(128 * MiB);
    }
    expect(fhirBytesInFlight.count).toBe(0);
    await expectLargeReadToSucceed();
  });

  it("ends a read still streaming when the call's budget runs out, by the budget", async () => {
    // 1 KiB every 20 ms: under both caps for minutes. Without the budget the read would end
    // with the answer, after 200 chunks.
    const base = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.write(head);
      let left = 200;
      const drip = setInterval(() => {
        left -= 1;
        if (left > 0) res.write(Buffer.alloc(1024, 0x20));
        else {
          clearInterval(drip);
          res.end('}');
        }
      }, 20);
      res.on('close', () => {
        clearInterval(drip);
      });
    });
    const failure = await read(base, 300).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(FhirBudgetExhausted);
    expect((failure as Error).message).toBe(
      'the FHIR Condition search did not finish within the 300 ms budget',
    );
    // The abort reaches the interceptor after fetch has rejected: the count follows it.
    await vi.waitFor(() => {
      expect(fhirBytesInFlight.count).toBe(0);
    });
    await expectLargeReadToSucceed();
  });
});
