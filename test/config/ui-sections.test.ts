import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../source/config/config-error.js';
import { parseConfigText } from '../../source/config/load-config.js';
import { openCommandHistory, commandHistoryPath } from '../../source/config/command-history.js';
import { applyKeyConfig, parseKeyName } from '../../source/ui/keymap-config.js';
import { resolveKey, footerHints } from '../../source/ui/keymap.js';
import { helpLines } from '../../source/ui/content/help-lines.js';
import { displayWidth } from '../../source/domain/text-width.js';

const SOURCES = 'sources:\n  - {name: a, type: mcrit, url: "http://h:8000"}\n';
const load = (text: string) => parseConfigText(`${text}${SOURCES}`, 'jobtop.yaml', {});
const problemsOf = (text: string) => {
  try {
    load(text);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('views:, columns:, triage: in the config', () => {
  it('reads named queries, a column list and triage thresholds', () => {
    const config = load(
      'views:\n  failed-etl: "state:failed type:ETL*"\n  slow: flag:slow\ncolumns: [state, source, id, error]\ntriage:\n  percentile: 0.95\n  minSamples: 10\n  starvedAfter: 2m\n',
    );
    expect(config.ui?.views).toEqual([
      { name: 'failed-etl', query: 'state:failed type:ETL*' },
      { name: 'slow', query: 'flag:slow' },
    ]);
    expect(config.ui?.columns).toEqual(['state', 'source', 'id', 'error']);
    expect(config.ui?.triage).toEqual({ percentile: 0.95, minSamples: 10, starvedAfterMs: 120_000 });
  });

  it.each<[string, string]>([
    ['views:\n  bad: "state:failed sate:x"\n', 'jobtop.yaml:2: views.bad: column 14: unknown field "sate"'],
    ['views: [a, b]\n', 'jobtop.yaml:1: views: expected a mapping of name: query'],
    ['columns: [state, bogus]\n', 'jobtop.yaml:1: columns: unknown column "bogus"'],
    ['columns: "state, state"\n', 'jobtop.yaml:1: columns: column "state" is listed twice'],
    ['triage:\n  percentile: 2\n', 'jobtop.yaml:2: triage.percentile: expected a fraction above 0 and at most 1'],
    ['triage:\n  slowness: 3\n', 'jobtop.yaml:2: triage.slowness: unknown key'],
    ['keys:\n  sources-open: []\n', 'jobtop.yaml:2: keys.sources-open: expected a key or a list of keys'],
  ])('reports %j as %j', (text, problem) => expect(problemsOf(text).join('\n')).toContain(problem));
});

describe('keys: applied to the key table', () => {
  const entry = (action: string, keys: string[], line = 3) => ({ action, keys, at: `jobtop.yaml:${line}` });

  it.each<[string, string | null]>([
    ['S', 'S'],
    ['C-o', 'ctrl-o'],
    ['ctrl-O', 'ctrl-o'],
    ['^o', 'ctrl-o'],
    ['Enter', 'enter'],
    ['Esc', 'escape'],
    ['PgDn', 'pagedown'],
    ['↓', 'down'],
    ['Space', 'space'],
    ['F13', null],
    ['', null],
  ])('reads the key %j as %j', (text, name) => expect(parseKeyName(text)).toBe(name));

  it('rebinds an action in every scope it has; the footer and help follow', () => {
    const { keymap, problems } = applyKeyConfig([entry('sources-open', ['ctrl-o']), entry('toggle-attention', ['A'])]);
    expect(problems).toEqual([]);
    expect(resolveKey(['list', 'global'], 'ctrl-o', keymap)?.command).toBe('sources-open');
    expect(resolveKey(['list', 'global'], 'S', keymap)).toBeUndefined();
    expect(footerHints(['list', 'global'], keymap).map((hint) => `${hint.keys} ${hint.label}`)).toEqual(
      expect.arrayContaining(['^O sources', 'A attention']),
    );
    const help = helpLines(['list', 'global'], keymap).map((line) =>
      line.segments.map((segment) => segment.text).join(''),
    );
    expect(help.some((line) => /^\s+\^O\s+the sources screen/.test(line))).toBe(true);
  });

  it.each<[ReturnType<typeof entry>[], string]>([
    [[entry('sorces-open', ['x'])], 'jobtop.yaml:3: keys.sorces-open: unknown action, did you mean sources-open?'],
    [[entry('quit', ['C-b'])], 'jobtop.yaml:3: keys.quit: ^B is taken by the tmux prefix; choose another key'],
    [[entry('quit', ['C-z'])], 'keys.quit: ^Z is taken by suspend (job control)'],
    [[entry('quit', ['C-s'])], 'XOFF'],
    [[entry('refresh', ['F5'])], 'keys.refresh: "F5" is not a key'],
    [
      [entry('toggle-attention', ['j'], 7)],
      'jobtop.yaml:7: keys.toggle-attention: j is bound twice in Job list: move-down and toggle-attention',
    ],
  ])('reports %j', (entries, problem) => expect(applyKeyConfig(entries).problems.join('\n')).toContain(problem));

  it('has no problems without keys:', () => expect(applyKeyConfig([]).problems).toEqual([]));
});

describe('help', () => {
  it('wraps descriptions at 80 columns and ends with a legend of marks', () => {
    const lines = helpLines(['list', 'global'], undefined, 200).map((line) =>
      line.segments.map((segment) => segment.text).join(''),
    );
    for (const line of lines) expect(displayWidth(line.trimEnd())).toBeLessThanOrEqual(80);
    const legend = lines.indexOf('Legend');
    expect(legend).toBeGreaterThan(0);
    for (const mark of ['◆', '!', 'N/M', 'showing X of Y', '41–60 of 256', '✖'])
      expect(lines.slice(legend).some((line) => line.includes(mark))).toBe(true);
  });
});

describe('command history file', () => {
  it('keeps lines across runs in the state directory, 0600', () => {
    const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'jobtop-state-')) };
    const first = openCommandHistory(env);
    expect(first.lines).toEqual([]);
    first.append('source ops');
    first.append('sort created\ndesc');
    expect(openCommandHistory(env).lines).toEqual(['source ops', 'sort created desc']);
    expect(statSync(commandHistoryPath(env)).mode & 0o777).toBe(0o600);
  });
});
