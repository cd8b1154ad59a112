/**
 * The demo servers' body-rewriting modes (docs/faults.md). Hostile data: the strings a compromised or
 * careless server could send, planted in the fields jobtop renders — names, types, hosts, users,
 * log lines, messages, error bodies, result values and (reversibly) job ids; jobtop must show all
 * of it as inert text. Schema drift: unknown states, missing and mistyped fields. Vanish: list
 * responses that suddenly hold no jobs. Each rewrites a copy of the simulator's real answer.
 */
import type { Vendor } from '../domain/job.js';
import type { FaultName, FaultState } from './faults.js';
import type { DemoResponse } from './kit.js';

/** Every hostile payload, by what it tries to do; tests look for these exact bytes in the terminal output. */
export const HOSTILE_PAYLOADS = {
  /** OSC 0: set the window title (BEL-terminated). */
  titleBel: '\x1b]0;PWNED-TITLE\x07',
  /** OSC 2: set the window title (ST-terminated). */
  titleSt: '\x1b]2;PWNED-TITLE\x1b\\',
  /** OSC 52: write "rm -rf ~" to the clipboard. */
  clipboard: '\x1b]52;c;cm0gLXJmIH4=\x07',
  /** CSI 2J / 3J: clear the screen and the scrollback, home the cursor. */
  clearScreen: '\x1b[2J\x1b[3J\x1b[H',
  /** Absolute and relative cursor moves, erase line, save/restore cursor. */
  cursorMoves: '\x1b[5;5H\x1b[3A\x1b[2K\x1b7\x1b8',
  /** SGR: conceal the rest of the line, then red bold. */
  hiddenText: '\x1b[8mhidden\x1b[31;1m',
  /** DCS DECRQSS and a title report request: make the terminal type an answer into jobtop's input. */
  answerback: '\x1bP$qm\x1b\\\x1b[21t',
  /** C0 controls and DEL: bell, backspace, carriage return, NUL, VT, FF. */
  c0: 'a\x07b\x08c\rd\x00e\x0bf\x0cg\x7f',
  /** C1 controls as code points: NEL, RI, DCS, OSC, ST. */
  c1: '\u0085\u008d\u0090x\u009d0;C1-TITLE\u009c',
  /** The 8-bit CSI: clear screen and red. */
  csi8bit: '\u009b2J\u009b31m',
  /** Bidi overrides and isolates ("Trojan Source"). */
  bidi: '\u202Eexe.txt\u202C\u2066\u2067\u2069',
  /** Zero-width and invisible characters that make different names look alike. */
  zeroWidth: 'pro\u200Bd\u200D\u2060\u00AD\uFEFF',
  /** Wide CJK characters and emoji (two cells each). */
  wide: '作业数据处理🚀🚀',
  /** Stacked combining marks (zero cells each). */
  combining: 'Z\u0351\u0352\u0353a\u0308\u0308\u0308',
  /** A fake table row smuggled in with line breaks. */
  newlines: 'ok\n✔ succeeded  fake-row\r\n',
  /** A very long string (10,000 characters). */
  huge: `huge-${'H'.repeat(10_000)}`,
} as const;

/** The payloads in a fixed order, for the deterministic choice below. */
const PAYLOADS: readonly string[] = Object.values(HOSTILE_PAYLOADS);

/**
 * Put in front of some job ids. Reversible: the demo server strips it from incoming paths, so
 * detail requests and actions on a hostile-id job still reach the real job.
 */
export const HOSTILE_ID_PREFIX = '\x1b]0;ID-TITLE\x07\x1b[2J';

/**
 * The keys whose string values (anywhere in a response) are poisoned, per vendor: what each
 * vendor's jobs show as type, host, user, log line, message, step, error, output or priority.
 * Ids, states and timestamps stay intact so the data keeps meaning something.
 */
export const HOSTILE_KEYS: Record<Vendor, readonly string[]> = {
  vectorcharts: ['jobType', 'message', 'stepName', 'error', 'cellName', 'uploadId'],
  osapi: ['type', 'hostname', 'error', 'message', 'uptime', 'command', 'stdout', 'stderr'],
  vectara: ['type', 'created_by_username', 'corpus_keys'],
  mcrit: ['method', 'locked_by', 'last_error', 'family', 'filename', 'parameters'],
  alteryx: ['workflowName', 'submittedBy', 'priority', 'text', 'fileName'],
};

/** A small stable hash, so the same value always gets the same payload (no flapping rows). */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The hostile version of one string: a payload chosen by the value, then the original text. */
export function poisonString(value: string, salt = ''): string {
  return `${PAYLOADS[hash(salt + value) % PAYLOADS.length]}${value}`;
}

/** Whether this job id gets the hostile prefix (about one in four, decided by the id itself). */
export function poisonsId(id: string): boolean {
  return hash(id) % 4 === 0;
}

/** The keys holding job ids (and references to them) per vendor; MCRIT's ObjectIds are `{"$oid": …}`. */
const ID_KEYS: Record<Vendor, readonly string[]> = {
  vectorcharts: ['id', 'jobId', 'parentJobId'],
  osapi: ['id'],
  vectara: ['id'],
  mcrit: ['$oid'],
  alteryx: ['jobId', 'id'],
};

/**
 * Poisons, in place, every string under the vendor's hostile keys anywhere in `body`, and puts
 * HOSTILE_ID_PREFIX in front of about one id in four. `body` must be the demo server's own copy.
 */
export function poisonBody(vendor: Vendor, body: unknown): void {
  const keys = new Set(HOSTILE_KEYS[vendor]);
  const idKeys = new Set(ID_KEYS[vendor]);
  // why: the salt is the enclosing record's id, so each job gets its own payloads and keeps them from poll to poll.
  const visit = (value: unknown, depth: number, salt: string): void => {
    if (depth > 12 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1, salt);
      return;
    }
    const record = value as Record<string, unknown>;
    const id = [...idKeys].map((key) => record[key]).find((candidate) => typeof candidate === 'string');
    const here = typeof id === 'string' ? id : salt;
    for (const [key, child] of Object.entries(record)) {
      if (idKeys.has(key) && typeof child === 'string' && poisonsId(child)) record[key] = HOSTILE_ID_PREFIX + child;
      else if (keys.has(key) && typeof child === 'string') record[key] = poisonString(child, here + key);
      else if (keys.has(key) && Array.isArray(child))
        record[key] = (child as unknown[]).map((item) =>
          typeof item === 'string' ? poisonString(item, here + key) : item,
        );
      else visit(child, depth + 1, here);
    }
  };
  visit(body, 0, '');
}

/** Login and token endpoints: never poisoned, or the session token itself would be. */
export function isAuthPath(path: string): boolean {
  return /\/(auth|login|oauth2?|token)(\/|$)/i.test(path);
}

/** The text of an error body in hostile mode: the server's message with a title change and a screen clear in it. */
export function poisonErrorText(text: string): string {
  return `${HOSTILE_PAYLOADS.titleBel}${HOSTILE_PAYLOADS.clearScreen}${text}${HOSTILE_PAYLOADS.csi8bit}`;
}

/** Removes the hostile id prefix from each segment of a request path (percent-encoded or not). */
export function stripHostileIds(path: string): string {
  if (!path.includes(encodeURIComponent(HOSTILE_ID_PREFIX)) && !path.includes(HOSTILE_ID_PREFIX)) return path;
  return path
    .split('/')
    .map((segment) => {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return segment;
      }
      return decoded.startsWith(HOSTILE_ID_PREFIX)
        ? encodeURIComponent(decoded.slice(HOSTILE_ID_PREFIX.length))
        : segment;
    })
    .join('/');
}

/** The keys under which the five vendors' list responses carry their job records. */
const LIST_KEYS = ['jobs', 'items', 'data', 'job'] as const;

/** The job-record array of a list response, or null when the body is not a list response. */
export function listRecords(body: unknown): Record<string, unknown>[] | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  for (const key of LIST_KEYS) {
    const value = (body as Record<string, unknown>)[key];
    if (
      Array.isArray(value) &&
      value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))
    )
      return value as Record<string, unknown>[];
  }
  return null;
}

/** The native state each vendor's first drifted job reports (MCRIT derives its state, so it is `unknown`). */
export const DRIFTED_NATIVE_STATES: Record<Vendor, string> = {
  vectorcharts: 'paused_by_operator',
  osapi: 'quarantined',
  vectara: 'paused',
  mcrit: 'unknown',
  alteryx: 'Suspended',
};

type Drift = (record: Record<string, unknown>) => void;

/**
 * Schema drift per vendor, applied to the first three records of every list page:
 * [0] an unknown state, [1] missing type and creation time, [2] mistyped fields (creation time included).
 */
const DRIFTS: Record<Vendor, readonly [Drift, Drift, Drift]> = {
  vectorcharts: [
    (r) => {
      r.jobState = DRIFTED_NATIVE_STATES.vectorcharts;
    },
    (r) => {
      delete r.jobType;
      delete r.createdAt;
    },
    (r) => {
      Object.assign(r, {
        createdAt: { epoch: 'soon' },
        percentComplete: 'about half',
        priority: { level: 'high' },
        logs: 'see server',
        steps: { count: 2 },
      });
    },
  ],
  osapi: [
    (r) => {
      r.status = DRIFTED_NATIVE_STATES.osapi;
    },
    (r) => {
      delete r.operation;
      delete r.created;
    },
    (r) => {
      Object.assign(r, {
        created: { at: 'now' },
        hostname: ['web-01', 'web-02'],
        updated_at: true,
        error: { code: 7 },
      });
    },
  ],
  vectara: [
    (r) => {
      r.state = DRIFTED_NATIVE_STATES.vectara;
    },
    (r) => {
      delete r.type;
      delete r.created_at;
    },
    (r) => {
      Object.assign(r, {
        created_at: ['2026'],
        created_by_username: { name: 'ingest-bot' },
        corpus_keys: 'support-articles',
      });
    },
  ],
  mcrit: [
    (r) => {
      // why: locked but never started, neither finished nor terminated: mongoqueue's derivation has no name for it.
      Object.assign(r, {
        started_at: null,
        finished_at: null,
        terminated: false,
        attempts_left: 3,
        locked_by: 'Worker-drift',
        status: 'paused',
      });
    },
    (r) => {
      delete r.payload;
      delete r.created_at;
    },
    (r) => {
      Object.assign(r, { created_at: true, progress: 'half', priority: 'high', required_by: 'none' });
    },
  ],
  alteryx: [
    (r) => {
      r.status = DRIFTED_NATIVE_STATES.alteryx;
    },
    (r) => {
      delete r.workflowName;
      delete r.workflowId;
      delete r.queueTime;
    },
    (r) => {
      Object.assign(r, { queueTime: { date: 42 }, priority: { level: 1 }, startTime: 'soon', executionTime: 7 });
    },
  ],
};

/** Applies `vanish` or `drift` to a JSON body in place (the caller passes its own copy). */
export function rewriteBody(vendor: Vendor, path: string, body: unknown, fault: FaultName | null): void {
  if (fault !== 'vanish' && fault !== 'drift') return;
  // why: a VectorCharts server from before pagination lists its jobs as a bare array (no other answer is one).
  const bareList = vendor === 'vectorcharts' && Array.isArray(body) ? (body as Record<string, unknown>[]) : null;
  const records = listRecords(body) ?? bareList;
  if (fault === 'drift') {
    records?.slice(0, 3).forEach((record, index) => DRIFTS[vendor][index](record));
    return;
  }
  const record = body as Record<string, unknown>;
  if (/\/jobs\/stats$/.test(path) && record && typeof record === 'object') record.data = {};
  if (!records) return;
  records.splice(0, records.length);
  const pagination = record.pagination as Record<string, unknown> | undefined;
  if (pagination && typeof pagination === 'object')
    Object.assign(
      pagination,
      'totalItems' in pagination ? { totalItems: 0, totalPages: 0, hasNextPage: false } : { total: 0 },
    );
  if ('total_items' in record) record.total_items = 0;
  const counts = record.status_counts;
  if (counts && typeof counts === 'object')
    for (const key of Object.keys(counts)) (counts as Record<string, number>)[key] = 0;
}

/** Applies the body-rewriting modes (vanish, drift, hostile) to a copy of a simulator's JSON answer (object or JSON text). */
export function rewriteResponse(vendor: Vendor, path: string, response: DemoResponse, state: FaultState): DemoResponse {
  if (!state.hostile && state.fault !== 'vanish' && state.fault !== 'drift') return response;
  const isJsonText =
    response.json === undefined &&
    response.text !== undefined &&
    /json/i.test(response.headers?.['content-type'] ?? '');
  if (response.json === undefined && !isJsonText) return response;
  let json: unknown;
  try {
    // why: simulators may answer with their live records; the rewrite must never change their state.
    json = isJsonText ? JSON.parse(response.text!) : structuredClone(response.json);
  } catch {
    return response;
  }
  rewriteBody(vendor, path, json, state.fault);
  if (state.hostile && !isAuthPath(path)) poisonBody(vendor, json);
  // why: OSAPI answers with Go's encoder output (a trailing newline); keep the text form it chose.
  return isJsonText
    ? { ...response, text: `${JSON.stringify(json)}${response.text!.endsWith('\n') ? '\n' : ''}` }
    : { ...response, json };
}
