/**
 * The exporter's `--listen` address: `HOST:PORT`, `[IPv6]:PORT` or a bare `PORT` (loopback).
 * The default is loopback; any other interface has to be written out.
 */
import { isIP } from 'node:net';
import { UsageError } from '../command.js';

/** Where the exporter listens by default: loopback only. */
export const DEFAULT_LISTEN = '127.0.0.1:9464';

/** A parsed listen address. */
export interface ListenAddress {
  host: string;
  port: number;
}

/** Parses `--listen`; throws UsageError saying what is expected. */
export function parseListenAddress(text: string): ListenAddress {
  const expected = `--listen expects HOST:PORT, [IPv6]:PORT or PORT (default ${DEFAULT_LISTEN}), got "${text.slice(0, 100)}"`;
  let host: string;
  let portText: string;
  const bracketed = /^\[([0-9a-fA-F:.]+)\]:(\d{1,5})$/.exec(text);
  const plain = /^([^:[\]\s]*):(\d{1,5})$/.exec(text);
  if (/^\d{1,5}$/.test(text)) [host, portText] = ['127.0.0.1', text];
  else if (bracketed && isIP(bracketed[1]) === 6) [host, portText] = [bracketed[1], bracketed[2]];
  else if (plain && plain[1] !== '') [host, portText] = [plain[1], plain[2]];
  else if (plain)
    throw new UsageError(
      `--listen needs a host before the port (127.0.0.1:${plain[2]} for loopback, 0.0.0.0:${plain[2]} for every interface)`,
    );
  else throw new UsageError(expected);
  const port = Number(portText);
  if (port > 65535) throw new UsageError(`--listen: port ${port} is above 65535`);
  return { host, port };
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** `host:port` with IPv6 in brackets, for URLs and messages. */
export function formatAddress(address: ListenAddress): string {
  return `${isIP(address.host) === 6 ? `[${address.host}]` : address.host}:${address.port}`;
}
