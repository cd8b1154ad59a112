/** MCRIT's response bodies: its `{"status", "data"}` envelope and the errors Falcon answers with. */
import type { DemoResponse } from '../kit.js';

/** Falcon's 401 body when no `apitoken` header is given. */
export const FALCON_TOKEN_MISSING = {
  title: 'API token required',
  description: 'Please provide an auth token as part of the request.',
};
/** Falcon's 401 body when the `apitoken` header is wrong. */
export const FALCON_TOKEN_INVALID = {
  title: 'Authentication required',
  description: 'The provided API token is not valid. Please request a new token and try again.',
};
/** Falcon's answer to an uncaught exception. */
export const FALCON_500: DemoResponse = { status: 500, json: { title: '500 Internal Server Error' } };
/** Falcon's answer to an unknown route. */
export const FALCON_404: DemoResponse = { status: 404, json: { title: '404 Not Found' } };
/** Falcon's answer to a path that cannot be percent-decoded. */
export const FALCON_400: DemoResponse = { status: 400, json: { title: '400 Bad Request' } };
/** MCRIT's wrapped 400 for a malformed job id. */
export const INVALID_JOB_ID: DemoResponse = {
  status: 400,
  json: { status: 'failed', data: { message: 'Valid JobIDs are hexstrings with 24 characters.' } },
};
/** MCRIT's wrapped 400 for a malformed result id. */
export const INVALID_RESULT_ID: DemoResponse = {
  status: 400,
  json: { status: 'failed', data: { message: 'Valid ResultIDs are hexstrings with 24 characters.' } },
};

/** A successful MCRIT answer: `{"status": "successful", "data": …}`. */
export function ok(data: unknown): DemoResponse {
  return { status: 200, json: { status: 'successful', data } };
}

/** Falcon's 405 with its `Allow` header. */
export function methodNotAllowed(allow: string): DemoResponse {
  return { status: 405, json: { title: '405 Method Not Allowed' }, headers: { allow } };
}
