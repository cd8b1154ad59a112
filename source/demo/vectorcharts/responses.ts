/** The Portal's error replies and lenient JSON body parsing. */
import type { DemoResponse } from '../kit.js';

/** An error reply in the Portal's shape: `{"error": message}`. */
export function fail(status: number, message: string): DemoResponse {
  return { status, json: { error: message } };
}

/** The parsed body, null for an empty one, undefined when it is not JSON. */
export function parseJson(body: string): unknown {
  if (body.trim() === '') return null;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
