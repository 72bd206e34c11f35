/**
 * A known CDS Hooks path called with a method it does not take (`GET /cds-services/{id}`,
 * `PUT /cds-services`) gets 405 with an `Allow` header listing the methods it takes (RFC 9110
 * §15.5.6: the origin server "MUST generate an Allow header field"), not the 404 of a path
 * the service does not have. The paths are those of CDS Hooks 2.0 §Discovery, §Calling a CDS
 * Service and §Feedback, served by ./app.ts, for the ids discovery lists: an id no service has
 * is a path the service does not have, 404 whatever the method (docs/integrating.md §1), as
 * `POST /cds-services/{unknown id}` is.
 */
import type { Request, Response } from 'express';
import { ServiceError } from '../errors.js';

/**
 * OPTIONS is answered on every path below /cds-services by ./browser-clients.ts (CORS
 * preflights); HEAD by the GET route (express).
 */
const DISCOVERY_METHODS = ['GET', 'HEAD', 'OPTIONS'] as const;
const SERVICE_METHODS = ['POST', 'OPTIONS'] as const;

/**
 * The methods a path below the /cds-services mount takes (`/` is /cds-services itself),
 * matched as express matches ./app.ts's routes: case-insensitive, one optional trailing
 * slash; `{id}` a segment that, decoded as express decodes it, is a service's id, compared as
 * the routes compare it (exactly). Undefined for a path that is none of them (a 404).
 */
function allowedMethods(
  subPath: string,
  isServiceId: (id: string) => boolean,
): readonly string[] | undefined {
  const path = subPath.endsWith('/') ? subPath.slice(0, -1) : subPath;
  if (path === '') return DISCOVERY_METHODS;
  const [root, id, tail, ...rest] = path.split('/');
  if (root !== '' || !id || rest.length > 0) return undefined;
  if (tail !== undefined && tail.toLowerCase() !== 'feedback') return undefined;
  const decoded = decodedSegment(id);
  return decoded !== undefined && isServiceId(decoded) ? SERVICE_METHODS : undefined;
}

function decodedSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * The 405 for a request whose method its path does not take, or undefined when the path
 * takes it or is not one of the service's (`req` mounted at /cds-services; `isServiceId`
 * says which ids discovery lists).
 */
export function methodNotAllowed(
  req: Request,
  res: Response,
  isServiceId: (id: string) => boolean,
): ServiceError | undefined {
  const allowed = allowedMethods(req.path, isServiceId);
  if (!allowed || allowed.includes(req.method)) return undefined;
  const allow = allowed.join(', ');
  res.setHeader('Allow', allow);
  return new ServiceError('method-not-allowed', [
    {
      severity: 'error',
      code: 'not-supported',
      diagnostics: `${req.method} is not allowed on ${pathOf(req)} (allowed: ${allow})`,
    },
  ]);
}

/** The path as the client sent it, without the query string (which may carry identifiers). */
function pathOf(req: Request): string {
  return req.originalUrl.split('?', 1)[0] ?? '';
}
