/** The controller's response shapes: Echo's JSON encoding, its two error bodies, and the embedded web UI page. */
import type { DemoResponse } from '../kit.js';

/** Echo writes JSON with json.Encoder: a trailing newline. */
export function goJson(status: number, body: unknown): DemoResponse {
  return { status, text: `${JSON.stringify(body)}\n`, headers: { 'content-type': 'application/json' } };
}

/** The handlers' and middleware's error shape: `{"error": …}`. */
export const errorBody = (status: number, error: string) => goJson(status, { error });

/** Echo's own error shape (routing, binding): `{"message": …}`. */
export const echoError = (status: number, message: string) => goJson(status, { message });

/** The 404 of a job id the KV bucket no longer (or never) held. */
export const jobNotFound = (id: string) => errorBody(404, `job not found: ${id}`);

/** What `GET` on a non-API path answers when the `/api` prefix leaves room for the embedded web UI. */
export function uiPage(): DemoResponse {
  return { status: 200, text: UI_PAGE, headers: { 'content-type': 'text/html; charset=utf-8' } };
}

const UI_PAGE =
  '<!doctype html>\n<html lang="en"><head><meta charset="UTF-8" /><title>OSAPI</title></head><body><div id="root"></div></body></html>\n';
