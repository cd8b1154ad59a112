/**
 * The config's `keys:` applied to the key table: each entry gives an action (a Command of
 * keymap.ts) its keys in every scope it has. Checked before the monitor starts: unknown
 * actions, key names that do not exist, keys a terminal or tmux takes before jobtop sees
 * them, and a key bound twice in one scope are config errors naming file:line.
 */
import { suggestKey } from '../domain/suggest.js';
import { KEYMAP, SCOPES, type Binding, type Command } from './keymap.js';
import { KEY_LABELS, keyLabel, type KeyName } from './keys.js';

/**
 * One `keys:` entry as the config reads it (config/ui-sections.ts builds these): an action, its
 * keys, and where in the file it stands. why: declared here by shape, as the UI may not import
 * the config layer.
 */
export interface ConfiguredKeys {
  action: string;
  keys: string[];
  at: string;
}

/** Keys terminals, shells and multiplexers commonly take, and who takes them. */
export const TAKEN_KEYS: Record<string, string> = {
  'ctrl-a': 'the GNU screen prefix (and a common tmux prefix)',
  'ctrl-b': 'the tmux prefix',
  'ctrl-c': 'interrupt: jobtop always quits on it',
  'ctrl-d': 'end of input',
  'ctrl-z': 'suspend (job control)',
  'ctrl-s': 'XOFF: freezes terminal output',
  'ctrl-q': 'XON: resumes terminal output',
  'ctrl-\\': 'quit with a core dump (SIGQUIT)',
  'ctrl-k': 'a common tmux binding',
  'ctrl-h': 'Backspace on many terminals',
  'ctrl-i': 'Tab (the terminal sends the same byte)',
  'ctrl-m': 'Enter (the terminal sends the same byte)',
  'ctrl-[': 'Escape (the terminal sends the same byte)',
};

const NAMED_ENTRIES: [string, KeyName][] = [
  ...Object.keys(KEY_LABELS).map((name): [string, KeyName] => [name, name]),
  ...Object.entries(KEY_LABELS).map(([name, label]): [string, KeyName] => [label.toLowerCase(), name]),
  ['esc', 'escape'],
  ['return', 'enter'],
  ['pgup', 'pageup'],
  ['pgdn', 'pagedown'],
  ['backtab', 'shift-tab'],
];
const NAMED: Record<string, KeyName> = Object.fromEntries(NAMED_ENTRIES);

/** A key as written in the config (`S`, `C-o`, `ctrl-o`, `^O`, `Enter`, `PgDn`) as a key name; null when it is none. */
export function parseKeyName(text: string): KeyName | null {
  const trimmed = text.trim();
  if (NAMED[trimmed.toLowerCase()]) return NAMED[trimmed.toLowerCase()];
  if ([...trimmed].length === 1 && trimmed >= ' ') return trimmed === ' ' ? 'space' : trimmed;
  const ctrl = /^(?:c-|ctrl-|ctrl\+|\^)(.)$/i.exec(trimmed);
  if (ctrl) return `ctrl-${ctrl[1].toLowerCase()}`;
  return NAMED[trimmed.toLowerCase()] ?? null;
}

/** The key table with the config's bindings in place, or every problem found. */
export function applyKeyConfig(
  entries: readonly ConfiguredKeys[],
  keymap: readonly Binding[] = KEYMAP,
): { keymap: Binding[]; problems: string[] } {
  const problems: string[] = [];
  const commands = [...new Set(keymap.map((binding) => binding.command))];
  let out = keymap.map((binding) => ({ ...binding }));
  for (const entry of entries) {
    if (!commands.includes(entry.action as Command)) {
      const suggestion = suggestKey(entry.action, commands);
      problems.push(
        `${entry.at}: keys.${entry.action}: unknown action${suggestion ? `, did you mean ${suggestion}?` : ''} (the actions are in docs/keys.md)`,
      );
      continue;
    }
    const keys: KeyName[] = [];
    for (const written of entry.keys) {
      const key = parseKeyName(written);
      if (key === null)
        problems.push(
          `${entry.at}: keys.${entry.action}: "${written}" is not a key (a character, C-x, Enter, Esc, Tab, Space, arrows, Home, End, PgUp, PgDn)`,
        );
      else if (TAKEN_KEYS[key])
        problems.push(
          `${entry.at}: keys.${entry.action}: ${keyLabel(key)} is taken by ${TAKEN_KEYS[key]}; choose another key`,
        );
      else keys.push(key);
    }
    if (keys.length > 0)
      out = out.map((binding) =>
        binding.command === entry.action ? { ...binding, keys, hintKeys: undefined } : binding,
      );
  }
  for (const scope of Object.keys(SCOPES)) {
    const seen = new Map<KeyName, Binding>();
    for (const binding of out.filter((row) => row.scope === scope)) {
      for (const key of binding.keys) {
        const other = seen.get(key);
        const entry = entries.find(
          (candidate) => candidate.action === binding.command || candidate.action === other?.command,
        );
        if (other && other.command !== binding.command && entry)
          problems.push(
            `${entry.at}: keys.${entry.action}: ${keyLabel(key)} is bound twice in ${SCOPES[scope as keyof typeof SCOPES]}: ${other.command} and ${binding.command}`,
          );
        seen.set(key, binding);
      }
    }
  }
  return { keymap: out, problems };
}
