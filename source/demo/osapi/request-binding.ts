/**
 * Request binding and validation as the controller does it: Echo/oapi-codegen binding (before auth,
 * `{"message"}` 400s) and go-playground validation (after auth, `{"error":"Key: '…' Error:…"}` 400s).
 */
import type { DemoResponse } from '../kit.js';
import { isValidTarget } from './agent-hosts.js';
import { echoError } from './http-responses.js';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIST_STATUSES = new Set(['submitted', 'processing', 'completed', 'failed', 'partial_failure']);

/** oapi-codegen's UUID path binding: the canonical id, or Echo's 400. */
export function bindJobId(rawId: string): { id: string } | { response: DemoResponse } {
  let value = rawId;
  try {
    value = decodeURIComponent(rawId);
  } catch {
    // keep the raw text: Echo reports what it got
  }
  if (value === '')
    return {
      response: echoError(400, "Invalid format for parameter id: parameter 'id' is empty, can't bind its value"),
    };
  if (UUID_PATTERN.test(value)) return { id: value.toLowerCase() };
  const reason = [32, 36, 38, 45].includes(value.length)
    ? 'invalid UUID format'
    : `invalid UUID length: ${value.length}`;
  return {
    response: echoError(
      400,
      `Invalid format for parameter id: error unmarshaling '${value}' text as *uuid.UUID: ${reason}`,
    ),
  };
}

/** Echo query binding of an optional integer (runs before auth). */
export function bindInteger(
  query: URLSearchParams,
  name: string,
): { value: number | undefined } | { response: DemoResponse } {
  const raw = query.get(name);
  if (raw === null) return { value: undefined };
  if (/^[+-]?\d+$/.test(raw) && Math.abs(Number(raw)) <= Number.MAX_SAFE_INTEGER) return { value: Number(raw) };
  return {
    response: echoError(
      400,
      `Invalid format for parameter ${name}: error binding string parameter: strconv.ParseInt: parsing "${raw}": invalid syntax`,
    ),
  };
}

/** Validation of the list's query (`GetApiJobParams`, or `GetJobsParams` without the prefix): the 400 text, or null. */
export function listParamsProblem(
  paramsStruct: string,
  status: string | null,
  limit: number | undefined,
  offset: number | undefined,
): string | null {
  const field = (name: string, tag: string) =>
    `Key: '${paramsStruct}.${name}' Error:Field validation for '${name}' failed on the '${tag}' tag`;
  const problems: string[] = [];
  if (status !== null && !LIST_STATUSES.has(status)) problems.push(field('Status', 'oneof'));
  if (limit !== undefined && limit < 1) problems.push(field('Limit', 'min'));
  if (limit !== undefined && limit > 100) problems.push(field('Limit', 'max'));
  if (offset !== undefined && offset < 0) problems.push(field('Offset', 'min'));
  return problems.length > 0 ? problems.join('; ') : null;
}

/** Echo body binding of `RetryJobRequest` (before auth): the optional `target_hostname`, or Echo's 400. */
export function parseRetryBody(body: string): { target: string | undefined } | { response: DemoResponse } {
  if (body.trim() === '') return { target: undefined };
  try {
    const parsed = JSON.parse(body) as { target_hostname?: unknown };
    return {
      target:
        parsed && typeof parsed === 'object' && typeof parsed.target_hostname === 'string'
          ? parsed.target_hostname
          : undefined,
    };
  } catch (error) {
    return { response: echoError(400, `Syntax error: offset=1, error=${(error as Error).message}`) };
  }
}

/** Validation of `RetryJobRequest.TargetHostname` (`min=1`, `valid_target`): the 400 text, or null. */
export function retryTargetProblem(target: string | undefined): string | null {
  if (target === undefined || (target !== '' && isValidTarget(target))) return null;
  const tag = target === '' ? "'min' tag" : `'valid_target' tag: target agent "${target}" not found`;
  return `Key: 'RetryJobRequest.TargetHostname' Error:Field validation for 'TargetHostname' failed on the ${tag}`;
}
