/**
 * `check` output: an aligned table with one row per source, then per source its token note,
 * failure (hint first, then the error) and warnings; or one JSON document. Every
 * server-controlled string is sanitized for the terminal; JSON keeps it exact (but redacted).
 */
import { countOf } from '../../domain/format.js';
import { sanitizeInline } from '../../domain/sanitize.js';
import { displayWidth, fitToWidth } from '../../domain/text-width.js';
import type { CheckResult, StepStatus } from './check-probe.js';
import { toTerminalSafeJson } from '../shared/terminal-safe-json.js';

/** The whole report. */
export interface CheckReport {
  /** Config file, or null for the demo fleet. */
  config: string | null;
  results: CheckResult[];
  /** Config-level warnings (file permissions). */
  warnings: string[];
}

const STEP_TEXT: Record<StepStatus, string> = { ok: 'ok', failed: 'FAIL', skipped: '-', 'n/a': 'http' };

/** The report as text for a terminal or a log. */
export function renderCheckText(report: CheckReport): string {
  const header = ['SOURCE', 'TYPE', 'RESULT', 'REACHABLE', 'TLS', 'AUTH', 'JOBS', 'TIME', 'CAPABILITIES'];
  const rows = report.results.map((result) => [
    sanitizeInline(result.name, 40),
    result.type,
    result.ok ? 'ok' : result.incomplete && !result.error ? 'DEGRADED' : 'FAILED',
    STEP_TEXT[result.reachable],
    STEP_TEXT[result.tls],
    STEP_TEXT[result.authenticated],
    result.jobs === null
      ? '-'
      : result.total !== null && result.total !== result.jobs
        ? `${result.jobs}/${result.total}`
        : String(result.jobs),
    `${result.elapsedMs}ms`,
    capabilitiesText(result),
  ]);
  const widths = header.map((title, index) =>
    Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[index]))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => fitToWidth(cell, widths[index], index === 6 || index === 7 ? 'right' : 'left'))
      .join('  ')
      .trimEnd();
  const out = [line(header), ...rows.map(line), ''];
  for (const result of report.results) {
    const name = sanitizeInline(result.name, 40);
    if (result.proxy) out.push(`${name}: via proxy ${result.proxy}`);
    if (result.tokenNote) out.push(`${name}: ${result.tokenNote}`);
    if (result.error) {
      out.push(`${name}: FAILED: ${sanitizeInline(result.hint ?? result.error.short, 300)}`);
      out.push(`  ${sanitizeInline(result.error.message, 500)}`);
    }
    if (result.incomplete)
      out.push(
        `${name}: degraded: ${countOf(result.incomplete.jobs, 'job')} with an unknown outcome (${sanitizeInline(result.incomplete.reason, 300)})`,
      );
    for (const warning of result.warnings) out.push(`${name}: warning: ${sanitizeInline(warning, 300)}`);
    if (result.firstItem) out.push(...firstItemLines(name, result.firstItem));
  }
  for (const warning of report.warnings) out.push(`warning: ${sanitizeInline(warning, 500)}`);
  const passed = report.results.filter((result) => result.ok).length;
  if (out[out.length - 1] !== '') out.push('');
  const total = report.results.length;
  out.push(
    passed === total ? `All ${countOf(total, 'source')} passed.` : `${passed} of ${countOf(total, 'source')} passed.`,
  );
  return `${out.join('\n')}\n`;
}

/** The report as one JSON document. */
export function renderCheckJson(report: CheckReport): string {
  const body = {
    ok: report.results.every((result) => result.ok),
    config: report.config,
    sources: report.results.map((result) => ({
      name: result.name,
      type: result.type,
      url: result.url,
      ok: result.ok,
      reachable: result.reachable,
      tls: result.tls,
      authenticated: result.authenticated,
      jobs: result.jobs,
      total: result.total,
      incomplete: result.incomplete,
      requests: result.requests,
      elapsedMs: result.elapsedMs,
      capabilities: result.capabilities,
      actions: result.actions,
      readonly: result.readonly,
      insecure: result.insecure,
      proxy: result.proxy,
      tokenExpiresAt: result.tokenExpiresAt === null ? null : new Date(result.tokenExpiresAt).toISOString(),
      error: result.error,
      hint: result.hint,
      warnings: result.warnings,
      ...(result.firstItem ? { firstItem: result.firstItem } : {}),
    })),
    warnings: report.warnings,
  };
  return `${toTerminalSafeJson(body)}\n`;
}

/** The first item's declared fields, aligned: `field  expression  → value  (reads as …)`. */
function firstItemLines(name: string, item: NonNullable<CheckResult['firstItem']>): string[] {
  const lines = [`${name}: first item ${sanitizeInline(item.key, 200)}, field by field:`];
  const fieldWidth = Math.max(...item.fields.map((field) => field.field.length));
  const expressionWidth = Math.min(
    50,
    Math.max(...item.fields.map((field) => displayWidth(sanitizeInline(field.expression, 50)))),
  );
  for (const field of item.fields) {
    const value = field.error
      ? `error: ${field.error}`
      : field.value === null
        ? 'nothing (did not resolve)'
        : JSON.stringify(field.value);
    const reads =
      field.reads !== null && field.reads !== JSON.stringify(field.value) && field.reads !== field.value
        ? `  (reads as ${field.reads})`
        : '';
    lines.push(
      `  ${field.field.padEnd(fieldWidth)}  ${fitToWidth(sanitizeInline(field.expression, 50), expressionWidth)}  → ${sanitizeInline(value, 120)}${sanitizeInline(reads, 80)}`,
    );
  }
  return lines;
}

function capabilitiesText(result: CheckResult): string {
  const actions = result.readonly ? 'read-only' : result.actions.length > 0 ? result.actions.join(' ') : 'no actions';
  return `${result.capabilities.join(' ')}; ${actions}`;
}
