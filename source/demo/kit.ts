/**
 * The small HTTP toolkit the demo servers share: a real node:http server on loopback,
 * a request log (method, path, query, headers, body) that tests assert on, a seeded random
 * source, the shape every vendor simulator implements, and the fault switch (faults.ts,
 * hostile-data.ts) every server carries: in process (setFault/setHostile), over HTTP
 * (`/__jobtop/fault`) or from the environment (JOBTOP_DEMO_FAULTS, JOBTOP_DEMO_HOSTILE).
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Vendor } from '../domain/job.js';
import {
  FAULT_DESCRIPTIONS,
  NO_FAULT,
  cannedFaultResponse,
  faultsFromEnv,
  parseFaultChange,
  streamOversize,
  trickle,
  truncateJson,
  type FaultChange,
  type FaultName,
  type FaultState,
} from './faults.js';
import { rewriteResponse, stripHostileIds } from './hostile-data.js';
import { joinBody, sendStreamed, type StreamedBody } from './streamed-body.js';

/** A request as a demo handler sees it. */
export interface DemoRequest {
  method: string;
  /** Path without the query string, percent-decoded per segment by the handler as needed. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What a demo handler answers. `json` is serialised; `text` is sent as is; `stream` is generated as it is sent (JSON). */
export interface DemoResponse {
  status: number;
  json?: unknown;
  text?: string;
  stream?: StreamedBody;
  headers?: Record<string, string>;
}

/** One request that reached a demo server, for tests ("the exact requests that reached each server"). */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** Options every vendor simulator takes. */
export interface SimulatorOptions {
  /** Clock (epoch ms); tests pass a fake one. */
  now?: () => number;
  /** Seed for the job generator, so runs are reproducible. */
  seed?: number;
  /** How many jobs exist at start. */
  jobCount?: number;
  /** Whether new jobs keep arriving on tick (default true). */
  arrivals?: boolean;
}

/** A vendor API simulator: pure request handling over in-memory state, advanced by tick(). */
export interface VendorSimulator {
  vendor: Vendor;
  handle(request: DemoRequest): DemoResponse | Promise<DemoResponse>;
  /** Moves jobs through their lifecycles up to `now`, adds arrivals. */
  tick(now: number): void;
  /** The config entry (type, url, credentials) that monitors this simulator at `url`. */
  sourceConfig(url: string, name: string): Record<string, unknown>;
}

/** A simulator listening on a real port. */
export interface RunningDemoServer {
  simulator: VendorSimulator;
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Forgets the recorded requests. */
  clearRequests(): void;
  /** The fault settings in force (faults.ts). */
  faults(): FaultState;
  /**
   * Switches a fault (null clears it), optionally with its parameters and an auto-clear after
   * `seconds`; resolves once it is in force (`refused`: the port is closed; clearing it: open again).
   */
  setFault(fault: FaultName | null, options?: Omit<FaultChange, 'fault' | 'port'>): Promise<FaultState>;
  /** Switches the hostile-data mode (hostile-data.ts). */
  setHostile(on: boolean): void;
  close(): Promise<void>;
}

/** Where every demo server answers fault-switch requests (never subject to a fault itself). */
export const FAULT_CONTROL_PATH = '/__jobtop/fault';

/** Most requests kept in the log before the oldest are dropped (long demo sessions). */
const REQUEST_LOG_LIMIT = 5000;

/** The running demo servers of this process by port, so one server's control endpoint can lift another's `refused`. */
const CONTROLS = new Map<number, (change: FaultChange) => Promise<FaultState>>();

/** Options of startDemoServer. */
export interface DemoServerOptions {
  port?: number;
  host?: string;
  /** Prefixes the reported url (Alteryx lives under /webapi). */
  basePath?: string;
  /** Initial fault settings; default: JOBTOP_DEMO_FAULTS / JOBTOP_DEMO_HOSTILE from `env`. */
  faults?: Partial<FaultState>;
  env?: NodeJS.ProcessEnv;
}

/** Starts a simulator on 127.0.0.1 (port 0 = ephemeral). `basePath` prefixes the reported url. */
export async function startDemoServer(
  simulator: VendorSimulator,
  options: DemoServerOptions = {},
): Promise<RunningDemoServer> {
  const requests: RecordedRequest[] = [];
  const host = options.host ?? '127.0.0.1';
  let state: FaultState = {
    ...NO_FAULT,
    ...faultsFromEnv(options.env ?? process.env, simulator.vendor),
    ...options.faults,
  };
  let clearTimer: ReturnType<typeof setTimeout> | undefined;
  let listening = false;
  let closed = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://demo');
      const body = Buffer.concat(chunks).toString('utf8');
      if (url.pathname === FAULT_CONTROL_PATH) return void control(req.method ?? 'GET', body, res);
      // why: hostile mode prefixes some job ids with escape sequences; requests for them reach the real job.
      const path = stripHostileIds(url.pathname);
      const query: Record<string, string | string[]> = {};
      for (const key of new Set(url.searchParams.keys())) {
        const all = url.searchParams.getAll(key);
        query[key] = all.length === 1 ? all[0] : all;
      }
      requests.push({ method: req.method ?? 'GET', path, query, headers: req.headers, body, at: Date.now() });
      if (requests.length > REQUEST_LOG_LIMIT) requests.splice(0, requests.length - REQUEST_LOG_LIMIT);
      const fault = { ...state };
      if (fault.fault === 'hang') return; // the socket stays open until the client gives up or the server closes
      if (fault.fault === 'refused') return void req.socket.destroy(); // a keep-alive socket that outlived the listener
      if (fault.fault === 'oversize') return streamOversize(res, fault.oversizeBytes);
      const canned = cannedFaultResponse(fault);
      if (canned) return send(res, canned, fault);
      Promise.resolve()
        .then(() =>
          simulator.handle({ method: req.method ?? 'GET', path, query: url.searchParams, headers: req.headers, body }),
        )
        .then((response) => send(res, rewriteResponse(simulator.vendor, path, response, fault), fault))
        .catch((error: unknown) =>
          send(res, { status: 500, json: { error: `demo server bug: ${String(error)}` } }, NO_FAULT),
        );
    });
  });
  server.keepAliveTimeout = 5000;

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        listening = true;
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      listening = false;
      server.close(() => resolve());
      server.closeAllConnections();
    });

  await listen(options.port ?? 0);
  const { port } = server.address() as AddressInfo;

  async function apply(change: FaultChange): Promise<FaultState> {
    if (closed) return state;
    const { seconds, port: _target, ...fields } = change;
    state = { ...state, ...fields };
    clearTimeout(clearTimer);
    if (seconds !== undefined && seconds > 0) {
      clearTimer = setTimeout(() => void apply({ fault: null }), seconds * 1000);
      clearTimer.unref();
    }
    if (state.fault === 'refused' && listening) await stopListening();
    else if (state.fault !== 'refused' && !listening) await listen(port);
    return state;
  }
  CONTROLS.set(port, apply);

  function control(method: string, body: string, res: ServerResponse): void {
    if (method === 'GET')
      return send(res, { status: 200, json: describeState(simulator.vendor, port, state) }, NO_FAULT);
    if (method !== 'POST')
      return send(
        res,
        { status: 405, json: { error: 'use GET to read the fault settings, POST to change them' } },
        NO_FAULT,
      );
    const parsed = parseFaultChange(body);
    if (!parsed.ok)
      return send(res, { status: 400, json: { error: parsed.error, faults: FAULT_DESCRIPTIONS } }, NO_FAULT);
    const target = parsed.change.port ?? port;
    const targetApply = CONTROLS.get(target);
    if (!targetApply)
      return send(
        res,
        { status: 404, json: { error: `no demo server of this process listens on port ${target}` } },
        NO_FAULT,
      );
    targetApply(parsed.change).then(
      (next) => send(res, { status: 200, json: { port: target, ...next } }, NO_FAULT),
      (error: unknown) => send(res, { status: 500, json: { error: String(error) } }, NO_FAULT),
    );
  }

  if (state.fault === 'refused') await stopListening();
  return {
    simulator,
    url: `http://${host}:${port}${options.basePath ?? ''}`,
    port,
    requests,
    clearRequests: () => requests.splice(0, requests.length),
    faults: () => ({ ...state }),
    setFault: (fault, change = {}) => apply({ ...change, fault }),
    setHostile(on) {
      state = { ...state, hostile: on };
    },
    async close() {
      closed = true;
      clearTimeout(clearTimer);
      CONTROLS.delete(port);
      if (listening) await stopListening();
    },
  };
}

function describeState(vendor: Vendor, port: number, state: FaultState): Record<string, unknown> {
  return { vendor, port, ...state, faults: FAULT_DESCRIPTIONS };
}

function send(res: ServerResponse, response: DemoResponse, state: FaultState): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...response.headers };
  let payload = '';
  if (response.stream !== undefined) {
    headers['content-type'] ??= 'application/json; charset=utf-8';
    const rewrites = state.fault === 'truncated' || state.fault === 'slow-body' || state.fault === 'reset';
    // why: the faults that cut or trickle a body need it whole; only then is a large body held, for one answer.
    if (!rewrites) return sendStreamed(res, response.status, headers, response.stream);
    payload = joinBody(response.stream);
  } else if (response.json !== undefined) {
    payload = JSON.stringify(response.json);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  } else if (response.text !== undefined) {
    payload = response.text;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  }
  if (response.status === 204) payload = '';
  if (state.fault === 'truncated' && payload !== '') payload = truncateJson(payload);
  if (state.fault === 'slow-body') return trickle(res, response.status, headers, payload, state.trickleMs);
  if (state.fault === 'reset' && payload.length > 1) {
    res.writeHead(response.status, { ...headers, 'content-length': String(Buffer.byteLength(payload)) });
    res.write(payload.slice(0, Math.floor(payload.length / 2)), () => res.socket?.destroy());
    return;
  }
  res.writeHead(response.status, headers);
  res.end(payload === '' ? undefined : payload);
}

/** A small seeded PRNG (mulberry32): the demo's jobs are the same for the same seed. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks one element with the given random source. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** A hex string of `length` characters (ObjectIds are 24). */
export function randomHex(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

/** A version-4-shaped UUID from the random source. */
export function randomUuid(random: () => number): string {
  const hex = randomHex(random, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(random() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Reads a bearer token from an Authorization header, or null. */
export function bearerToken(headers: IncomingHttpHeaders): string | null {
  const value = headers.authorization;
  return typeof value === 'string' && value.startsWith('Bearer ') ? value.slice(7) : null;
}

/** Reads an integer query parameter, or the fallback when absent or not an integer. */
export function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const value = query.get(name);
  if (value === null || !/^-?\d+$/.test(value.trim())) return fallback;
  return Number(value);
}
