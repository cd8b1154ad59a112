/** The operations demo jobs run (`node.*`, `network.*`, `command.*`): weights, durations, failure rates, errors and results. */
import { pick } from '../kit.js';
import { between, integer, type Random } from './random-draws.js';

/** One kind of operation: how often it is submitted and how agents carry it out. */
export interface OperationKind {
  type: string;
  weight: number;
  durationMs: [number, number];
  failRate: number;
  mutates: boolean;
  unsupportedOn?: string[];
  errors: string[];
  data(random: Random): Record<string, unknown>;
  result(host: string, random: Random): unknown;
}

/** Errors any operation can end with. */
export const GENERIC_ERRORS = ['context deadline exceeded', 'permission denied', 'no space left on device'];

const loadAverage = (random: Random) => ({
  '1min': +between(random, 0, 4).toFixed(2),
  '5min': +between(random, 0, 3).toFixed(2),
  '15min': +between(random, 0, 2).toFixed(2),
});

const OPERATIONS: OperationKind[] = [
  {
    type: 'node.hostname.get',
    weight: 10,
    durationMs: [40, 400],
    failRate: 0.04,
    mutates: false,
    errors: GENERIC_ERRORS,
    data: () => ({}),
    result: (host) => ({ hostname: host }),
  },
  {
    type: 'node.status.get',
    weight: 8,
    durationMs: [200, 1500],
    failRate: 0.06,
    mutates: false,
    errors: GENERIC_ERRORS,
    data: () => ({}),
    result: (host, random) => ({
      hostname: host,
      uptime: `${integer(random, 1, 90)} days, ${integer(random, 0, 23)} hours`,
      load_average: loadAverage(random),
    }),
  },
  {
    type: 'node.disk.get',
    weight: 6,
    durationMs: [100, 900],
    failRate: 0.08,
    mutates: false,
    unsupportedOn: ['freebsd'],
    errors: GENERIC_ERRORS,
    data: () => ({}),
    result: (_host, random) => {
      const total = integer(random, 40, 500) * 1_073_741_824;
      const used = Math.floor(total * between(random, 0.2, 0.95));
      return [{ name: '/', total, used, free: total - used }];
    },
  },
  {
    type: 'node.memory.get',
    weight: 6,
    durationMs: [60, 500],
    failRate: 0.03,
    mutates: false,
    errors: GENERIC_ERRORS,
    data: () => ({}),
    result: (_host, random) => ({
      total: 16_777_216_000,
      free: integer(random, 1, 12) * 1_048_576_000,
      cached: integer(random, 1, 4) * 1_048_576_000,
    }),
  },
  {
    type: 'node.load.get',
    weight: 5,
    durationMs: [50, 400],
    failRate: 0.03,
    mutates: false,
    unsupportedOn: ['freebsd'],
    errors: GENERIC_ERRORS,
    data: () => ({}),
    result: (_host, random) => loadAverage(random),
  },
  {
    type: 'node.uptime.get',
    weight: 4,
    durationMs: [40, 300],
    failRate: 0.02,
    mutates: false,
    errors: GENERIC_ERRORS,
    data: () => ({}),
    result: (_host, random) => ({
      uptime: `${integer(random, 1, 200)} days, ${integer(random, 0, 23)} hours, ${integer(random, 0, 59)} minutes`,
    }),
  },
  {
    type: 'network.dns.get',
    weight: 5,
    durationMs: [80, 600],
    failRate: 0.04,
    mutates: false,
    errors: GENERIC_ERRORS,
    data: () => ({ interface_name: 'eth0' }),
    result: () => ({ servers: ['10.0.0.2', '1.1.1.1'], search_domains: ['corp.example'] }),
  },
  {
    type: 'network.dns.update',
    weight: 3,
    durationMs: [400, 3000],
    failRate: 0.2,
    mutates: true,
    unsupportedOn: ['freebsd'],
    errors: [
      'failed to set DNS servers: permission denied',
      'resolvectl: Failed to set DNS configuration: Unit dbus-org.freedesktop.resolve1.service not found.',
    ],
    data: (random) => ({
      servers: ['10.0.0.2', pick(random, ['1.1.1.1', '8.8.8.8', '9.9.9.9'])],
      search_domains: ['corp.example'],
      interface_name: 'eth0',
    }),
    result: () => ({}),
  },
  {
    type: 'network.ping.do',
    weight: 4,
    durationMs: [2000, 6000],
    failRate: 0.15,
    mutates: false,
    errors: ['ping: 100% packet loss to 10.0.4.12', 'context deadline exceeded'],
    data: (random) => ({ address: pick(random, ['10.0.4.12', '10.0.0.2', '8.8.8.8']) }),
    result: (_host, random) => ({
      packets_sent: 3,
      packets_received: 3,
      packet_loss: 0,
      min_rtt: `${between(random, 0.2, 0.5).toFixed(3)}ms`,
      avg_rtt: `${between(random, 0.5, 0.9).toFixed(3)}ms`,
      max_rtt: `${between(random, 0.9, 2).toFixed(3)}ms`,
    }),
  },
  {
    type: 'command.exec.do',
    weight: 7,
    durationMs: [3000, 180000],
    failRate: 0.2,
    mutates: true,
    errors: ['exit status 1', 'exit status 100', 'context deadline exceeded'],
    data: (random) =>
      pick(random, [
        { command: 'apt-get', args: ['update'] },
        { command: 'systemctl', args: ['restart', 'nginx'] },
        { command: 'journalctl', args: ['--vacuum-time=7d'] },
      ]),
    result: (_host, random) => ({
      stdout: 'Reading package lists... Done\n',
      stderr: '',
      exit_code: 0,
      duration_ms: integer(random, 1500, 90000),
    }),
  },
  {
    type: 'command.shell.do',
    weight: 4,
    durationMs: [500, 60000],
    failRate: 0.2,
    mutates: true,
    errors: ['exit status 1', 'exit status 2', 'context deadline exceeded'],
    data: (random) => ({
      command: pick(random, ['df -h /var', 'find /tmp -mtime +7 -delete', 'logrotate -f /etc/logrotate.conf']),
    }),
    result: (_host, random) => ({ stdout: '', stderr: '', exit_code: 0, duration_ms: integer(random, 300, 40000) }),
  },
];

/** A weighted draw of the next operation an operator submits. */
export function pickOperation(random: Random): OperationKind {
  const total = OPERATIONS.reduce((sum, operation) => sum + operation.weight, 0);
  let roll = random() * total;
  for (const operation of OPERATIONS) {
    roll -= operation.weight;
    if (roll < 0) return operation;
  }
  return OPERATIONS[0];
}

/** The known operation of a type, if any (retries and injected jobs carry arbitrary types). */
export function operationKind(type: string): OperationKind | undefined {
  return OPERATIONS.find((operation) => operation.type === type);
}
