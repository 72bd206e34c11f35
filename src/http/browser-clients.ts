/**
 * Browser CDS clients (CDS Hooks 2.0 §Cross-Origin Resource Sharing): the public CDS Hooks
 * Sandbox runs in the browser and calls /cds-services from its own origin. Only the
 * configured origins get a grant; an EHR calling from its server sends no Origin and skips
 * the CORS work altogether (issue #15).
 */
import cors from 'cors';
import type { Express } from 'express';

/** Private Network Access, then CORS, on /cds-services; before authentication (preflights carry no token). */
export function allowBrowserClients(app: Express, corsOrigins: readonly string[]): void {
  const corsHeaders = cors({
    origin: [...corsOrigins],
    methods: ['GET', 'POST', 'OPTIONS'],
    // W3C Trace Context (traceparent, tracestate): a browser client that traces its calls
    // sends them, and a preflight refusing them fails the call. A fixed list, never the
    // requested headers reflected: a page may send only what is named here.
    allowedHeaders: ['Authorization', 'Content-Type', 'traceparent', 'tracestate'],
    // A browser client (the Sandbox) may read why its token was refused, and which methods a
    // path takes after a 405: neither header is CORS-safelisted (Fetch §3.2.6).
    exposedHeaders: ['WWW-Authenticate', 'Allow'],
    maxAge: 600,
  });
  // One handler on the path, not two: every layer express matches costs a service call a
  // little of its time (issue #15).
  app.use('/cds-services', (req, res, next) => {
    const origin = req.headers.origin;
    // An EHR calling from its server sends no Origin: CORS headers mean nothing to it, and
    // working them out cost about 3 % of a typical call (issue #15). Vary stays, for caches.
    if (origin === undefined && req.method !== 'OPTIONS') {
      res.vary('Origin');
      next();
      return;
    }
    // Chrome's Private Network Access: a public page (the CDS Hooks Sandbox) calling a
    // service on localhost sends this preflight header; an allowed origin gets the grant.
    if (
      req.method === 'OPTIONS' &&
      req.headers['access-control-request-private-network'] === 'true' &&
      origin &&
      corsOrigins.includes(origin)
    ) {
      res.setHeader('Access-Control-Allow-Private-Network', 'true');
    }
    corsHeaders(req, res, next);
  });
}
