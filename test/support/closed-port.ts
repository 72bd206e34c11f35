/**
 * A loopback port with nothing listening: connections to it are refused at once. For tests of a
 * database that is down (a PostgreSQL URL on this port), not one that hangs.
 */
import { createServer } from 'node:net';

export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return typeof address === 'object' && address ? address.port : 1;
}
