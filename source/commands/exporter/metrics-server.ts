/**
 * The exporter's HTTP side (node:http): `GET /metrics` renders the registry, `GET /healthz`
 * says the exporter is serving. A request only reads what the store already holds.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { formatAddress, type ListenAddress } from './listen-address.js';

/** A listening metrics server. */
export interface MetricsServer {
  /** The address really bound (port 0 becomes the chosen port). */
  address: ListenAddress;
  /** `http://host:port`. */
  url: string;
  /** Stops accepting, ends idle keep-alive sockets, resolves when closed. */
  close(): Promise<void>;
}

/** What /healthz reports beyond "serving". */
export type HealthLine = () => string;

/** Starts serving on `listen`; rejects with the system's reason (EADDRINUSE, EACCES, EADDRNOTAVAIL). */
export async function startMetricsServer(
  registry: Registry,
  listen: ListenAddress,
  health: HealthLine,
): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    handle(registry, health, request, response).catch((error: unknown) =>
      send(response, 500, `metrics could not be rendered: ${String(error)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  const address = { host: listen.host, port: bound.port };
  return {
    address,
    url: `http://${formatAddress(address)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  registry: Registry,
  health: HealthLine,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://exporter').pathname;
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return send(response, 405, 'only GET and HEAD are served\n', { allow: 'GET, HEAD' });
  if (path === '/metrics')
    return send(response, 200, await registry.metrics(), { 'content-type': registry.contentType });
  if (path === '/healthz') return send(response, 200, `ok: ${health()}\n`);
  if (path === '/') return send(response, 200, 'jobtop exporter: metrics at /metrics, health at /healthz\n');
  return send(response, 404, 'no such page (try /metrics or /healthz)\n');
}

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (response.headersSent) return void response.destroy();
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}
