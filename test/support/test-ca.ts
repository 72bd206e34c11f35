/**
 * A certificate authority of the test's own and a server certificate it signed for
 * 127.0.0.1, made with openssl as a hospital's PKI would make them: the CA's PEM file is what
 * an operator gives in FHIR_CA_FILES, the server's key and certificate go to a local https
 * server (a FHIR server, a key server). Nothing on this machine trusts the CA otherwise.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCa {
  /** The CA certificate's PEM file. */
  caFile: string;
  /** The server's private key and certificate (PEM), for `https.createServer`. */
  server: { key: string; cert: string };
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

/** Writes the CA and the server's certificate into `dir`, valid for a day. */
export function makeTestCa(dir: string): TestCa {
  const file = (name: string) => join(dir, name);
  const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl([
    ...['req', '-x509', ...EC_KEY, '-keyout', file('ca.key'), '-out', file('ca.pem')],
    ...['-days', '1', '-subj', '/CN=EMD CDS test hospital CA'],
    ...['-addext', 'basicConstraints=critical,CA:TRUE'],
    ...['-addext', 'keyUsage=critical,keyCertSign'],
  ]);
  openssl([
    ...['req', ...EC_KEY, '-keyout', file('server.key'), '-out', file('server.csr')],
    ...['-subj', '/CN=127.0.0.1'],
  ]);
  // A server certificate is checked against its subjectAltName, never its CN (RFC 6125).
  writeFileSync(file('server.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl([
    ...['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem')],
    ...['-CAkey', file('ca.key'), '-CAcreateserial', '-days', '1'],
    ...['-extfile', file('server.ext'), '-out', file('server.pem')],
  ]);
  return {
    caFile: file('ca.pem'),
    server: {
      key: readFileSync(file('server.key'), 'utf8'),
      cert: readFileSync(file('server.pem'), 'utf8'),
    },
  };
}
