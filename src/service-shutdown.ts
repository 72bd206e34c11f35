/**
 * Closing the service (part of the composition root, src/service.ts): one list of what it
 * opened, closed newest first, serves both a shutdown and a start that fails half-way.
 */
import type { Server } from 'node:http';
import type { Logger } from 'pino';

/** After SIGTERM, in-flight requests get this long to finish. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** How to close one thing the service opened. */
export type Closer = () => unknown;

/**
 * Closes what the service opened, newest first, each in turn: the fleet membership, then
 * the listener (once the calls in flight have finished), then the connections, the stores
 * and the settings watcher. One that fails is logged and does not keep the rest open.
 */
export async function closeNewestFirst(opened: readonly Closer[], logger: Logger): Promise<void> {
  for (const close of [...opened].reverse()) {
    try {
      await close();
    } catch (error) {
      logger.warn(
        { problem: error instanceof Error ? error.message : String(error) },
        'closing the service: one part did not close cleanly',
      );
    }
  }
}

/**
 * Stops taking connections and resolves once the requests in flight have finished; idle
 * keep-alive connections close now, any still open after SHUTDOWN_GRACE_MS are cut.
 */
export function stopListening(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS).unref();
  });
}
