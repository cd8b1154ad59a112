/** The simulator's ASP.NET-style answers: `{"message"}` bodies for refusals, misses and bad requests. */
import type { DemoRequest, DemoResponse } from '../kit.js';

/** A response whose body is `{"message": message}`, the shape of every Web API answer but the token's. */
export function reply(status: number, message: string): DemoResponse {
  return { status, json: { message } };
}

/** The 400 for a parameter the server does not accept (the vendor's docs give no body: our choice). */
export function invalidRequest(): DemoResponse {
  return reply(400, 'The request is invalid.');
}

/** The Web API's 404 for a path no route matches. */
export function noRoute(request: DemoRequest): DemoResponse {
  return reply(404, `No HTTP resource was found that matches the request URI '${request.path}'.`);
}

/** The Web API's 405 for a method the route does not take. */
export function notAllowed(request: DemoRequest): DemoResponse {
  return reply(405, `The requested resource does not support http method '${request.method}'.`);
}

/** Percent-decodes a path segment; a malformed one is kept as sent (and then matches nothing). */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
