/**
 * Test servers for transport tests: certificates from a CA generated with openssl, an HTTPS
 * front that forwards to a demo simulator, a recording forward proxy (CONNECT tunnels and
 * absolute-form requests), and a free port nobody listens on.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type Server,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';

/** Environment for a CLI child with no proxy variables from the machine running the tests (each test sets its own). */
export const NO_PROXY_ENV = {
  HTTP_PROXY: undefined,
  http_proxy: undefined,
  HTTPS_PROXY: undefined,
  https_proxy: undefined,
  NO_PROXY: undefined,
  no_proxy: undefined,
};

/** PEM files of a test CA and of server certificates it signed. */
export interface TestPki {
  dir: string;
  caFile: string;
  /** Issues a server key + certificate for these subjectAltNames (e.g. IP:127.0.0.1,DNS:localhost). */
  issue(name: string, altNames: string): { key: string; cert: string };
}

/** Creates a CA in `dir` with openssl (EC P-256, valid two days). */
export function createTestPki(dir: string): TestPki {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=jobtop test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    issue(name, altNames) {
      writeFileSync(
        join(dir, `${name}.ext`),
        `subjectAltName=${altNames}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n`,
      );
      run('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
      run(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        `${name}.pem`,
        '-days',
        '2',
        '-extfile',
        `${name}.ext`,
      );
      return {
        key: readFileSync(join(dir, `${name}.key`), 'utf8'),
        cert: readFileSync(join(dir, `${name}.pem`), 'utf8'),
      };
    },
  };
}

/** A listening server with its port and a close. */
export interface Listening {
  port: number;
  close(): Promise<void>;
}

async function listen(server: Server | ReturnType<typeof createTcpServer>, close: () => void): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        close();
        server.close(() => resolve());
      }),
  };
}

/** An HTTPS server with `credentials` that forwards every request to the plain-HTTP `target` origin. */
export function startTlsFront(target: string, credentials: { key: string; cert: string }): Promise<Listening> {
  const origin = new URL(target);
  const server = createHttpsServer(credentials, (req, res) => {
    const upstream = httpRequest(
      { host: origin.hostname, port: origin.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return listen(server, () => server.closeAllConnections());
}

/** What reached the proxy. */
export interface ProxiedRequest {
  /** CONNECT (a tunnel) or the method of an absolute-form request. */
  method: string;
  /** host:port of a tunnel, or the absolute URL. */
  target: string;
  headers: IncomingHttpHeaders;
}

/** A forward proxy that records what it is asked for, then tunnels or forwards it. */
export async function startRecordingProxy(): Promise<Listening & { requests: ProxiedRequest[] }> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createHttpServer((req, res) => {
    requests.push({ method: req.method ?? '', target: req.url ?? '', headers: req.headers });
    const url = new URL(req.url ?? '');
    const upstream = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: `${url.pathname}${url.search}`,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    requests.push({ method: 'CONNECT', target: req.url ?? '', headers: req.headers });
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
  });
  const listening = await listen(server, () => {
    for (const socket of sockets) socket.destroy();
    server.closeAllConnections();
  });
  return { ...listening, requests };
}

/** A TCP server that accepts connections and never says a word (for connect and request timeouts). */
export function startSilentServer(): Promise<Listening> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  return listen(server, () => {
    for (const socket of sockets) socket.destroy();
  });
}

/**
 * A TCP server that answers every request with a 200's headers and the start of its body, then
 * never sends the rest (for the whole-request timeout while a body is being read).
 */
export function startStallingServer(): Promise<Listening> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', () =>
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"data": ['),
    );
  });
  return listen(server, () => {
    for (const socket of sockets) socket.destroy();
  });
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  const { port, close } = await listen(server, () => undefined);
  await close();
  return port;
}
