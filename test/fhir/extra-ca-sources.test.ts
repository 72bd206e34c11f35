/**
 * FHIR_CA_FILES adds CAs without taking away those of NODE_EXTRA_CA_CERTS (docs/configuring.md,
 * the FHIR_CA_FILES row: "`NODE_EXTRA_CA_CERTS` also works, for the whole process"). Setting
 * undici's `ca` replaces Node's default trust, the extra certs included, so the service reads
 * that file too once CA files are set (src/fhir/extra-cas.ts). Two CAs of the test's own, each
 * signing the certificate of a real https server on loopback: one given in FHIR_CA_FILES, the
 * other in NODE_EXTRA_CA_CERTS, passed to the service as its environment (this test process
 * was not started with it, so Node itself trusts neither).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readExtraCas } from '../../src/fhir/extra-cas.js';
import { fhirConnectionPool, warmUp } from '../../src/fhir/fhir-connections.js';
import type { RunningService } from '../../src/service.js';
import { rawAnswerServer } from '../support/raw-answer-server.js';
import { callPatientViewAs, serviceTrustingIssuers } from '../support/issuers-file-service.js';
import { makeTestCa, type TestCa } from '../support/test-ca.js';
import { makeKey, type TestKey } from '../support/tokens.js';

/** One EHR whose key server is under each CA. */
const EHR_UNDER_FILES = 'https://ehr-a.hospital.example';
const EHR_UNDER_NODE = 'https://ehr-b.hospital.example';

let dir: string;
/** The CA given in FHIR_CA_FILES. */
let caOfFiles: TestCa;
/** The CA given in NODE_EXTRA_CA_CERTS. */
let caOfNode: TestCa;
let key: TestKey;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'emd-cds-two-cas-'));
  mkdirSync(join(dir, 'files'));
  mkdirSync(join(dir, 'node'));
  caOfFiles = makeTestCa(join(dir, 'files'));
  caOfNode = makeTestCa(join(dir, 'node'));
  key = await makeKey('ES384');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const serveUnderFiles = rawAnswerServer('/jwks.json');
const serveUnderNode = rawAnswerServer('/jwks.json');

/** A key server (its answers are JWKS; /metadata answers 200 too) under `ca`. */
function keyServer(serve: typeof serveUnderFiles, ca: TestCa) {
  return serve((res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [key.publicJwk] }));
  }, ca.server);
}

describe('the CAs trusted with FHIR_CA_FILES set', () => {
  it('are none of their own without CA files, leaving Node its default trust', () => {
    expect(readExtraCas({ caFiles: [], nodeExtraCaCerts: caOfNode.caFile })).toEqual([]);
  });

  it('let the FHIR connections reach servers under both CAs', async () => {
    const underFiles = (await keyServer(serveUnderFiles, caOfFiles)).replace('/jwks.json', '');
    const underNode = (await keyServer(serveUnderNode, caOfNode)).replace('/jwks.json', '');
    const connections = fhirConnectionPool({
      keepAliveMs: 1000,
      extraCas: readExtraCas({ caFiles: [caOfFiles.caFile], nodeExtraCaCerts: caOfNode.caFile }),
    });
    try {
      const outcomes = await warmUp([underFiles, underNode], connections, 10_000);
      expect(outcomes.map(({ server, ok }) => ({ server, ok }))).toEqual([
        { server: underFiles, ok: true },
        { server: underNode, ok: true },
      ]);
    } finally {
      await connections.close();
    }
  });

  it('keep the CA files when the NODE_EXTRA_CA_CERTS file cannot be read, as Node goes on without it', async () => {
    const underFiles = (await keyServer(serveUnderFiles, caOfFiles)).replace('/jwks.json', '');
    const connections = fhirConnectionPool({
      keepAliveMs: 1000,
      extraCas: readExtraCas({
        caFiles: [caOfFiles.caFile],
        nodeExtraCaCerts: join(dir, 'no-such-file.pem'),
      }),
    });
    try {
      const [outcome] = await warmUp([underFiles], connections, 10_000);
      expect(outcome?.ok).toBe(true);
    } finally {
      await connections.close();
    }
  });
});

describe('a service with FHIR_CA_FILES and NODE_EXTRA_CA_CERTS', () => {
  let service: RunningService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('verifies tokens whose key servers are under either CA', async () => {
    service = await serviceTrustingIssuers(
      dir,
      [
        { iss: EHR_UNDER_FILES, jwksUrl: await keyServer(serveUnderFiles, caOfFiles) },
        { iss: EHR_UNDER_NODE, jwksUrl: await keyServer(serveUnderNode, caOfNode) },
      ],
      { FHIR_CA_FILES: caOfFiles.caFile, NODE_EXTRA_CA_CERTS: caOfNode.caFile },
    );

    const underNode = await callPatientViewAs(service, EHR_UNDER_NODE, key);
    const underFiles = await callPatientViewAs(service, EHR_UNDER_FILES, key);

    expect(underNode.headers.get('www-authenticate')).toBeNull();
    expect(underNode.status).toBe(200);
    expect(underFiles.status).toBe(200);
  });
});
