/**
 * A real HTTP server on 127.0.0.1 that answers each request with whatever the test says —
 * for error shapes and odd behaviour the simulators don't play. Built on the demo kit's
 * server, so requests are read and recorded the same way everywhere.
 */
import { startDemoServer, type DemoRequest, type DemoResponse, type RunningDemoServer } from '../../source/demo/kit.js';

/** A canned answer: a JSON value or a raw body, with its status and content type. */
export interface StubAnswer {
  status: number;
  json?: unknown;
  text?: string;
  /** Default application/json, also for raw `text` bodies (truncated JSON and the like). */
  contentType?: string;
  /** Further response headers (Link, Retry-After, …). */
  headers?: Record<string, string>;
}

/** Starts a stub server; `reply` sees each request (path, query, headers, body) and answers. */
export function startStubServer(
  reply: (request: DemoRequest) => StubAnswer | Promise<StubAnswer>,
): Promise<RunningDemoServer> {
  return startDemoServer({
    vendor: 'osapi', // unused: a stub speaks whatever the test makes it speak
    tick() {},
    sourceConfig: () => ({}),
    async handle(request): Promise<DemoResponse> {
      const answer = await reply(request);
      const headers = { 'content-type': answer.contentType ?? 'application/json', ...answer.headers };
      return answer.json !== undefined
        ? { status: answer.status, json: answer.json, headers }
        : { status: answer.status, text: answer.text ?? '', headers };
    },
  });
}

/** The request's path with its query string, as the client sent it. */
export function pathWithQuery(request: DemoRequest): string {
  const query = request.query.toString();
  return query ? `${request.path}?${query}` : request.path;
}
