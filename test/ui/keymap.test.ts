import { describe, expect, it } from 'vitest';
import {
  activeBindings,
  bindingKeysLabel,
  footerHints,
  KEYMAP,
  renderKeyTableMarkdown,
  resolveKey,
  SCOPES,
  type Scope,
} from '../../source/ui/keymap.js';
import { keyLabel } from '../../source/ui/keys.js';
import { helpLines } from '../../source/ui/content/help-lines.js';

const scopes = Object.keys(SCOPES) as Scope[];
const VIEW_SCOPES: Scope[][] = [
  ['confirm'],
  ['typed'],
  ['outcome', 'global'],
  ['list', 'global'],
  ['overview', 'detail', 'global'],
  ['pager', 'detail', 'global'],
  ['logs', 'detail', 'global'],
  ['result', 'detail', 'global'],
  ['help', 'global'],
  ['input'],
];

describe('the keymap table', () => {
  it.each(scopes)('binds no key twice in scope %s', (scope) => {
    const keys = KEYMAP.filter((binding) => binding.scope === scope).flatMap((binding) => binding.keys);
    expect(keys.length).toBe(new Set(keys).size);
  });

  it('never binds ctrl-d (EOF) or ctrl-k (tmux)', () => {
    const keys = KEYMAP.flatMap((binding) => binding.keys);
    expect(keys).not.toContain('ctrl-d');
    expect(keys).not.toContain('ctrl-k');
  });

  it('binds c, D, R to the actions in the list and the detail view, space and u to marks', () => {
    for (const scopes of [
      ['list', 'global'],
      ['overview', 'detail', 'global'],
      ['logs', 'detail', 'global'],
    ] as Scope[][]) {
      expect(resolveKey(scopes, 'c')?.command).toBe('action-cancel');
      expect(resolveKey(scopes, 'D')?.command).toBe('action-delete');
      expect(resolveKey(scopes, 'R')?.command).toBe('action-retry');
    }
    expect(resolveKey(['list', 'global'], 'space')?.command).toBe('mark-toggle');
    expect(resolveKey(['list', 'global'], 'u')?.command).toBe('marks-clear');
  });

  it('answers a dialog only with y, n, Esc and Enter (No highlighted), and a delete only by typing', () => {
    expect(resolveKey(['confirm'], 'y')?.command).toBe('confirm-yes');
    expect(resolveKey(['confirm'], 'n')?.command).toBe('confirm-no');
    expect(resolveKey(['confirm'], 'escape')?.command).toBe('confirm-no');
    expect(resolveKey(['confirm'], 'enter')?.command).toBe('confirm-answer');
    expect(resolveKey(['typed'], 'y')).toBeUndefined();
    expect(resolveKey(['typed'], 'escape')?.command).toBe('confirm-no');
    expect(resolveKey(['confirm'], 'q')).toBeUndefined();
  });

  it('gives every function key a letter alias (a ctrl- letter in the prompt, where letters are text)', () => {
    const functionKeys = ['up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown'];
    // why: in the typed confirmation every letter is text being typed, so there its arrows cannot have one.
    for (const binding of KEYMAP.filter(
      (row) => row.scope !== 'typed' && row.keys.some((key) => functionKeys.includes(key)),
    )) {
      const alias = binding.scope === 'input' ? /^ctrl-[a-z]$/ : /^[a-zA-Z]$/;
      expect(
        binding.keys.some((key) => alias.test(key)),
        `${binding.scope} ${binding.command}`,
      ).toBe(true);
    }
  });

  it('binds the keys fingers expect', () => {
    const expectations: [Scope[], string, string][] = [
      [['list', 'global'], 'j', 'move-down'],
      [['list', 'global'], 'down', 'move-down'],
      [['list', 'global'], 'k', 'move-up'],
      [['list', 'global'], 'g', 'move-top'],
      [['list', 'global'], 'G', 'move-bottom'],
      [['list', 'global'], 'home', 'move-top'],
      [['list', 'global'], 'end', 'move-bottom'],
      [['list', 'global'], 'pagedown', 'page-down'],
      [['list', 'global'], 'f', 'page-down'],
      [['list', 'global'], 'b', 'page-up'],
      [['list', 'global'], 'enter', 'open-detail'],
      [['list', 'global'], '/', 'filter-open'],
      [['list', 'global'], 'r', 'refresh'],
      [['list', 'global'], 'p', 'pause-toggle'],
      [['list', 'global'], '+', 'interval-faster'],
      [['list', 'global'], '-', 'interval-slower'],
      [['list', 'global'], 's', 'sort-next'],
      [['list', 'global'], 'I', 'sort-reverse'],
      [['list', 'global'], 'S', 'sources-open'],
      [['list', 'global'], ':', 'command-open'],
      [['list', 'global'], '!', 'toggle-attention'],
      [['list', 'global'], 'a', 'toggle-active'],
      [['list', 'global'], 'F', 'toggle-failed'],
      [['list', 'global'], 'o', 'source-next'],
      [['list', 'global'], 't', 'toggle-source-counts'],
      [['list', 'global'], 'y', 'copy-id'],
      [['list', 'global'], '?', 'help-open'],
      [['list', 'global'], 'q', 'quit'],
      [['list', 'global'], 'ctrl-c', 'quit'],
      [['overview', 'detail', 'global'], 'escape', 'back'],
      [['overview', 'detail', 'global'], 'tab', 'tab-next'],
      [['overview', 'detail', 'global'], 'shift-tab', 'tab-prev'],
      [['overview', 'detail', 'global'], '3', 'tab-select'],
      [['overview', 'detail', 'global'], 'enter', 'open-link'],
      [['logs', 'detail', 'global'], 'n', 'search-next'],
      [['logs', 'detail', 'global'], 'N', 'search-prev'],
      [['logs', 'detail', 'global'], '/', 'search-open'],
      [['result', 'detail', 'global'], 'space', 'tree-toggle'],
      [['result', 'detail', 'global'], 'left', 'tree-collapse'],
      [['result', 'detail', 'global'], 'right', 'tree-expand'],
      [['pager', 'detail', 'global'], 'right', 'tab-next'],
      [['help', 'global'], 'escape', 'help-close'],
      [['help', 'global'], 'q', 'help-close'],
      [['help', 'global'], 'ctrl-c', 'quit'],
      [['input'], 'enter', 'input-commit'],
      [['input'], 'escape', 'input-cancel'],
    ];
    for (const [active, key, command] of expectations)
      expect(resolveKey(active, key)?.command, `${active[0]} ${key}`).toBe(command);
  });
});

/** Help as one string per entry: a wrapped description's continuation lines joined to its first line. */
function helpEntries(active: Parameters<typeof helpLines>[0]): string[] {
  const out: string[] = [];
  for (const line of helpLines(active).map((each) => each.segments.map((segment) => segment.text).join(''))) {
    if (/^ {25}\S/.test(line) && out.length > 0)
      out[out.length - 1] = `${out[out.length - 1].trimEnd()} ${line.trim()}`;
    else out.push(line);
  }
  return out;
}

describe('footer, help and README agree with the table', () => {
  it.each(VIEW_SCOPES)('footer hints of %s are bindings listed in help', (...active) => {
    const help = helpEntries(active);
    const bindings = activeBindings(active).filter((binding) => binding.hint);
    expect(footerHints(active).map((hint) => hint.label)).toEqual(bindings.map((binding) => binding.hint));
    for (const binding of bindings) {
      expect(help.some((line) => line.includes(binding.description) && line.includes(bindingKeysLabel(binding)))).toBe(
        true,
      );
    }
  });

  it.each(VIEW_SCOPES)('help for %s lists every active binding once', (...active) => {
    const help = helpEntries(active);
    for (const binding of activeBindings(active)) {
      expect(
        help.filter((line) => line.includes(binding.description) && line.includes(bindingKeysLabel(binding))).length,
      ).toBe(1);
    }
  });

  it('renders the README table with one row per binding', () => {
    const markdown = renderKeyTableMarkdown();
    const rows = markdown.trim().split('\n');
    expect(rows[0]).toBe('| Keys | Action | Name (for `keys:`) | Where |');
    expect(rows.length).toBe(KEYMAP.length + 2);
    for (const binding of KEYMAP) {
      const keys = binding.keys.map((key) => `\`${keyLabel(key)}\``).join(' ');
      expect(rows).toContain(
        `| ${keys} | ${binding.description} | \`${binding.command}\` | ${SCOPES[binding.scope]} |`,
      );
    }
  });

  it('leaves shadowed keys out of help', () => {
    const result = activeBindings(['result', 'detail', 'global']);
    const tabNext = result.find((binding) => binding.command === 'tab-next');
    expect(tabNext?.keys).toEqual(['tab']);
  });
});
