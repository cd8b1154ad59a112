/**
 * `check` output: an aligned table with one row per source, then per source its token note,
 * failure (hint first, then the error) and warnings; or one JSON document. Every
 * server-controlled string is sanitized for the terminal; JSON keeps it exact (but redacted).
 */
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
    result.ok ? 'ok' : 'FAILED',
    STEP_TEXT[result.reachable],
    STEP_TEXT[result.tls],
    STEP_TEXT[result.authenticated],
    result.jobs === null ? '-' : result.total !== null && result.total !== result.jobs ? `${result.jobs}/${result.total}` : String(result.jobs),
    `${result.elapsedMs}ms`,
    capabilitiesText(result),
  ]);
  const widths = header.map((title, index) => Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[index]))));
  const line = (cells: string[]) => cells.map((cell, index) => fitToWidth(cell, widths[index], index === 6 || index === 7 ? 'right' : 'left')).join('  ').trimEnd();
  const out = [line(header), ...rows.map(line), ''];
  for (const result of report.results) {
    const name = sanitizeInline(result.name, 40);
    if (result.proxy) out.push(`${name}: via proxy ${result.proxy}`);
    if (result.tokenNote) out.push(`${name}: ${result.tokenNote}`);
    if (result.error) {
      out.push(`${name}: FAILED: ${sanitizeInline(result.hint ?? result.error.short, 300)}`);
      out.push(`  ${sanitizeInline(result.error.message, 500)}`);
    }
    for (const warning of result.warnings) out.push(`${name}: warning: ${sanitizeInline(warning, 300)}`);
  }
  for (const warning of report.warnings) out.push(`warning: ${sanitizeInline(warning, 500)}`);
  const passed = report.results.filter((result) => result.ok).length;
  if (out[out.length - 1] !== '') out.push('');
  out.push(passed === report.results.length ? `All ${passed} sources passed.` : `${passed} of ${report.results.length} sources passed.`);
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
    })),
    warnings: report.warnings,
  };
  return `${toTerminalSafeJson(body)}\n`;
}

function capabilitiesText(result: CheckResult): string {
  const actions = result.readonly ? 'read-only' : result.actions.length > 0 ? result.actions.join(' ') : 'no actions';
  return `${result.capabilities.join(' ')}; ${actions}`;
}
