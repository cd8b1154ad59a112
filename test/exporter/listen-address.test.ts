/** `--listen`: loopback by default, any other interface written out, clear errors. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LISTEN,
  formatAddress,
  isLoopback,
  parseListenAddress,
} from '../../source/commands/exporter/listen-address.js';

describe('--listen', () => {
  it.each([
    [DEFAULT_LISTEN, { host: '127.0.0.1', port: 9464 }],
    ['9100', { host: '127.0.0.1', port: 9100 }],
    ['0.0.0.0:9464', { host: '0.0.0.0', port: 9464 }],
    ['localhost:0', { host: 'localhost', port: 0 }],
    ['[::1]:9464', { host: '::1', port: 9464 }],
    ['metrics.internal:80', { host: 'metrics.internal', port: 80 }],
  ])('reads %s', (text, expected) => {
    expect(parseListenAddress(text)).toEqual(expected);
  });

  it.each([
    [':9464', '--listen needs a host before the port (127.0.0.1:9464 for loopback, 0.0.0.0:9464 for every interface)'],
    ['127.0.0.1', '--listen expects HOST:PORT, [IPv6]:PORT or PORT (default 127.0.0.1:9464), got "127.0.0.1"'],
    ['::1:9464', '--listen expects HOST:PORT, [IPv6]:PORT or PORT (default 127.0.0.1:9464), got "::1:9464"'],
    ['[nope]:9464', '--listen expects HOST:PORT, [IPv6]:PORT or PORT (default 127.0.0.1:9464), got "[nope]:9464"'],
    ['127.0.0.1:70000', '--listen: port 70000 is above 65535'],
  ])('refuses %s', (text, message) => {
    expect(() => parseListenAddress(text)).toThrow(message);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['10.0.0.5', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopback(host)).toBe(loopback);
  });

  it('brackets IPv6 addresses in URLs', () => {
    expect(formatAddress({ host: '::1', port: 9464 })).toBe('[::1]:9464');
    expect(formatAddress({ host: '127.0.0.1', port: 9464 })).toBe('127.0.0.1:9464');
  });
});
