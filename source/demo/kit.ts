/**
 * The small HTTP toolkit the demo servers share: a real node:http server on loopback,
 * a request log (method, path, query, headers, body) that tests assert on, a seeded random
 * source, and the shape every vendor simulator implements.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Vendor } from '../domain/job.js';

/** A request as a demo handler sees it. */
export interface DemoRequest {
  method: string;
  /** Path without the query string, percent-decoded per segment by the handler as needed. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What a demo handler answers. `json` is serialised; `text` is sent as is. */
export interface DemoResponse {
  status: number;
  json?: unknown;
  text?: string;
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
  close(): Promise<void>;
}

/** Most requests kept in the log before the oldest are dropped (long demo sessions). */
const REQUEST_LOG_LIMIT = 5000;

/** Starts a simulator on 127.0.0.1 (port 0 = ephemeral). `basePath` prefixes the reported url. */
export async function startDemoServer(simulator: VendorSimulator, options: { port?: number; host?: string; basePath?: string } = {}): Promise<RunningDemoServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://demo');
      const body = Buffer.concat(chunks).toString('utf8');
      const query: Record<string, string | string[]> = {};
      for (const key of new Set(url.searchParams.keys())) {
        const all = url.searchParams.getAll(key);
        query[key] = all.length === 1 ? all[0] : all;
      }
      requests.push({ method: req.method ?? 'GET', path: url.pathname, query, headers: req.headers, body, at: Date.now() });
      if (requests.length > REQUEST_LOG_LIMIT) requests.splice(0, requests.length - REQUEST_LOG_LIMIT);
      Promise.resolve()
        .then(() => simulator.handle({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body }))
        .then((response) => send(res, response))
        .catch((error: unknown) => send(res, { status: 500, json: { error: `demo server bug: ${String(error)}` } }));
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    simulator,
    url: `http://${options.host ?? '127.0.0.1'}:${port}${options.basePath ?? ''}`,
    port,
    requests,
    clearRequests: () => requests.splice(0, requests.length),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: import('node:http').ServerResponse, response: DemoResponse): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...response.headers };
  let payload = '';
  if (response.json !== undefined) {
    payload = JSON.stringify(response.json);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  } else if (response.text !== undefined) {
    payload = response.text;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  }
  res.writeHead(response.status, headers);
  res.end(response.status === 204 ? undefined : payload);
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
