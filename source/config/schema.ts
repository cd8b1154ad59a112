/**
 * The config file's schema as data: which keys exist globally, per source and per vendor,
 * what each expects, and which hold secrets. Validation and `jobtop init` read this table.
 */
import type { Vendor } from '../domain/job.js';

/** What a key's value must be. */
export type FieldKind = 'string' | 'url' | 'positive-integer' | 'duration' | 'boolean' | 'bytes' | 'labels' | { oneOf: readonly string[] };

/** One allowed key. */
export interface FieldRule {
  kind: FieldKind;
  /** Holds a credential: never displayed, redacted everywhere. */
  secret?: boolean;
  description: string;
}

/** Settings allowed at the top level and again per source (a source's value wins). */
export const SHARED_FIELDS: Record<string, FieldRule> = {
  interval: { kind: 'duration', description: 'poll interval (e.g. 2s, 500ms, 1m; a bare number is seconds)' },
  timeout: { kind: 'duration', description: 'whole-request timeout' },
  connectTimeout: { kind: 'duration', description: 'TCP/TLS connect timeout' },
  limit: { kind: 'positive-integer', description: 'jobs fetched per poll, newest first' },
  readonly: { kind: 'boolean', description: 'hide actions and refuse every mutating request' },
  maxBodySize: { kind: 'bytes', description: 'largest response read (e.g. 4MB); the rest is not read' },
  labels: { kind: 'labels', description: 'free-form key: value labels shown with the source' },
};

/** Keys every source has. */
export const SOURCE_FIELDS: Record<string, FieldRule> = {
  name: { kind: 'string', description: 'unique source name (used in job keys: name/id)' },
  type: { kind: { oneOf: ['vectorcharts', 'osapi', 'vectara', 'mcrit', 'alteryx'] }, description: 'vendor' },
  url: { kind: 'url', description: 'base URL of the API' },
  caFile: { kind: 'string', description: 'PEM file with the CA that signed the server certificate' },
  insecure: { kind: 'boolean', description: 'skip TLS verification (shown as a warning badge)' },
};

/** Keys specific to each vendor. */
export const VENDOR_FIELDS: Record<Vendor, Record<string, FieldRule>> = {
  vectorcharts: {
    token: { kind: 'string', secret: true, description: 'Portal API token (or use username/password)' },
    username: { kind: 'string', description: 'Portal user for a session login' },
    password: { kind: 'string', secret: true, description: 'Portal password' },
  },
  osapi: {
    token: { kind: 'string', secret: true, description: 'Bearer JWT with job:read (job:write for delete/retry)' },
    pathPrefix: { kind: 'string', description: 'path prefix: /api (current servers) or "" (before April 2026)' },
  },
  vectara: {
    apiKey: { kind: 'string', secret: true, description: 'x-api-key (Personal API key)' },
    apiVersion: { kind: { oneOf: ['v2', 'v1'] }, description: 'v2 (default) or the retired v1 list-jobs' },
    customerId: { kind: 'string', description: 'customer-id header (v1 only)' },
    clientId: { kind: 'string', description: 'OAuth2 client id (instead of apiKey)' },
    clientSecret: { kind: 'string', secret: true, description: 'OAuth2 client secret' },
    tokenUrl: { kind: 'url', description: 'OAuth2 token endpoint' },
  },
  mcrit: {
    apiToken: { kind: 'string', secret: true, description: 'apitoken header, when the server sets AUTH_TOKEN' },
  },
  alteryx: {
    clientId: { kind: 'string', description: 'API access key (OAuth2 client id)' },
    clientSecret: { kind: 'string', secret: true, description: 'API access secret' },
  },
};

/** Keys each vendor requires beyond name/type/url, as alternatives: one group must be complete. */
export const REQUIRED_CREDENTIALS: Record<Vendor, readonly (readonly string[])[]> = {
  vectorcharts: [['token'], ['username', 'password']],
  osapi: [['token']],
  vectara: [['apiKey'], ['clientId', 'clientSecret']],
  mcrit: [[]],
  alteryx: [['clientId', 'clientSecret']],
};
