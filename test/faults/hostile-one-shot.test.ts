/**
 * Hostile data through the one-shot output: `jobtop list` against the demo fleet in hostile
 * mode prints only inert text in an aligned table, while `--json` keeps every string exactly
 * as the server sent it (JSON-escaped) — also in error bodies.
 */
import { describe, expect, it } from 'vitest';
import { PLACEHOLDERS } from '../../source/domain/sanitize.js';
import { displayWidth } from '../../source/domain/text-width.js';
import { HOSTILE_ID_PREFIX, HOSTILE_PAYLOADS } from '../../source/demo/hostile-data.js';
import { runCli } from '../helpers/run-cli.js';

/** Anything a terminal would act on: C0 (but newline), DEL, C1, bidi controls, invisible characters. */
const TERMINAL_ACTIVE = /[\x00-\x09\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff\u00ad]/u;

/** The line's graphemes with the terminal cell each starts at. */
function cells(line: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  let at = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(line)) {
    out.push({ start: at, text: segment });
    at += displayWidth(segment);
  }
  return out;
}

describe('hostile data in one-shot output', () => {
  it('jobtop list prints an aligned table of inert text', async () => {
    const result = await runCli(['--demo', 'list'], { JOBTOP_DEMO_HOSTILE: '1' });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(TERMINAL_ACTIVE);
    // The hostile strings were there, made visible rather than obeyed.
    expect(result.stdout).toContain(PLACEHOLDERS.bidi);
    expect(result.stdout).toContain(PLACEHOLDERS.hidden);
    expect(result.stdout).toContain('作业数据');
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    const starts = ['SOURCE', 'TYPE', 'ID', 'PRIO', 'PROG', 'CREATED'].map((title) =>
      displayWidth(header.slice(0, header.indexOf(title))),
    );
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      const laid = cells(row);
      for (const start of starts) {
        // Every column begins exactly at its header's cell, after the two-space gutter.
        expect(
          laid.some((cell) => cell.start === start),
          `${JSON.stringify(row)} has a cell at ${start}`,
        ).toBe(true);
        expect(
          laid
            .filter((cell) => cell.start === start - 2 || cell.start === start - 1)
            .map((cell) => cell.text)
            .join(''),
          JSON.stringify(row),
        ).toBe('  ');
      }
    }
    expect(rows.some((row) => row.includes('demo-osapi'))).toBe(true);
  });

  it('jobtop list --json keeps the exact strings, JSON-escaped', async () => {
    const result = await runCli(['--demo', 'list', '--json'], { JOBTOP_DEMO_HOSTILE: '1' });
    expect(result.code).toBe(0);
    // JSON escapes every control character, so the document itself is inert…
    expect(result.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f]/);
    // …and parsing it gives back what the servers sent.
    const body = JSON.parse(result.stdout) as { jobs: Record<string, unknown>[] };
    const strings = body.jobs.flatMap((job) =>
      ['type', 'owner', 'host', 'error']
        .map((field) => job[field])
        .filter((value): value is string => typeof value === 'string'),
    );
    for (const [name, payload] of Object.entries(HOSTILE_PAYLOADS))
      expect(
        strings.some((text) => text.startsWith(payload)),
        name,
      ).toBe(true);
    expect(body.jobs.some((job) => String(job.id).startsWith(HOSTILE_ID_PREFIX))).toBe(true);
  });

  it('a hostile error body is sanitized on stderr and exact in --json', async () => {
    const env = { JOBTOP_DEMO_HOSTILE: '1', JOBTOP_DEMO_FAULTS: 'vectara=500' };
    const table = await runCli(['--demo', 'list'], env);
    expect(table.code).toBe(2);
    expect(table.stderr).toMatch(
      /^jobtop: demo-vectara: 500 server error: .*internal server error: database is locked/,
    );
    expect(table.stderr).not.toMatch(TERMINAL_ACTIVE);
    const json = await runCli(['--demo', 'list', '--json'], env);
    const body = JSON.parse(json.stdout) as { sources: { name: string; error: string | null }[] };
    expect(body.sources.find((source) => source.name === 'demo-vectara')?.error).toContain(
      `${HOSTILE_PAYLOADS.titleBel}${HOSTILE_PAYLOADS.clearScreen}internal server error`,
    );
  });
});
