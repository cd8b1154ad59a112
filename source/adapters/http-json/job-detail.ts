/**
 * A declared job's detail: the detail endpoint's record (or the listed job when none is
 * declared) with messages from the messages endpoint and the declared result.
 */
import type { Job, JobDetail, JobMessage, MessageLevel } from '../../domain/job.js';
import { asArray } from '../read-fields.js';
import type { HttpJsonDeclaration } from './declaration.js';
import { evaluate, type Expression } from './expression.js';
import { readText, readTime } from './field-values.js';

/** A job and its declared extras as a JobDetail (no steps: a declaration has none). */
export function toJobDetail(job: Job, result: unknown, messages: JobMessage[] | null): JobDetail {
  return { ...job, steps: null, messages, result, outputs: null };
}

/** Reads a value with an optional expression (null expression: the value itself). */
export function select(expression: Expression | null, value: unknown): unknown {
  if (!expression) return value;
  const result = evaluate(expression, value);
  return result.ok ? result.value : null;
}

/** The messages of a messages-endpoint body, by the declared fields. */
export function readMessages(body: unknown, messages: NonNullable<HttpJsonDeclaration['messages']>): JobMessage[] {
  const items = asArray(select(messages.items, body));
  return items.map((item) => ({
    timestamp: messages.fields.time ? readTime(select(messages.fields.time, item), 'auto') : null,
    level: readLevel(messages.fields.level ? select(messages.fields.level, item) : null),
    text: readText(select(messages.fields.text, item)) ?? '',
    origin: messages.fields.origin ? readText(select(messages.fields.origin, item)) : null,
  }));
}

const LEVEL_WORDS: Record<string, MessageLevel> = {
  debug: 'debug',
  trace: 'debug',
  info: 'info',
  notice: 'info',
  warn: 'warning',
  warning: 'warning',
  error: 'error',
  err: 'error',
  fatal: 'error',
  critical: 'error',
};

/** A log level word (any case) → a message level; anything else is info. */
export function readLevel(value: unknown): MessageLevel {
  return typeof value === 'string' ? (LEVEL_WORDS[value.toLowerCase()] ?? 'info') : 'info';
}
