/**
 * Closing the service (part of the composition root, src/service.ts): one list of what it
 * opened, closed newest first, serves both a shutdown and a start that fails half-way.
 */
import type { RequestListener, Server, ServerResponse } from 'node:http';
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

/** The server's request listener, and the switch that makes each answer close its connection. */
export interface ClosingConnections {
  listener: RequestListener;
  /** From now on every answer closes its connection, the answers of the calls in flight too. */
  closeAfterAnswers(): void;
}

/**
 * server.close() closes idle keep-alive connections only: a client that keeps calling on one
 * connection never leaves it idle, and each of its new calls was served until
 * SHUTDOWN_GRACE_MS cut whatever was then in flight. Once shutdown has begun, each answer says
 * `Connection: close`, after which Node closes the connection and the client sends nothing
 * more on it (RFC 9112 §9.6): its next call opens a connection to another node, or is refused.
 */
export function closingConnections(app: RequestListener): ClosingConnections {
  const unanswered = new Set<ServerResponse>();
  let closing = false;
  return {
    listener: (request, response) => {
      if (closing) response.setHeader('Connection', 'close');
      else {
        unanswered.add(response);
        response.once('close', () => unanswered.delete(response));
      }
      app(request, response);
    },
    closeAfterAnswers: () => {
      closing = true;
      for (const response of unanswered)
        if (!response.headersSent) response.setHeader('Connection', 'close');
    },
  };
}
