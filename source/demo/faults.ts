/**
 * The demo fleet's fault switch (docs/faults.md): what each injectable fault is, how it is switched
 * (the `/__jobtop/fault` control endpoint, the JOBTOP_DEMO_FAULTS / JOBTOP_DEMO_HOSTILE
 * variables, or RunningDemoServer.setFault in tests) and the response bodies and rewrites the
 * faults need, and the slow and oversized body writers. kit.ts wires them into every server
 * (refused, hang and reset are socket-level and live there); the body-rewriting modes (vanish,
 * drift, hostile) are in hostile-data.ts.
 */
import type { ServerResponse } from 'node:http';
import { VENDORS, type Vendor } from '../domain/job.js';
import type { DemoResponse } from './kit.js';
import { poisonErrorText } from './hostile-data.js';

/** Every fault a demo server can play, one at a time. */
export const FAULT_NAMES = [
  'refused',
  'hang',
  'slow-body',
  'reset',
  '401',
  '403',
  '404',
  '429',
  '500',
  '502',
  '503',
  'html',
  'empty',
  'truncated',
  'wrong-shape',
  'oversize',
  'vanish',
  'drift',
] as const;

/** One injectable fault. */
export type FaultName = (typeof FAULT_NAMES)[number];

/** What each fault does, for the control endpoint and the README. */
export const FAULT_DESCRIPTIONS: Record<FaultName, string> = {
  refused: 'stops listening: connections are refused',
  hang: 'accepts the request and never answers',
  'slow-body': 'sends headers, then the body a few bytes at a time',
  reset: 'sends half the body, then closes the connection',
  '401': '401 with a JSON error',
  '403': '403 with a JSON error',
  '404': '404 with a JSON error',
  '429': '429 with Retry-After',
  '500': '500 with a JSON error',
  '502': '502 with an nginx HTML page',
  '503': '503 with a plain-text proxy message',
  html: '200 with an HTML login page',
  empty: '200 with an empty body',
  truncated: '200 with the real JSON cut in half',
  'wrong-shape': '200 with valid JSON of the wrong shape',
  oversize: '200 with a valid JSON body of 8 MiB',
  vanish: 'list responses hold no jobs (and zero totals)',
  drift: 'schema drift: an unknown state, missing fields and mistyped fields in the first jobs of each list',
};

/** A server's fault settings. */
export interface FaultState {
  fault: FaultName | null;
  /** Hostile data in job fields and error bodies (independent of `fault`). */
  hostile: boolean;
  /** Retry-After of the 429 fault, in seconds. */
  retryAfterSeconds: number;
  /** Pause between the slow body's chunks, in ms. */
  trickleMs: number;
  /** Size of the oversize fault's body, in bytes. */
  oversizeBytes: number;
}

/** The settings of a server with no fault. */
export const NO_FAULT: FaultState = {
  fault: null,
  hostile: false,
  retryAfterSeconds: 30,
  trickleMs: 250,
  oversizeBytes: 8 * 1024 * 1024,
};

/** A change asked of a server: the fields to set, and an optional auto-clear after `seconds`. */
export interface FaultChange extends Partial<FaultState> {
  seconds?: number;
  /** Another demo server of the same process to apply this to (to lift `refused`, whose own endpoint is down). */
  port?: number;
}

/** Type guard for a fault name. */
export function isFaultName(value: unknown): value is FaultName {
  return typeof value === 'string' && (FAULT_NAMES as readonly string[]).includes(value);
}

/**
 * Reads the start-up switches: JOBTOP_DEMO_FAULTS (`osapi=429,mcrit=hang`, or a bare fault for
 * every vendor) and JOBTOP_DEMO_HOSTILE (`1` for every vendor, or a list of vendors).
 */
export function faultsFromEnv(env: NodeJS.ProcessEnv, vendor: Vendor): Partial<FaultState> {
  const out: Partial<FaultState> = {};
  for (const entry of (env.JOBTOP_DEMO_FAULTS ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [target, name] = entry.includes('=') ? entry.split('=', 2).map((part) => part.trim()) : ['*', entry];
    if (target !== '*' && !(VENDORS as readonly string[]).includes(target))
      throw new Error(`JOBTOP_DEMO_FAULTS: unknown vendor "${target}" in "${entry}" (vendors: ${VENDORS.join(', ')})`);
    if (!isFaultName(name))
      throw new Error(`JOBTOP_DEMO_FAULTS: unknown fault "${name}" in "${entry}" (faults: ${FAULT_NAMES.join(', ')})`);
    if (target === '*' || target === vendor) out.fault = name;
  }
  const hostile = (env.JOBTOP_DEMO_HOSTILE ?? '').trim().toLowerCase();
  if (['1', 'true', 'yes', 'all', '*'].includes(hostile)) out.hostile = true;
  else if (hostile !== '' && !['0', 'false', 'no'].includes(hostile))
    out.hostile = hostile
      .split(',')
      .map((item) => item.trim())
      .includes(vendor);
  return out;
}

/** Parses a control request body (`{"fault": "429", "hostile": true, "seconds": 30}`); errors name the field. */
export function parseFaultChange(text: string): { ok: true; change: FaultChange } | { ok: false; error: string } {
  let body: unknown;
  try {
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return { ok: false, error: 'the body must be JSON, e.g. {"fault": "429"}' };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return { ok: false, error: 'the body must be a JSON object' };
  const record = body as Record<string, unknown>;
  const change: FaultChange = {};
  for (const key of Object.keys(record)) {
    if (!['fault', 'hostile', 'retryAfterSeconds', 'trickleMs', 'oversizeBytes', 'seconds', 'port'].includes(key))
      return { ok: false, error: `unknown field "${key}"` };
  }
  if ('fault' in record) {
    if (record.fault !== null && record.fault !== 'none' && !isFaultName(record.fault))
      return { ok: false, error: `fault: expected null or one of ${FAULT_NAMES.join(', ')}` };
    change.fault = record.fault === 'none' ? null : record.fault;
  }
  if ('hostile' in record) {
    if (typeof record.hostile !== 'boolean') return { ok: false, error: 'hostile: expected true or false' };
    change.hostile = record.hostile;
  }
  for (const key of ['retryAfterSeconds', 'trickleMs', 'oversizeBytes', 'seconds', 'port'] as const) {
    if (!(key in record)) continue;
    const value = record[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      return { ok: false, error: `${key}: expected a number ≥ 0` };
    change[key] = value;
  }
  return { ok: true, change };
}

/** The nginx page a 502 comes with. */
const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n';

/** The single-sign-on page a misrouted proxy answers with, status 200. */
export const LOGIN_PAGE_HTML =
  '<!DOCTYPE html>\n<html><head><title>Sign in · Corporate SSO</title></head>\n<body><form method="post" action="/sso/login"><input name="username"><input name="password" type="password"><button>Sign in</button></form></body></html>\n';

/** The response of a fault that answers without consulting the simulator, or null for the others. */
export function cannedFaultResponse(state: FaultState): DemoResponse | null {
  const error = (text: string) => (state.hostile ? poisonErrorText(text) : text);
  switch (state.fault) {
    case '401':
      return {
        status: 401,
        json: { error: error('invalid or expired token') },
        headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      };
    case '403':
      return { status: 403, json: { error: error('forbidden: the token lacks the jobs:read scope') } };
    case '404':
      return { status: 404, json: { message: error('Not Found') } };
    case '429':
      return {
        status: 429,
        json: { error: error('rate limit exceeded') },
        headers: { 'retry-after': String(state.retryAfterSeconds) },
      };
    case '500':
      return { status: 500, json: { error: error('internal server error: database is locked') } };
    case '502':
      return { status: 502, text: NGINX_502, headers: { 'content-type': 'text/html' } };
    case '503':
      return {
        status: 503,
        text: error('upstream connect error or disconnect/reset before headers. reset reason: overflow'),
        headers: { 'content-type': 'text/plain' },
      };
    case 'html':
      return { status: 200, text: LOGIN_PAGE_HTML, headers: { 'content-type': 'text/html; charset=utf-8' } };
    case 'empty':
      return { status: 200, text: '', headers: { 'content-type': 'application/json' } };
    case 'wrong-shape':
      // why: every vendor's list key is present but mistyped, so no adapter finds its array by luck.
      return { status: 200, json: { result: 'ok', jobs: { count: 3 }, items: 'none', data: 42, job: null, token: [] } };
    default:
      return null;
  }
}

/** The real JSON cut to half its length: a strict prefix of an object or array is never valid JSON. */
export function truncateJson(payload: string): string {
  return payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
}

/** Headers at once, then the body 16 characters per `everyMs`: each chunk arrives well within an idle timeout. */
export function trickle(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  payload: string,
  everyMs: number,
): void {
  res.writeHead(status, headers);
  let offset = 0;
  const timer = setInterval(
    () => {
      if (res.destroyed) return clearInterval(timer);
      if (offset >= payload.length) {
        clearInterval(timer);
        return void res.end();
      }
      res.write(payload.slice(offset, (offset += 16)));
    },
    Math.max(1, everyMs),
  );
  res.on('close', () => clearInterval(timer));
}

/** A valid JSON body of `bytes` bytes, streamed with backpressure (the client is expected to stop reading). */
export function streamOversize(res: ServerResponse, bytes: number): void {
  const head = '{"padding":"';
  const tail = '","jobs":[]}';
  const block = 'x'.repeat(64 * 1024);
  let remaining = Math.max(0, bytes - head.length - tail.length);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write(head);
  const pump = (): void => {
    while (remaining > 0) {
      if (res.destroyed) return;
      const size = Math.min(block.length, remaining);
      remaining -= size;
      if (!res.write(size === block.length ? block : block.slice(0, size))) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end(tail);
  };
  pump();
}
