/**
 * The compiled form of a `type: http-json` declaration: request paths and templates, JMESPath
 * expressions compiled once, the state-word table and the declared actions. Built by
 * compile-declaration.ts at config load; read by the source at every poll.
 */
import type { JobState } from '../../domain/job.js';
import type { ActionKind } from '../contract.js';
import type { Expression } from './expression.js';

/** The normalized fields a declaration can map, in the order docs/http-json.md lists them. */
export const DECLARED_FIELDS = [
  'id',
  'type',
  'state',
  'created',
  'started',
  'finished',
  'updated',
  'progress',
  'priority',
  'owner',
  'host',
  'error',
  'parent',
] as const;

/** One mappable field. */
export type DeclaredField = (typeof DECLARED_FIELDS)[number];

/** Fields every declaration must map. */
export const REQUIRED_FIELDS: readonly DeclaredField[] = ['id', 'type', 'state'];

/** The time fields, each of which may name its format (`createdFormat: epoch-s`). */
export const TIME_FIELDS = ['created', 'started', 'finished', 'updated'] as const;

/** A time field. */
export type TimeField = (typeof TIME_FIELDS)[number];

/** How a time value is read: `auto` detects ISO 8601 strings, epoch seconds and epoch milliseconds. */
export const TIME_FORMATS = ['auto', 'iso', 'epoch-s', 'epoch-ms'] as const;

/** A time format. */
export type TimeFormat = (typeof TIME_FORMATS)[number];

/** How the list is paged. */
export type Paging =
  | { kind: 'none' }
  | { kind: 'offset'; pageSize: number }
  | { kind: 'page'; start: number; pageSize: number }
  | { kind: 'cursor'; next: Expression; pageSize: number }
  | { kind: 'link'; pageSize: number };

/** The paging kinds a declaration may name. */
export const PAGING_KINDS = ['none', 'offset', 'page', 'cursor', 'link'] as const;

/** The placeholders list.query values may hold. */
export const QUERY_PLACEHOLDERS = ['limit', 'offset', 'page', 'cursor'] as const;

/** The list request and how to read it. */
export interface DeclaredList {
  path: string;
  /** Query values with {limit} {offset} {page} {cursor} placeholders. */
  query: Record<string, string>;
  /** The array of items in the body (null: the body is the array). */
  items: Expression | null;
  paging: Paging;
  total: Expression | null;
}

/** A declared mutating action. */
export interface DeclaredAction {
  kind: ActionKind;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path with {id}. */
  path: string;
  /** What the API really does, in the operator's words ("stops the job; it ends cancelled"). */
  means: string;
  /** The normalized states the action applies to (null: any job). */
  when: readonly JobState[] | null;
}

/** A compiled `http-json` declaration. */
export interface HttpJsonDeclaration {
  list: DeclaredList;
  fields: Partial<Record<DeclaredField, Expression>>;
  timeFormats: Record<TimeField, TimeFormat>;
  /** Vendor word → normalized state; words not here are `unknown`. */
  states: ReadonlyMap<string, JobState>;
  detail: { path: string; item: Expression | null; result: Expression | null } | null;
  messages: {
    path: string;
    items: Expression | null;
    fields: { text: Expression; time: Expression | null; level: Expression | null; origin: Expression | null };
  } | null;
  actions: Partial<Record<ActionKind, DeclaredAction>>;
}
