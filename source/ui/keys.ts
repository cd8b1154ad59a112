/**
 * Key names: one canonical string per key press ("j", "G", "enter", "shift-tab", "ctrl-c"),
 * so the keymap table, the reducer and the tests all speak the same language.
 */
import type { Key } from 'ink';

/** A canonical key name: a printable character, or a named key. */
export type KeyName = string;

/** Named keys and how the help and footer print them. */
export const KEY_LABELS: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  'shift-tab': 'S-Tab',
  backspace: 'Bksp',
  space: 'Space',
};

/** How a key is printed in the footer, help and README: "↓", "Esc", "^C", "j". */
export function keyLabel(name: KeyName): string {
  if (KEY_LABELS[name]) return KEY_LABELS[name];
  if (name.startsWith('ctrl-')) return `^${name.slice(5).toUpperCase()}`;
  return name;
}

/** True for keys that type text into a prompt (one printable character). */
export function isPrintableKey(name: KeyName): boolean {
  return name === 'space' || ([...name].length === 1 && name >= ' ');
}

/** The text a printable key types. */
export function keyText(name: KeyName): string {
  return name === 'space' ? ' ' : name;
}

/** Maps Ink's (input, key) pair to a key name; null for presses jobtop ignores (pastes, alt-combinations). */
export function toKeyName(input: string, key: Key): KeyName | null {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.tab) return key.shift ? 'shift-tab' : 'tab';
  // why: Ink reports the 0x7f most terminals send for Backspace as `delete`.
  if (key.backspace || key.delete) return 'backspace';
  if (key.escape) return 'escape';
  if (key.ctrl && input.length === 1) return `ctrl-${input.toLowerCase()}`;
  if (key.meta) return null;
  if (input === ' ') return 'space';
  if ([...input].length === 1 && input >= ' ') return input;
  return null;
}

/**
 * Key names of a multi-character chunk. Over a slow link several key presses arrive in one
 * read and Ink hands them over as one string; splitting them keeps type-ahead working.
 */
export function splitChunk(input: string): KeyName[] {
  const names: KeyName[] = [];
  for (const char of input) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\r' || char === '\n') names.push('enter');
    else if (char === '\t') names.push('tab');
    else if (char === '\x7f' || char === '\b') names.push('backspace');
    else if (char === ' ') names.push('space');
    else if (code >= 1 && code <= 26) names.push(`ctrl-${String.fromCharCode(code + 96)}`);
    else if (code >= 32 && code !== 127 && !(code >= 0x80 && code < 0xa0)) names.push(char);
  }
  return names;
}
