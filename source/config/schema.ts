/**
 * The config file's schema as data: which keys exist globally, per source and per vendor,
 * what each expects, which hold secrets, their defaults and examples. Validation
 * (load-config.ts) and the starter config of `jobtop init` (starter-config.ts) both read
 * this table, so they cannot drift apart.
 */
import { SOURCE_TYPES, type SourceType, type Vendor } from '../domain/job.js';
import { DEFAULT_CONCURRENCY } from '../adapters/contract.js';

/** What a key's value must be. */
export type FieldKind =
  | 'string'
  | 'url'
  | 'file'
  | 'positive-integer'
  | 'duration'
  | 'boolean'
  | 'bytes'
  | 'labels'
  | 'string-list'
  /** `priorityMap`: the vendor's own values → a rank of the shared scale. */
  | 'priority-map'
  /** Header name → value (each value may use `${ENV}`); values that use the environment are redacted. */
  | 'headers'
  /** A nested part of a declared source (list, fields, states, …), validated by its type (http-json-entry.ts). */
  | 'declaration'
  | { oneOf: readonly string[] };

/** One allowed key. */
export interface FieldRule {
  kind: FieldKind;
  /** Holds a credential: never displayed, redacted everywhere; may come from `<key>Command`. */
  secret?: boolean;
  /** For a generated `<key>Command` rule: the secret key whose value the command prints. */
  commandFor?: string;
  description: string;
  /** The value used when nothing sets it, as written in the file. */
  default?: string;
  /** An example value for the starter config. */
  example?: string;
  /** Durations: the smallest value accepted, in ms. */
  minMs?: number;
  /** Lists: the most entries accepted. */
  maxItems?: number;
  /** Whole numbers: the largest accepted. */
  max?: number;
}

/** Settings allowed at the top level and again per source (a source's value wins). */
export const SHARED_FIELDS: Record<string, FieldRule> = {
  interval: {
    kind: 'duration',
    default: '2s',
    minMs: 500,
    description: 'poll interval (at least 500ms; 2s, 1m; a bare number is seconds)',
  },
  timeout: { kind: 'duration', default: '10s', description: 'whole-request timeout (connect, headers and body)' },
  connectTimeout: { kind: 'duration', default: '5s', description: 'TCP + TLS handshake timeout' },
  limit: { kind: 'positive-integer', default: '200', description: 'jobs fetched per poll and source, newest first' },
  concurrency: {
    kind: 'positive-integer',
    default: String(DEFAULT_CONCURRENCY),
    max: 32,
    description: "per-job requests a source runs at once: Alteryx's outcome look-ups, bulk actions (1 to 32)",
  },
  readonly: { kind: 'boolean', default: 'false', description: 'true: no actions, and no mutating request can leave' },
  maxBodySize: { kind: 'bytes', default: '4MB', description: 'largest response read; the rest is not read' },
  commandTimeout: {
    kind: 'duration',
    default: '30s',
    description: 'longest a credential command (tokenCommand, …) may run at start',
  },
  labels: {
    kind: 'labels',
    example: '{team: ops, env: prod}',
    description: 'free-form key: value labels shown with the source',
  },
};

/** Keys of the top-level `exporter:` mapping, read by `jobtop exporter` (docs/exporter.md). */
export const EXPORTER_FIELDS: Record<string, FieldRule> = {
  typeGroups: {
    kind: 'string-list',
    maxItems: 50,
    example: '[render, export]',
    description:
      'job types that keep their own type_group label in the metrics (at most 50); every other type counts as "other"',
  },
};

/** Keys every source has (name, type and url are required). */
export const SOURCE_FIELDS: Record<string, FieldRule> = {
  name: { kind: 'string', description: 'unique source name (job keys are name/id)' },
  type: {
    kind: { oneOf: SOURCE_TYPES },
    description: 'vendor, or http-json for any other JSON job API (docs/http-json.md)',
  },
  url: { kind: 'url', description: 'base URL of the API' },
  caFile: {
    kind: 'file',
    example: '/etc/ssl/company-ca.pem',
    description: 'PEM CA that signed the server certificate (instead of the system CAs)',
  },
  insecure: {
    kind: 'boolean',
    default: 'false',
    description: 'skip TLS verification (this source only; shown as a warning badge)',
  },
  priorityMap: {
    kind: 'priority-map',
    example: '{"6": low, Critical: urgent}',
    description:
      "the vendor's priority values → low, normal, high or urgent, overriding the default mapping (docs/vendors.md)",
  },
};

/** Keys of a `type: http-json` source: headers, a token for them, and the declaration (docs/http-json.md). */
export const HTTP_JSON_FIELDS: Record<string, FieldRule> = {
  headers: {
    kind: 'headers',
    example: '{Authorization: "Bearer {token}"}',
    description: 'headers sent with every request; values may use ${ENV} and {token} (both redacted)',
  },
  token: {
    kind: 'string',
    secret: true,
    description: 'the credential {token} stands for in headers (or tokenCommand)',
  },
  list: { kind: 'declaration', description: 'the list request: path, query, items, paging, total' },
  fields: { kind: 'declaration', description: 'JMESPath per normalized field: id, type and state required' },
  states: { kind: 'declaration', description: 'normalized state: [vendor words]; other words are unknown' },
  detail: { kind: 'declaration', description: 'optional per-job request: path with {id}, item, result' },
  messages: {
    kind: 'declaration',
    description: 'optional per-job log request: path, items, fields (text, time, level, origin)',
  },
  actions: { kind: 'declaration', description: 'optional cancel/delete/retry: method, path, means, when' },
};

/** Keys specific to each vendor (and declared type). */
export const VENDOR_FIELDS: Record<SourceType, Record<string, FieldRule>> = {
  vectorcharts: {
    token: { kind: 'string', secret: true, description: 'Portal API token (or username + password)' },
    username: {
      kind: 'string',
      example: 'jobtop',
      description: 'Portal user for a session login (re-login once on 401)',
    },
    password: { kind: 'string', secret: true, description: 'Portal password' },
  },
  osapi: {
    token: {
      kind: 'string',
      secret: true,
      description: 'Bearer JWT with job:read (job:write for delete/retry); check shows its expiry',
    },
    pathPrefix: {
      kind: 'string',
      default: '/api',
      description: 'path prefix: /api (current servers) or "" (before April 2026)',
    },
  },
  vectara: {
    apiKey: { kind: 'string', secret: true, description: 'x-api-key (Personal API key)' },
    apiVersion: {
      kind: { oneOf: ['v2', 'v1'] },
      default: 'v2',
      description: 'v2, or the retired v1 list-jobs (needs customerId)',
    },
    customerId: { kind: 'string', example: '1234567890', description: 'customer-id header (v1 only)' },
    clientId: { kind: 'string', example: 'jobtop-app', description: 'OAuth2 client id (instead of apiKey)' },
    clientSecret: { kind: 'string', secret: true, description: 'OAuth2 client secret' },
    tokenUrl: {
      kind: 'url',
      example: 'https://auth.vectara.io/oauth2/token',
      description: "OAuth2 token endpoint (default: Vectara's for api.vectara.io, else <url>/oauth2/token)",
    },
  },
  mcrit: {
    apiToken: { kind: 'string', secret: true, description: 'apitoken header, only when the server sets AUTH_TOKEN' },
  },
  alteryx: {
    clientId: {
      kind: 'string',
      example: 'api-access-key',
      description: 'API access key from your Alteryx profile (OAuth2 client id)',
    },
    clientSecret: {
      kind: 'string',
      secret: true,
      description: 'API access secret (tokens are renewed before expiry and once on 401)',
    },
  },
  'http-json': HTTP_JSON_FIELDS,
};

/** Keys each vendor requires beyond name/type/url, as alternatives: one group must be complete. */
export const REQUIRED_CREDENTIALS: Record<SourceType, readonly (readonly string[])[]> = {
  vectorcharts: [['token'], ['username', 'password']],
  osapi: [['token']],
  vectara: [['apiKey'], ['clientId', 'clientSecret']],
  mcrit: [[]],
  alteryx: [['clientId', 'clientSecret']],
  'http-json': [[]],
};

/** How each vendor appears in the starter config: an example name, url and one line on its auth. */
export const VENDOR_EXAMPLES: Record<Vendor, { name: string; url: string; auth: string }> = {
  vectorcharts: {
    name: 'charts',
    url: 'https://charts.example.com:9909',
    auth: 'an API token, or username + password (a session login, repeated once on 401)',
  },
  osapi: {
    name: 'ops',
    url: 'https://osapi.example.com:8080',
    auth: 'a Bearer JWT (`osapi token generate`); jobtop check warns a week before it expires',
  },
  vectara: {
    name: 'search',
    url: 'https://api.vectara.io',
    auth: 'v2: x-api-key, or OAuth2 clientId + clientSecret; v1: customerId + apiKey',
  },
  mcrit: { name: 'malware', url: 'http://mcrit.internal:8000', auth: 'apiToken only when the server sets AUTH_TOKEN' },
  alteryx: {
    name: 'analytics',
    url: 'https://alteryx.example.com/webapi',
    auth: 'OAuth2 client credentials: the API key and secret from your profile',
  },
};

/** The key that names a command printing `secretKey` (`token` → `tokenCommand`). */
export function commandKeyOf(secretKey: string): string {
  return `${secretKey}Command`;
}

/** A vendor's secret keys, in schema order. */
export function secretKeysOf(vendor: SourceType): string[] {
  return Object.entries(VENDOR_FIELDS[vendor])
    .filter(([, rule]) => rule.secret)
    .map(([key]) => key);
}

/** The `<key>Command` rules of a vendor: each secret may come from a command run once at start. */
export function commandFieldsOf(vendor: SourceType): Record<string, FieldRule> {
  return Object.fromEntries(
    secretKeysOf(vendor).map((key) => [
      commandKeyOf(key),
      {
        kind: 'string',
        commandFor: key,
        description: `shell command printing the ${key} (run once at start; first line of stdout)`,
      } satisfies FieldRule,
    ]),
  );
}

/** Every key a source of `vendor` may have. */
export function sourceRulesOf(vendor: SourceType): Record<string, FieldRule> {
  return { ...SOURCE_FIELDS, ...SHARED_FIELDS, ...VENDOR_FIELDS[vendor], ...commandFieldsOf(vendor) };
}

/** Every key any source may have, whatever its vendor. */
export function anySourceKeys(): Set<string> {
  const vendors = Object.keys(VENDOR_FIELDS) as SourceType[];
  return new Set(vendors.flatMap((vendor) => Object.keys(sourceRulesOf(vendor))));
}
